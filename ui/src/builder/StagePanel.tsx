// The side panel of the selected stage: name, task type, fan-out rule with its source stage and
// count, run_if and description. Every control has a label.
import { FAN_OUT_KINDS, fanOutText, type FanOutKind, type Param, type Stage, type ValidationError } from './model';
import type { TaskType } from './client';

interface Props {
  stage: Stage; index: number; stages: Stage[]; params: Param[]; taskTypes: TaskType[]; errors: ValidationError[];
  onChange: (patch: Partial<Stage>) => void; onDelete: () => void; onAddParam: (name: string, type: string) => void;
}

const HINT: Record<FanOutKind, string> = {
  single: 'one task', fixed: 'n tasks (a number or params.<name>)', each: 'one task per result (or list item) of the source',
  batch: 'one task per batch of the source', fan_in: 'one task after all tasks of the source stage',
};

export function StagePanel({ stage, index, stages, params, taskTypes, errors, onChange, onDelete, onAddParam }: Props) {
  const id = (f: string) => `stage-${f}`;
  const errorsOf = (field: string) => errors.filter((e) => e.path.endsWith(`.${field}`) || (field === 'fan_out' && e.path === `stages[${index}]`));
  const others = stages.filter((s) => s.id !== stage.id);
  const lists = params.filter((p) => p.type === 'array').map((p) => `params.${p.name}`);
  const field = (errs: ValidationError[]) => errs.map((e, i) => <p key={i} className="error field-error">{e.message}</p>);
  const [sourceStage, sourceField] = stage.source.startsWith('params.') ? [stage.source, ''] : stage.source.split('.');
  const setSource = (s: string, f: string) => onChange({ source: f && !s.startsWith('params.') ? `${s}.${f}` : s });
  const type = taskTypes.find((t) => t.name === stage.taskType);
  return (
    <section className="stage-panel" aria-label={`stage ${stage.name}`}>
      <h2>Stage {index + 1}</h2>
      <label htmlFor={id('name')}>Name</label>
      <input id={id('name')} value={stage.name} onChange={(e) => onChange({ name: e.target.value })} />
      {field(errorsOf('name'))}
      <label htmlFor={id('task-type')}>Task type</label>
      <select id={id('task-type')} value={stage.taskType} onChange={(e) => onChange({ taskType: e.target.value })}>
        {!type && <option value={stage.taskType}>{stage.taskType} (unknown)</option>}
        {taskTypes.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
      </select>
      {type && <p className="muted small">{type.description} · {type.queue_class} queue</p>}
      {field(errorsOf('task_type'))}
      <fieldset>
        <legend>Fan-out</legend>
        <label htmlFor={id('kind')}>Rule</label>
        <select id={id('kind')} value={stage.kind} onChange={(e) => onChange({ kind: e.target.value as FanOutKind })}>
          {FAN_OUT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <p className="muted small">{HINT[stage.kind]}</p>
        {(stage.kind === 'each' || stage.kind === 'batch' || stage.kind === 'fan_in') && <>
          <label htmlFor={id('source')}>Source {stage.kind === 'fan_in' ? 'stage' : 'stage or list'}</label>
          <select id={id('source')} value={sourceStage} onChange={(e) => setSource(e.target.value, sourceField ?? '')}>
            <option value="">(choose)</option>
            {others.map((s) => <option key={s.id} value={s.name}>{s.name}</option>)}
            {stage.kind !== 'fan_in' && lists.map((l) => <option key={l} value={l}>{l}</option>)}
            {sourceStage && !others.some((s) => s.name === sourceStage) && !lists.includes(sourceStage)
              && <option value={sourceStage}>{sourceStage}</option>}
          </select>
          {stage.kind !== 'fan_in' && !sourceStage.startsWith('params.') && <>
            <label htmlFor={id('field')}>Result list field (optional)</label>
            <input id={id('field')} value={sourceField ?? ''} placeholder="e.g. items"
              onChange={(e) => setSource(sourceStage, e.target.value.trim())} />
          </>}
        </>}
        {(stage.kind === 'fixed' || stage.kind === 'batch') && <>
          <label htmlFor={id('count')}>{stage.kind === 'fixed' ? 'Count' : 'Batch size'}</label>
          <input id={id('count')} value={stage.count} placeholder="3 or params.n" list="count-params"
            onChange={(e) => onChange({ count: e.target.value })} />
          <datalist id="count-params">{params.filter((p) => p.type === 'integer').map((p) =>
            <option key={p.id} value={`params.${p.name}`} />)}</datalist>
        </>}
        <p className="mono small">fan_out: {fanOutText(stage)}</p>
        {field(errorsOf('fan_out'))}
      </fieldset>
      <ParamMapping type={type} params={params} onAdd={onAddParam} />
      <label htmlFor={id('run-if')}>Run if (optional)</label>
      <input id={id('run-if')} value={stage.runIf} placeholder="params.stages >= 2" onChange={(e) => onChange({ runIf: e.target.value })} />
      {field(errorsOf('run_if'))}
      <label htmlFor={id('description')}>Description</label>
      <textarea id={id('description')} rows={2} value={stage.description} onChange={(e) => onChange({ description: e.target.value })} />
      <button type="button" className="danger" onClick={onDelete}>Delete stage</button>
    </section>
  );
}

/** The job parameters the task type reads (its catalogue schema): which the pipeline declares, and a way to add the rest. */
function ParamMapping({ type, params, onAdd }: { type?: TaskType; params: Param[]; onAdd: (name: string, type: string) => void }) {
  const read = Object.entries(type?.parameters?.properties ?? {});
  if (!read.length) return null;
  return (
    <fieldset className="mapping">
      <legend>Job parameters the task reads</legend>
      <ul>
        {read.map(([name, p]) => {
          const declared = params.find((q) => q.name === name);
          return (
            <li key={name}><span className="mono">{name}</span> <span className="muted small">{p.type ?? 'any'}</span>{' '}
              {declared ? <span className="ok small">declared</span> : (
                <button type="button" className="link-button" aria-label={`add job parameter ${name}`}
                  onClick={() => onAdd(name, p.type ?? 'string')}>add</button>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted small">A parameter the pipeline does not declare is absent: the task uses its own default.</p>
    </fieldset>
  );
}
