// Every call carries the API key the user pasted (kept in sessionStorage: gone when the tab
// closes, never in a cookie, so no other site can make the browser use it).
const KEY = 'geoetl.apiKey';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const auth = {
  key: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key.trim()),
  clear: () => sessionStorage.removeItem(KEY),
};

let onUnauthorized: () => void = () => {};
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const key = auth.key();
  // an API key goes in X-API-Key; anything else pasted is taken for an OIDC bearer token
  if (key) {
    if (key.startsWith('geoetl_')) headers.set('X-API-Key', key);
    else headers.set('Authorization', `Bearer ${key}`);
  }
  if (init.body) headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  const res = await fetch(path, { ...init, headers, cache: 'no-store' });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    throw new ApiError(res.status, body?.error ?? `HTTP ${res.status}`);
  }
  return body as T;
}

export type Counts = { total: number; [status: string]: number };

export interface Me { subject: string; auth: string; roles: string[] }

export interface JobRow {
  jobId: string; jobType: string; status: string; stage: number; totalStages: number;
  createdAt: string; updatedAt: string;
}

export interface JobList { total: number; limit: number; offset: number; jobs: JobRow[] }

export interface StageProgress {
  stage: number; name: string; task_type: string; status: string; tasks: Counts;
  progress_pct: number; rate_per_min: number; eta_seconds: number | null;
}

export interface Progress {
  job_id: string; job_type: string; status: string; current_stage: number; total_stages: number;
  progress_pct: number; tasks: Counts; rate_per_min: number; rate_smoothed_per_min: number;
  eta_seconds: number | null; error_rate: number; stages: StageProgress[];
  running: { task_id: string; stage: number; task_type: string; progress_pct: number | null; message: string | null;
    items_done: number | null; items_total: number | null; worker: string | null; started_at: string | null }[];
  eta_scope?: 'job' | 'planned_tasks';
}

export interface ActiveJob {
  job_id: string; job_type: string; status: string; progress_pct: number; rate_per_min: number;
  eta_seconds: number | null; updated_at: string;
}

export interface Active { minutes: number; jobs: ActiveJob[]; snapshots: unknown[] }

export interface JobStatus {
  jobId: string; jobType: string; status: string; stage: number; totalStages: number; attempt: number;
  parameters: Record<string, unknown>; createdAt: string; updatedAt: string; startedAt: string | null;
  completedAt: string | null; errorDetails?: string; errorHistory?: unknown;
}

export interface Task {
  taskId: string; taskType: string; stage: number; stageName: string; taskIndex: number; status: string;
  attempts: number; errorDetails: string | null; errorType: string | null; executedBy: string | null;
  executionStartedAt: string | null; completedAt: string | null; updatedAt: string;
}

export interface JobEvent {
  eventId: number; taskId: string | null; stage: number | null; eventType: string; eventStatus: string;
  eventData: unknown; errorMessage: string | null; durationMs: number | null; createdAt: string;
}

export interface Output {
  kind: 'table' | 'cog'; schema?: string; table?: string; geometry_type?: string; feature_count?: number;
  collection?: string; item?: string; width?: number; height?: number;
}

export const isOperator = (me: Me | null) => !!me && me.roles.includes('operator');
