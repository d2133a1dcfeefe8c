// The job-parameter editor: one row per parameter (name, type, default, bounds, required); other
// schema keywords a loaded definition has are listed, each removable.
import { PARAM_TYPES, newId, type Param, type ParamType, type ValidationError } from './model';

interface Props { params: Param[]; errors: Map<string, ValidationError[]>; onChange: (params: Param[]) => void }

export function ParamsPanel({ params, errors, onChange }: Props) {
  const set = (i: number, patch: Partial<Param>) => onChange(params.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const add = () => onChange([...params, { id: newId('p'), name: `param_${params.length + 1}`, type: 'integer',
    defaultValue: '', minimum: '', maximum: '', required: false, description: '' }]);
  return (
    <section className="params-panel" aria-label="job parameters">
      <h2>Job parameters</h2>
      {params.length === 0 && <p className="muted">No parameters yet.</p>}
      {params.map((p, i) => {
        const n = (f: string) => `param-${i}-${f}`;
        const numeric = p.type === 'integer' || p.type === 'number';
        return (
          <div key={p.id} className="param-row" data-param={p.name}>
            <div className="grid">
              <span><label htmlFor={n('name')}>Name</label>
                <input id={n('name')} value={p.name} onChange={(e) => set(i, { name: e.target.value })} /></span>
              <span><label htmlFor={n('type')}>Type</label>
                <select id={n('type')} value={p.type} onChange={(e) => set(i, { type: e.target.value as ParamType })}>
                  {PARAM_TYPES.map((t) => <option key={t}>{t}</option>)}
                </select></span>
              <span><label htmlFor={n('default')}>Default</label>
                <input id={n('default')} value={p.defaultValue} onChange={(e) => set(i, { defaultValue: e.target.value })} /></span>
              {numeric && <span><label htmlFor={n('min')}>Min</label>
                <input id={n('min')} inputMode="decimal" value={p.minimum} onChange={(e) => set(i, { minimum: e.target.value })} /></span>}
              {numeric && <span><label htmlFor={n('max')}>Max</label>
                <input id={n('max')} inputMode="decimal" value={p.maximum} onChange={(e) => set(i, { maximum: e.target.value })} /></span>}
              <span className="check"><input type="checkbox" id={n('required')} checked={p.required}
                onChange={(e) => set(i, { required: e.target.checked })} /><label htmlFor={n('required')}>Required</label></span>
            </div>
            {Object.keys(p.extra ?? {}).length > 0 && (
              <p className="small keywords">Also: {Object.entries(p.extra ?? {}).map(([k, v]) => (
                <button key={k} type="button" className="keyword" title={JSON.stringify(v)} aria-label={`remove keyword ${k} of ${p.name}`}
                  onClick={() => { const { [k]: _gone, ...rest } = p.extra ?? {}; set(i, { extra: rest }); }}>{k} ×</button>
              ))}</p>
            )}
            <button type="button" className="link-button" aria-label={`remove parameter ${p.name}`}
              onClick={() => onChange(params.filter((_, j) => j !== i))}>Remove</button>
            {(errors.get(p.name) ?? []).map((e, k) => <p key={k} className="error field-error">{e.message}</p>)}
          </div>
        );
      })}
      <button type="button" onClick={add}>Add parameter</button>
    </section>
  );
}
