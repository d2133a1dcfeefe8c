// One job: overall and per-stage progress, the stage × task swimlane, handler progress of the
// running tasks, errors with their retry history, the event timeline, the map preview of what it
// produced, and the operator verbs (shown to operators only; the server checks again).
import { Counts, JobEvent, JobStatus, Me, Output, Progress, Task, api, isOperator } from '../api';
import { bar, h, replace } from '../dom';
import { count, duration, rate, when } from '../format';
import { poll } from '../poll';
import type { View } from '../main';
import type L from 'leaflet';
import { previewMap } from './map';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const CELLS_PER_STAGE = 1000;

export const jobView: View = (el, ctx) => {
  const id = ctx.path[1];
  const head = h('section', { class: 'panel job-head' });
  const overall = h('section', { class: 'panel' });
  const stages = h('tbody');
  const lanes = h('div', { class: 'swimlane', id: 'swimlane' });
  const running = h('div');
  const errors = h('div', { id: 'errors' });
  const timeline = h('ol', { class: 'timeline', id: 'timeline' });
  const mapBox = h('section', { class: 'panel', id: 'preview', hidden: true });
  el.append(head, overall,
    h('section', { class: 'panel' }, h('h2', {}, 'Stages'), h('table', { class: 'stages' }, h('thead', {}, h('tr', {},
      ...['stage', 'task type', 'status', 'progress', 'tasks', 'rate', 'ETA'].map((c) => h('th', {}, c)))), stages)),
    h('section', { class: 'panel' }, h('h2', {}, 'Tasks by stage'), legend(), lanes, running),
    h('section', { class: 'panel' }, h('h2', {}, 'Errors and retries'), errors),
    mapBox,
    h('section', { class: 'panel' }, h('h2', {}, 'Timeline'), timeline));

  const laneCache: LaneCache = new Map();
  let lastEvent = 0;
  let finalRound = false;
  let mapShown = false;
  let map: L.Map | null = null;
  let gone = false;
  const stop = poll(async () => {
    const [job, progress] = await Promise.all([
      api<JobStatus>(`/api/jobs/status/${encodeURIComponent(id)}`),
      api<Progress>(`/api/jobs/${encodeURIComponent(id)}/progress`),
    ]);
    renderHead(head, job, ctx.me);
    renderOverall(overall, progress);
    replace(stages, ...progress.stages.map(stageRow));
    const known = await renderLanes(lanes, id, progress, laneCache);
    renderRunning(running, progress);
    await renderErrors(errors, id, progress.tasks, known);
    lastEvent = await appendEvents(timeline, id, lastEvent);
    const done = TERMINAL.has(job.status);
    if (done && !mapShown) {
      mapShown = true;
      map = await showOutputs(mapBox, id);
      if (gone) map?.remove(); // the user left while it was drawn
    }
    if (done && finalRound) return false; // one more round after the end picks up the last events
    finalRound = done;
  }, 2000);
  return () => {
    gone = true;
    stop();
    map?.remove();
  };
};

function legend(): HTMLElement {
  return h('div', { class: 'legend' }, ...['queued', 'processing', 'completed', 'failed', 'cancelled', 'interrupted']
    .map((s) => h('span', {}, h('i', { class: `cell ${s}` }), s)));
}

function renderHead(el: HTMLElement, job: JobStatus, me: Me): void {
  const verbs = h('div', { class: 'verbs' });
  if (isOperator(me)) {
    const run = async (label: string, path: string, method = 'POST', body: unknown = {}) => {
      if (!confirm(`${label} job ${job.jobId.slice(0, 12)}…?`)) return;
      try {
        await api(path, { method, body: method === 'DELETE' ? undefined : JSON.stringify(body) });
        verbs.append(h('span', { class: 'ok' }, `${label}: done`));
      } catch (e) {
        verbs.append(h('span', { class: 'error' }, `${label}: ${(e as Error).message}`));
      }
    };
    const base = `/api/jobs/${encodeURIComponent(job.jobId)}`;
    if (!TERMINAL.has(job.status)) verbs.append(h('button', { class: 'danger', id: 'verb-cancel',
      onclick: () => void run('Cancel', base + '/cancel', 'POST', { reason: 'cancelled from the dashboard' }) }, 'Cancel'));
    if (job.status === 'failed') verbs.append(h('button', { id: 'verb-retry', onclick: () => void run('Retry failed tasks of', base + '/retry') }, 'Retry failed tasks'));
    if (TERMINAL.has(job.status)) {
      verbs.append(h('button', { id: 'verb-resubmit', onclick: () => void run('Resubmit', base + '/resubmit') }, 'Resubmit'),
        h('button', { class: 'danger', id: 'verb-delete', onclick: () => void run('Delete', base + '?confirm=yes', 'DELETE') }, 'Delete'));
    }
  }
  replace(el, h('div', { class: 'toolbar' }, h('h1', {}, job.jobType), h('span', { class: `pill ${job.status}` }, job.status), verbs),
    h('dl', { class: 'facts' },
      ...fact('job id', h('span', { class: 'mono' }, job.jobId)), ...fact('attempt', job.attempt),
      ...fact('stage', `${job.stage} of ${job.totalStages}`), ...fact('created', when(job.createdAt)),
      ...fact('started', when(job.startedAt)), ...fact('ended', when(job.completedAt))),
    job.errorDetails ? h('p', { class: 'error' }, job.errorDetails) : null,
    h('details', {}, h('summary', {}, 'parameters'), h('pre', {}, JSON.stringify(job.parameters, null, 2))));
}

