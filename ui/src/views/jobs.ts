// The dashboard: jobs with live progress, filters, and the queues' depths at a glance.
import { Active, ActiveJob, JobList, JobRow, api } from '../api';
import { bar, h, replace } from '../dom';
import { ago, count, duration, rate, shortId } from '../format';
import { poll } from '../poll';
import type { View } from '../main';
import { queueDepths } from './queues';

const ENDED = new Set(['completed', 'failed', 'cancelled']);
const STATUSES = ['', 'queued', 'processing', 'completed', 'failed', 'cancelled'];

export const jobsView: View = (el, ctx) => {
  const status = ctx.params.get('status') ?? '';
  const type = ctx.params.get('job_type') ?? '';
  const setFilter = (key: string, value: string) => {
    const p = new URLSearchParams(ctx.params);
    if (value) p.set(key, value); else p.delete(key);
    location.hash = '#/' + (p.toString() ? '?' + p : '');
  };
  const typeSelect = h('select', { id: 'filter-type', onchange: (e: Event) =>
    setFilter('job_type', (e.target as HTMLSelectElement).value) }, h('option', { value: '' }, 'all types')) as HTMLSelectElement;
  const statusSelect = h('select', { id: 'filter-status', onchange: (e: Event) =>
    setFilter('status', (e.target as HTMLSelectElement).value) },
  ...STATUSES.map((s) => h('option', { value: s, selected: s === status }, s || 'all statuses')));
  const table = h('tbody');
  const summary = h('span', { class: 'muted' });
  const depths = h('div', { class: 'depths' });
  const updated = h('span', { class: 'muted updated' });
  el.append(
    h('section', { class: 'panel' }, h('h2', {}, 'Queues'), depths),
    h('section', { class: 'panel' },
      h('div', { class: 'toolbar' }, h('h2', {}, 'Jobs'), statusSelect, typeSelect, summary, updated),
      h('table', { class: 'jobs' },
        h('thead', {}, h('tr', {}, ...['job', 'type', 'status', 'stage', 'progress', 'rate', 'ETA', 'updated']
          .map((c) => h('th', {}, c)))), table)));

  void api<{ job_types: { job_type: string }[] }>('/api/jobs/types').then((t) => {
    for (const jt of t.job_types) typeSelect.append(h('option', { value: jt.job_type, selected: jt.job_type === type }, jt.job_type));
  });

  const query = new URLSearchParams({ limit: '50' });
  if (status) query.set('status', status);
  if (type) query.set('job_type', type);
  return poll(async () => {
    const [list, active] = await Promise.all([
      api<JobList>('/api/jobs?' + query),
      api<Active>('/api/metrics/active?minutes=15&snapshots=false'),
    ]);
    const live = new Map(active.jobs.map((j) => [j.job_id, j]));
    replace(table, ...list.jobs.map((j) => row(j, live.get(j.jobId))));
    if (list.jobs.length === 0) table.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'no jobs')));
    replace(summary, `${count(list.total)} job${list.total === 1 ? '' : 's'}${list.total > list.jobs.length ? `, newest ${list.jobs.length} shown` : ''}`);
    replace(updated, 'live · ' + new Date().toLocaleTimeString('en-GB'));
    await queueDepths(depths, ctx.me);
  }, 2000);
};

function row(j: JobRow, live: ActiveJob | undefined): HTMLElement {
  const pct = j.status === 'completed' ? 100 : live?.progress_pct ?? 0;
  const link = `#/jobs/${encodeURIComponent(j.jobId)}`;
  return h('tr', { 'data-job': j.jobId, class: `job ${j.status}` },
    h('td', {}, h('a', { href: link, title: j.jobId, class: 'mono' }, shortId(j.jobId))),
    h('td', {}, j.jobType),
    h('td', {}, h('span', { class: `pill ${j.status}` }, j.status)),
    h('td', { class: 'num' }, `${j.stage}/${j.totalStages}`),
    h('td', { class: 'progress' }, bar(pct, undefined, j.status)),
    h('td', { class: 'num' }, live && !ENDED.has(j.status) ? rate(live.rate_per_min) : '—'),
    h('td', { class: 'num' }, j.status === 'completed' ? 'done' : live && !ENDED.has(j.status) ? duration(live.eta_seconds) : '—'),
    h('td', { class: 'muted' }, ago(j.updatedAt)));
}
