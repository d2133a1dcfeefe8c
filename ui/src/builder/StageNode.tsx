// A stage on the canvas: its number, name, task type and fan-out rule; a validation marker when
// the last check found errors on it; the planned task count after a preview; and, while a run is
// monitored, its state and task counts.
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { ValidationError } from './model';
import type { PlanStage } from './client';

export interface StageCounts { status: string; total: number; completed: number; failed: number; processing: number }
export interface StageData extends Record<string, unknown> {
  number: number; name: string; taskType: string; fanOut: string; queue?: string;
  errors: ValidationError[]; plan?: PlanStage; run?: StageCounts;
}
export type StageNodeType = Node<StageData, 'stage'>;

export function StageNode({ data, selected }: NodeProps<StageNodeType>) {
  const invalid = data.errors.length > 0;
  const cls = ['stage-node', selected ? 'selected' : '', invalid ? 'invalid' : '', data.run ? `run-${data.run.status}` : '']
    .filter(Boolean).join(' ');
  return (
    <div className={cls} data-stage={data.name} data-invalid={invalid} data-status={data.run?.status ?? ''}
      data-planned={data.plan?.tasks ?? ''} role="group" aria-label={`stage ${data.number} ${data.name}`}>
      <Handle type="target" position={Position.Left} aria-label={`input of ${data.name}`} />
      <div className="head">
        <span className="num">{data.number}</span>
        <span className="name">{data.name}</span>
        {invalid && (
          <span className="marker" role="img" aria-label={`${data.errors.length} validation error(s)`}
            title={data.errors.map((e) => e.message).join('\n')}>!</span>
        )}
      </div>
      <div className="type mono">{data.taskType}{data.queue ? ` · ${data.queue}` : ''}</div>
      <div className="rule mono">{data.fanOut}</div>
      {invalid && <div className="errors">{data.errors.map((e, i) => <div key={i} className="error">{e.message}</div>)}</div>}
      {data.plan && !data.run && (
        <div className="plan">{data.plan.skipped ? 'skipped' : data.plan.tasks !== null && data.plan.tasks !== undefined
          ? <><b className="planned">{data.plan.tasks}</b> task{data.plan.tasks === 1 ? '' : 's'} planned</> : data.plan.note ?? 'not computable yet'}</div>
      )}
      {data.run && (
        <div className="run">
          <span className={`pill ${data.run.status}`}>{data.run.status}</span>{' '}
          <span className="counts">{data.run.completed}/{data.run.total} done{data.run.failed ? `, ${data.run.failed} failed` : ''}</span>
        </div>
      )}
      <Handle type="source" position={Position.Right} aria-label={`output of ${data.name}`} />
    </div>
  );
}
