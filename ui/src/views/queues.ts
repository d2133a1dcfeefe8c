// Queue depths (every reader, from /health) and, for operators, consumption state with pause and
// resume, the worker instances and the janitor's recent runs.
import { Me, api, isOperator } from '../api';
import { h, replace } from '../dom';
import { ago, count, when } from '../format';
import { poll } from '../poll';
import type { View } from '../main';

interface Health { broker?: { status: string; queue_depths?: Record<string, number> } }

export async function queueDepths(el: HTMLElement, me: Me): Promise<void> {
  const health = await api<Health>('/health');
  const depths = health.broker?.queue_depths;
  if (!depths) {
    replace(el, h('span', { class: 'muted' }, `broker ${health.broker?.status ?? 'unknown'}: depths not available`));
    return;
  }
  replace(el, ...Object.entries(depths).map(([q, n]) => h('div', { class: `depth ${q === 'DLQ' ? 'dlq' : ''} ${n > 0 && q === 'DLQ' ? 'warn' : ''}`,
    'data-queue': q }, h('span', { class: 'n' }, count(n)), h('span', { class: 'q' }, q === 'DLQ' ? 'dead letters' : q))),
  isOperator(me) ? h('a', { href: '#/queues', class: 'more' }, 'manage →') : null);
}

interface Worker { instanceId: string; host: string; pid: number; roles: string; status: string; startedAt: string;
  lastHeartbeat: string; endedAt: string | null; endReason: string | null; tasksReleased: number }

export const queuesView: View = (el, ctx) => {
  const depths = h('div', { class: 'depths' });
  const controls = h('tbody');
  const workers = h('tbody');
  const janitor = h('tbody');
  const note = h('p', { class: 'muted' });
  const operator = isOperator(ctx.me);
  el.append(h('section', { class: 'panel' }, h('h2', {}, 'Queue depths'), depths,
    h('p', { class: 'muted' }, 'Messages waiting in the broker; dead letters are tasks that failed for good (see their job).')));
  if (operator) {
    el.append(h('section', { class: 'panel' }, h('h2', {}, 'Consumption (this instance)'), note,
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'queue'), h('th', {}, 'consumption'), h('th', {}, ''))), controls)),
    h('section', { class: 'panel' }, h('h2', {}, 'Worker instances'),
      h('table', {}, h('thead', {}, h('tr', {}, ...['instance', 'host', 'pid', 'roles', 'status', 'last heartbeat', 'ended', 'tasks released']
        .map((c) => h('th', {}, c)))), workers)),
    h('section', { class: 'panel' }, h('h2', {}, 'Janitor runs'),
      h('table', {}, h('thead', {}, h('tr', {}, ...['started', 'trigger', 'status', 'actions'].map((c) => h('th', {}, c)))), janitor)));
  } else {
    el.append(h('p', { class: 'muted' }, 'Pausing queues and the worker list need the operator role.'));
  }
  const verb = async (queue: string, action: 'pause' | 'resume') => {
    const r = await api<{ consumption: string; note?: string }>(`/api/queues/${encodeURIComponent(queue)}/${action}`,
      { method: 'POST', body: '{}' });
    replace(note, `${queue}: ${r.consumption}${r.note ? ' — ' + r.note : ''}`);
  };
  return poll(async () => {
    await queueDepths(depths, { ...ctx.me, roles: [] });
    if (!operator) return;
    const [q, w, j] = await Promise.all([
      api<{ queues: Record<string, string> }>('/api/queues'),
      api<{ instances: Worker[] }>('/api/workers'),
      api<{ runs: Record<string, unknown>[] }>('/api/janitor/runs?limit=10'),
    ]);
    replace(controls, ...Object.entries(q.queues).map(([name, state]) => h('tr', {},
      h('td', {}, name), h('td', {}, h('span', { class: `pill ${state}` }, state)),
      h('td', {}, state === 'paused'
        ? h('button', { onclick: () => void verb(name, 'resume') }, 'resume')
        : h('button', { class: 'danger', onclick: () => void verb(name, 'pause') }, 'pause')))));
    replace(workers, ...w.instances.map((i) => h('tr', {}, h('td', { class: 'mono' }, i.instanceId), h('td', {}, i.host),
      h('td', { class: 'num' }, i.pid), h('td', {}, i.roles), h('td', {}, h('span', { class: `pill ${i.status}` }, i.status)),
      h('td', {}, ago(i.lastHeartbeat)), h('td', {}, i.endedAt ? `${when(i.endedAt)} (${i.endReason ?? ''})` : '—'),
      h('td', { class: 'num' }, i.tasksReleased))));
    replace(janitor, ...j.runs.map((r) => h('tr', {}, h('td', { class: 'nowrap' }, when(String(r.started_at ?? r.startedAt ?? ''))),
      h('td', {}, String(r.trigger ?? '')), h('td', {}, String(r.status ?? '')), h('td', {}, fixes(r.actions)))));
  }, 3000);
};

/** What a janitor run fixed, in words: only the counts above zero. */
function fixes(actions: unknown): string {
  const done = Object.entries((actions ?? {}) as Record<string, unknown>).filter(([, n]) => typeof n === 'number' && n > 0);
  return done.length ? done.map(([k, n]) => `${k.replaceAll('_', ' ')}: ${n}`).join(', ') : 'nothing to fix';
}
