// The editor's model of a pipeline and its conversion to and from the definition the API stores
// (the same model as src/main/resources/jobs/*.yaml). Fan-out rules are written exactly as the
// engine's FanOut parses them: single, fixed(n), each(source), batch(source, size), fan_in(stage).

export type FanOutKind = 'single' | 'fixed' | 'each' | 'batch' | 'fan_in';
export const FAN_OUT_KINDS: FanOutKind[] = ['single', 'fixed', 'each', 'batch', 'fan_in'];
export const PARAM_TYPES = ['integer', 'number', 'string', 'boolean', 'array', 'object'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export interface Stage {
  id: string; name: string; taskType: string; kind: FanOutKind;
  /** each/batch: a stage name, `<stage>.<field>` or `params.<list>`; fan_in: a stage name */
  source: string;
  /** fixed: the count; batch: the size — a number or params.<name> */
  count: string;
  runIf: string; description: string;
  /** where the stage sits on the canvas (not part of the definition) */
  x: number; y: number;
}

export interface Param {
  id: string; name: string; type: ParamType; defaultValue: string; minimum: string; maximum: string;
  required: boolean; description: string;
  /** the property's other schema keywords (enum, maxLength, items …), kept as they were */
  extra?: Record<string, unknown>;
}

export interface Pipeline { name: string; description: string; params: Param[]; stages: Stage[] }

export interface SchemaProperty {
  type?: string; default?: unknown; minimum?: number; maximum?: number; description?: string; enum?: unknown[];
}
export interface Schema { type?: string; properties?: Record<string, SchemaProperty>; required?: string[] }
export interface StageDef { name: string; task_type: string; fan_out: string; run_if?: string; description?: string }
export interface Definition { job_type: string; description: string; parameters: Schema; stages: StageDef[] }

let seq = 0;
export const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

export const NAME = /^[a-z][a-z0-9_]{2,62}$/;

/** The stage a rule reads from (for the edge on the canvas), or null for params and counts. */
export function sourceStage(s: Stage): string | null {
  if (!['each', 'batch', 'fan_in'].includes(s.kind) || !s.source || s.source.startsWith('params.')) return null;
  return s.source.split('.')[0];
}

export function fanOutText(s: Stage): string {
  switch (s.kind) {
    case 'single': return 'single';
    case 'fixed': return `fixed(${s.count})`;
    case 'each': return `each(${s.source})`;
    case 'batch': return `batch(${s.source}, ${s.count})`;
    case 'fan_in': return `fan_in(${s.source})`;
  }
}

export function parseFanOut(text: string): Pick<Stage, 'kind' | 'source' | 'count'> {
  const m = /^\s*(\w+)\s*(?:\((.*)\))?\s*$/.exec(text ?? 'single');
  const kind = (m && FAN_OUT_KINDS.includes(m[1] as FanOutKind) ? m[1] : 'single') as FanOutKind;
  const args = (m?.[2] ?? '').split(',').map((a) => a.trim());
  if (kind === 'fixed') return { kind, source: '', count: args[0] ?? '' };
  if (kind === 'batch') return { kind, source: args[0] ?? '', count: args[1] ?? '' };
  if (kind === 'each' || kind === 'fan_in') return { kind, source: args[0] ?? '', count: '' };
  return { kind, source: '', count: '' };
}

function typedValue(type: ParamType, raw: string): unknown {
  const v = raw.trim();
  if (type === 'integer' || type === 'number') return v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
  if (type === 'boolean') return v === 'true' ? true : v === 'false' ? false : v;
  if (type === 'array' || type === 'object') {
    try { return JSON.parse(v); } catch { return v; }
  }
  return raw;
}

export function toDefinition(p: Pipeline): Definition {
  const properties: Record<string, SchemaProperty> = {};
  for (const q of p.params) {
    const prop: SchemaProperty = { ...(q.extra ?? {}), type: q.type };
    if (q.defaultValue.trim() !== '') prop.default = typedValue(q.type, q.defaultValue);
    if (q.minimum.trim() !== '') prop.minimum = Number(q.minimum);
    if (q.maximum.trim() !== '') prop.maximum = Number(q.maximum);
    if (q.description.trim() !== '') prop.description = q.description;
    properties[q.name] = prop;
  }
  const required = p.params.filter((q) => q.required).map((q) => q.name);
  return {
    job_type: p.name,
    description: p.description,
    parameters: { type: 'object', properties, ...(required.length ? { required } : {}) },
    stages: p.stages.map((s) => ({
      name: s.name, task_type: s.taskType, fan_out: fanOutText(s),
      ...(s.runIf.trim() ? { run_if: s.runIf.trim() } : {}),
      ...(s.description.trim() ? { description: s.description } : {}),
    })),
  };
}

const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function param(name: string, q: SchemaProperty): Omit<Param, 'extra'> {
  return {
    id: newId('p'), name, type: (PARAM_TYPES.includes(q.type as ParamType) ? q.type : 'string') as ParamType,
    defaultValue: text(q.default), minimum: text(q.minimum), maximum: text(q.maximum), required: false,
    description: q.description ?? '',
  };
}

function extraKeywords(q: SchemaProperty): Record<string, unknown> {
  const { type: _t, default: _d, minimum: _min, maximum: _max, description: _desc, ...extra } = q;
  return extra;
}

export function fromDefinition(d: Definition): Pipeline {
  const props = d.parameters?.properties ?? {};
  const required = new Set(d.parameters?.required ?? []);
  return {
    name: d.job_type, description: d.description ?? '',
    params: Object.entries(props).map(([name, q]) => ({ ...param(name, q), required: required.has(name), extra: extraKeywords(q) })),
    stages: (d.stages ?? []).map((s) => ({
      id: newId('s'), name: s.name, taskType: s.task_type, ...parseFanOut(s.fan_out),
      runIf: s.run_if ?? '', description: s.description ?? '', x: 0, y: 0,
    })),
  };
}

export interface ValidationError { path: string; message: string }

/** Errors by where they belong: stage index, parameter name, or the pipeline as a whole. */
export function placeErrors(errors: ValidationError[]) {
  const stages = new Map<number, ValidationError[]>();
  const params = new Map<string, ValidationError[]>();
  const general: ValidationError[] = [];
  for (const e of errors) {
    const st = /^stages\[(\d+)\]/.exec(e.path);
    const pa = /^parameters\.properties\.([^.]+)/.exec(e.path);
    if (st) stages.set(Number(st[1]), [...(stages.get(Number(st[1])) ?? []), e]);
    else if (pa) params.set(pa[1], [...(params.get(pa[1]) ?? []), e]);
    else general.push(e);
  }
  return { stages, params, general };
}
