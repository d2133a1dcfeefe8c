// The stage graph as the canvas shows it: one edge per stage that reads an earlier one, and the
// model changes that connecting, disconnecting, adding and removing stages make.
import { MarkerType, type Edge } from '@xyflow/react';
import { newId, sourceStage, type Pipeline, type Stage } from './model';

/** an edge from the stage a rule reads to the stage that reads it */
export function links(p: Pipeline): { id: string; source: string; target: string; from: Stage; to: Stage }[] {
  return p.stages.flatMap((to) => {
    const from = p.stages.find((s) => s.name === sourceStage(to));
    return from ? [{ id: `${from.id}->${to.id}`, source: from.id, target: to.id, from, to }] : [];
  });
}

export function edgesOf(p: Pipeline, selected: Set<string>, invalid: (index: number) => boolean): Edge[] {
  return links(p).map(({ id, source, target, from, to }) => ({
    id, source, target, label: to.kind, selected: selected.has(id),
    markerEnd: { type: MarkerType.ArrowClosed, color: '#64748b' },
    ariaLabel: `${from.name} to ${to.name} (${to.kind})`, className: invalid(p.stages.indexOf(to)) ? 'invalid' : '',
  }));
}

/** connecting a stage to another makes it the other's source: each by default, batch and fan_in stay */
export function connection(from: Stage, to: Stage): Partial<Stage> {
  const kind = to.kind === 'batch' || to.kind === 'fan_in' ? to.kind : 'each';
  return { kind, source: from.name, count: kind === 'batch' ? to.count || '10' : to.count };
}

/** removes stages; the rules that read them lose their source (validation then says so) */
export function withoutStages(p: Pipeline, ids: string[]): Pipeline {
  const gone = new Set(p.stages.filter((s) => ids.includes(s.id)).map((s) => s.name));
  return { ...p, stages: p.stages.filter((s) => !ids.includes(s.id))
    .map((s) => (gone.has(sourceStage(s) ?? '') ? { ...s, source: '' } : s)) };
}

export function withoutSources(p: Pipeline, targets: string[]): Pipeline {
  return { ...p, stages: p.stages.map((s) => (targets.includes(s.id) ? { ...s, source: '' } : s)) };
}

/** a new stage: the first counts the first integer parameter (fixed), later ones wait for a connection */
export function newStage(p: Pipeline, taskType: string, x: number, y: number): Stage {
  const first = p.stages.length === 0;
  const count = p.params.find((q) => q.type === 'integer');
  return {
    id: newId('s'), name: nextName(p.stages), taskType, kind: first ? 'fixed' : 'single', source: '',
    count: first ? (count ? `params.${count.name}` : '1') : '', runIf: '', description: '', x, y,
  };
}

/** s1, s2, … : the first number no stage has */
function nextName(stages: Stage[]): string {
  for (let i = stages.length + 1; ; i++) {
    if (!stages.some((s) => s.name === `s${i}`)) return `s${i}`;
  }
}
