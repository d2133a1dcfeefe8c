// The builder's calls to the pipeline API (docs/pipelines.md); auth and errors as the dashboard's api().
import { api } from '../api';
import type { Definition, Schema, ValidationError } from './model';

export interface TaskType { name: string; description: string; queue_class: string; parameters?: Schema; result?: Schema }
export interface PipelineRow { name: string; status: string; latest_version: number | null; draft: boolean; builtin: boolean }
export interface PipelineDoc { name: string; status: string; builtin?: boolean; draft: Definition | null; published_version: number | null; definition: Definition }
export interface Validation { valid: boolean; errors: ValidationError[] }
export interface PlanStage { number: number; name: string; task_type: string; queue: string; tasks: number | null; skipped: boolean; note?: string }
export interface Version { version: number; status: string; published_at: string; author: string }
export interface Plan { stages: PlanStage[]; total_tasks: number; total_exact?: boolean }

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const path = (name: string, rest = '') => `/api/pipelines/${encodeURIComponent(name)}${rest}`;

export const client = {
  taskTypes: () => api<{ task_types: TaskType[] }>('/api/task-types').then((r) => r.task_types),
  list: () => api<{ pipelines: PipelineRow[] }>('/api/pipelines').then((r) => r.pipelines),
  get: (name: string) => api<PipelineDoc>(path(name)),
  create: (d: Definition) => api<unknown>('/api/pipelines', json(d)),
  update: (d: Definition) => api<unknown>(path(d.job_type), { ...json(d), method: 'PUT' }),
  validate: (d: Definition) => api<Validation>(path(d.job_type, '/validate'), json(d)),
  plan: (name: string, parameters: Record<string, unknown>) => api<Plan>(path(name, '/plan'), json({ parameters })),
  publish: (name: string) => api<{ name: string; version: number }>(path(name, '/publish'), json({})),
  versions: (name: string) => api<{ versions: Version[] }>(path(name, '/versions')).then((r) => r.versions),
  archive: (name: string, version: number) =>
    api<{ latest_version: number | null }>(path(name, `/versions/${version}/archive`), { method: 'POST' }),
  submit: (name: string, parameters: Record<string, unknown>) =>
    api<{ job_id: string }>(`/api/jobs/submit/${encodeURIComponent(name)}`, json(parameters)),
};