function fact(label: string, value: Node | string | number): (Node | string)[] {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function renderOverall(el: HTMLElement, p: Progress): void {
  replace(el, h('h2', {}, 'Progress'), h('div', { id: 'job-progress' }, bar(p.progress_pct, undefined, p.status)),
    h('dl', { class: 'facts' },
      ...fact('tasks', `${count(p.tasks.completed ?? 0)} of ${count(p.tasks.total)} done`),
      ...fact('rate (60 s)', rate(p.rate_per_min)), ...fact('smoothed rate', rate(p.rate_smoothed_per_min)),
      ...fact('ETA', p.status === 'completed' ? 'done' : TERMINAL.has(p.status) ? '—'
        : duration(p.eta_seconds) + (p.eta_scope === 'planned_tasks' && p.eta_seconds !== null ? ' (planned stages only)' : '')),
      ...fact('error rate', `${(p.error_rate * 100).toFixed(1)} %`)));
}

function stageRow(s: Progress['stages'][number]): HTMLElement {
  if (s.status === 'skipped') {
    return h('tr', { 'data-stage': s.stage, class: 'skipped' }, h('td', {}, `${s.stage}. ${s.name}`),
      h('td', { class: 'mono' }, s.task_type), h('td', {}, h('span', { class: 'pill skipped' }, 'skipped')),
      h('td', { class: 'muted', colspan: 4 }, 'its run_if is false: no tasks'));
  }
  return h('tr', { 'data-stage': s.stage },
    h('td', {}, `${s.stage}. ${s.name}`), h('td', { class: 'mono' }, s.task_type),
    h('td', {}, h('span', { class: `pill ${s.status}` }, s.status)),
    h('td', { class: 'progress' }, bar(s.progress_pct, undefined, s.tasks.failed > 0 ? 'failed' : s.status)),
    h('td', { class: 'num' }, countsText(s.tasks)), h('td', { class: 'num' }, rate(s.rate_per_min)),
    h('td', { class: 'num' }, s.status === 'completed' ? 'done' : duration(s.eta_seconds)));
}

function countsText(c: Counts): string {
  return Object.entries(c).filter(([k, v]) => k !== 'total' && v > 0).map(([k, v]) => `${count(v)} ${k}`).join(', ')
    || `${count(c.total)} planned`;
}

/** A stage's tasks as last read, and the counts they were read at. */
type LaneCache = Map<number, { counts: string; tasks: Task[] }>;

/**
 * Draws a cell per task (up to CELLS_PER_STAGE a stage); returns the tasks it read, by id. A stage
 * whose counts by status have not changed since the last read is not read again, so a large job's
 * finished stages cost nothing per refresh.
 */
async function renderLanes(el: HTMLElement, id: string, p: Progress, cache: LaneCache): Promise<Map<string, Task>> {
  const known = new Map<string, Task>();
  const lanes = await Promise.all(p.stages.filter((s) => s.tasks.total > 0).map(async (s) => {
    const counts = JSON.stringify(s.tasks);
    let tasks = cache.get(s.stage)?.counts === counts ? cache.get(s.stage)!.tasks : null;
    if (!tasks) {
      tasks = (await api<{ tasks: Task[] }>(`/api/jobs/${encodeURIComponent(id)}/tasks?stage=${s.stage}&limit=${CELLS_PER_STAGE}`)).tasks
        .sort((a, b) => a.taskIndex - b.taskIndex);
      cache.set(s.stage, { counts, tasks });
    }
    tasks.forEach((t) => known.set(t.taskId, t));
    const cells = tasks.map((t) => h('i', {
      class: `cell ${t.status}`, title: `#${t.taskIndex} ${t.status}, attempt ${t.attempts}${t.errorDetails ? ': ' + t.errorDetails : ''}`,
    }));
    const more = s.tasks.total - tasks.length;
    return h('div', { class: 'lane', 'data-stage': s.stage }, h('div', { class: 'lane-name' }, `${s.stage}. ${s.name}`),
      h('div', { class: 'cells' }, ...cells, more > 0 ? h('span', { class: 'muted' }, ` +${count(more)} more`) : null));
  }));
  replace(el, ...lanes);
  if (lanes.length === 0) el.append(h('p', { class: 'muted' }, 'no tasks planned yet'));
  return known;
}

function renderRunning(el: HTMLElement, p: Progress): void {
  if (p.running.length === 0) return replace(el);
  // tasks whose handler reports progress get a line each; the others are counted per worker
  const reporting = p.running.filter((r) => r.progress_pct !== null || r.message || r.items_total);
  const quiet = new Map<string, number>();
  for (const r of p.running) {
    if (!reporting.includes(r)) quiet.set(r.worker ?? 'unknown worker', (quiet.get(r.worker ?? 'unknown worker') ?? 0) + 1);
  }
  replace(el, h('h3', {}, `Running now: ${count(p.running.length)}`), h('ul', { class: 'running-tasks' },
    ...reporting.slice(0, 20).map((r) => h('li', {},
      h('span', { class: 'mono' }, `${r.task_type} (stage ${r.stage})`),
      r.progress_pct !== null ? bar(r.progress_pct) : h('span'),
      h('span', { class: 'muted' }, [r.message, r.items_total ? `${count(r.items_done)} of ${count(r.items_total)}` : null,
        r.worker ? `on ${r.worker}` : null, r.started_at ? `for ${duration((Date.now() - Date.parse(r.started_at)) / 1000)}` : null]
        .filter(Boolean).join(' · ')))),
    ...[...quiet].map(([worker, n]) => h('li', { class: 'muted' }, `${count(n)} without progress reports on ${worker}`))));
}

async function renderErrors(el: HTMLElement, id: string, tasks: Counts, known: Map<string, Task>): Promise<void> {
  const base = `/api/jobs/${encodeURIComponent(id)}`;
  const [failed, retries, failures] = await Promise.all([
    tasks.failed ? api<{ tasks: Task[] }>(`${base}/tasks?status=failed&limit=50`) : Promise.resolve({ tasks: [] as Task[] }),
    api<{ events: JobEvent[] }>(`${base}/events?event_type=task_retrying&limit=500`),
    api<{ events: JobEvent[] }>(`${base}/events?event_type=task_failed&limit=500`),
  ]);
  const history = new Map<string, JobEvent[]>();
  for (const e of [...retries.events, ...failures.events].sort((a, b) => a.eventId - b.eventId)) {
    if (e.taskId) history.set(e.taskId, [...(history.get(e.taskId) ?? []), e]);
  }
  const ids = new Set([...failed.tasks.map((t) => t.taskId), ...history.keys()]);
  if (ids.size === 0) return replace(el, h('p', { class: 'muted' }, 'no task failed or retried'));
  const byId = new Map([...known, ...failed.tasks.map((t) => [t.taskId, t] as [string, Task])]);
  replace(el, h('ul', { class: 'errors' }, ...[...ids].slice(0, 50).map((tid) => {
    const t = byId.get(tid);
    const events = history.get(tid) ?? [];
    return h('li', {}, h('div', {}, h('span', { class: 'mono' }, tid.slice(0, 12) + '…'),
      t ? ` ${t.taskType} #${t.taskIndex} of stage ${t.stage}: ${t.status} after ${t.attempts} attempt${t.attempts === 1 ? '' : 's'}`
        + (t.errorType ? ` (${t.errorType})` : '') : ''),
    t?.errorDetails ? h('div', { class: 'error' }, t.errorDetails) : null,
    h('ol', { class: 'history' }, ...events.map((e) => h('li', {}, `${when(e.createdAt)} ${e.eventType}: ${e.errorMessage ?? ''}`))));
  })));
}

async function appendEvents(el: HTMLElement, id: string, after: number): Promise<number> {
  const page = await api<{ events: JobEvent[] }>(`/api/jobs/${encodeURIComponent(id)}/events?after=${after}&limit=500`);
  for (const e of page.events) {
    el.prepend(h('li', { class: e.eventStatus },
      h('time', {}, when(e.createdAt)), h('span', { class: 'type' }, e.eventType),
      e.stage !== null ? h('span', { class: 'muted' }, `stage ${e.stage}`) : null,
      e.durationMs !== null ? h('span', { class: 'muted' }, `${count(e.durationMs)} ms`) : null,
      e.errorMessage ? h('span', { class: 'error' }, e.errorMessage) : null));
  }
  while (el.children.length > 300) el.lastElementChild?.remove();
  return page.events.length ? page.events[page.events.length - 1].eventId : after;
}

async function showOutputs(el: HTMLElement, id: string): Promise<L.Map | null> {
  const { outputs } = await api<{ outputs: Output[] }>(`/api/preview/jobs/${encodeURIComponent(id)}/outputs`);
  if (outputs.length === 0) return null;
  el.hidden = false;
  replace(el, h('h2', {}, 'Map preview of the outputs'));
  return previewMap(el, outputs);
}
