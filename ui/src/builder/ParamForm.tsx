// A form generated from a parameter schema (for the plan preview and for a run): one labelled
// input per property, typed by the schema, prefilled with its default.
import type { Schema } from './model';

export type Values = Record<string, string>;

export function initialValues(schema: Schema): Values {
  const v: Values = {};
  for (const [k, p] of Object.entries(schema.properties ?? {})) {
    v[k] = p.default === undefined ? '' : typeof p.default === 'string' ? p.default : JSON.stringify(p.default);
  }
  return v;
}

/** The values as the API expects them: numbers as numbers, blanks left out. */
export function typed(schema: Schema, values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(schema.properties ?? {})) {
    const raw = (values[k] ?? '').trim();
    if (raw === '') continue;
    if (p.type === 'integer' || p.type === 'number') out[k] = Number.isNaN(Number(raw)) ? raw : Number(raw);
    else if (p.type === 'boolean') out[k] = raw === 'true';
    else if (p.type === 'array' || p.type === 'object') { try { out[k] = JSON.parse(raw); } catch { out[k] = raw; } }
    else out[k] = values[k];
  }
  return out;
}

export function ParamForm({ schema, values, onChange, prefix }: { schema: Schema; values: Values; onChange: (v: Values) => void; prefix: string }) {
  const entries = Object.entries(schema.properties ?? {});
  if (!entries.length) return <p className="muted">This pipeline takes no parameters.</p>;
  const required = new Set(schema.required ?? []);
  return (
    <div className="param-form">
      {entries.map(([k, p]) => {
        const id = `${prefix}-${k}`;
        const numeric = p.type === 'integer' || p.type === 'number';
        return (
          <span key={k}>
            <label htmlFor={id}>{k}{required.has(k) ? ' *' : ''}</label>
            {p.type === 'boolean' ? (
              <select id={id} value={values[k] ?? ''} onChange={(e) => onChange({ ...values, [k]: e.target.value })}>
                <option value="">(default)</option><option>true</option><option>false</option>
              </select>
            ) : (
              <input id={id} type={numeric ? 'number' : 'text'} min={p.minimum} max={p.maximum}
                step={p.type === 'integer' ? 1 : 'any'} required={required.has(k)} value={values[k] ?? ''}
                title={p.description} onChange={(e) => onChange({ ...values, [k]: e.target.value })} />
            )}
          </span>
        );
      })}
    </div>
  );
}
