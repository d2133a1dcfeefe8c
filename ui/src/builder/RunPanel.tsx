// Plan preview, publish and run: a form generated from the parameter schema feeds the plan
// preview and the run; a run is then monitored (progress polled every 1.5 s) until it ends.
import { useEffect, useState } from 'react';
import { api, type Progress } from '../api';
import { client, type Plan } from './client';
import type { Schema } from './model';
import { ParamForm, initialValues, typed, type Values } from './ParamForm';

interface Props {
  name: string; schema: Schema; admin: boolean; canRun: boolean; valid: boolean;
  ensureSaved: (draft?: boolean) => Promise<boolean>; onPlan: (p: Plan | null) => void; onProgress: (p: Progress | null) => void;
  onPublished: (version: number) => void; report: (message: string, error?: boolean) => void;
}

const TERMINAL = ['completed', 'failed', 'cancelled'];

export function RunPanel({ name, schema, admin, canRun, valid, ensureSaved, onPlan, onProgress, onPublished, report }: Props) {
  const schemaKey = JSON.stringify(schema);
  const [values, setValues] = useState<Values>(() => initialValues(schema));
  const [plan, setPlan] = useState<Plan | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setValues((v) => ({ ...initialValues(schema), ...v })), [schemaKey]);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer = 0;
    const tick = async () => {
      try {
        const p = await api<Progress>(`/api/jobs/${jobId}/progress`);
        if (stopped) return;
        setProgress(p);
        onProgress(p);
        if (TERMINAL.includes(p.status)) return;
      } catch (e) {
        if (!stopped) report(`progress: ${(e as Error).message}`, true);
      }
      if (!stopped) timer = window.setTimeout(tick, 1500);
    };
    void tick();
    return () => { stopped = true; clearTimeout(timer); };
  }, [jobId]);

  const act = (what: string, fn: () => Promise<void>) => async () => {
    setBusy(true);
    try { await fn(); } catch (e) { report(`${what}: ${(e as Error).message}`, true); } finally { setBusy(false); }
  };
  const preview = act('plan', async () => {
    if (!(await ensureSaved())) return;
    const p = await client.plan(name, typed(schema, values));
    setPlan(p);
    onPlan(p);
    report(`Plan: ${p.total_exact === false ? 'at least ' : ''}${p.total_tasks} task(s) over ${p.stages.length} stage(s); nothing was run.`);
  });
  const publish = act('publish', async () => {
    if (!(await ensureSaved(true))) return;
    const r = await client.publish(name);
    onPublished(r.version);
    report(`Published ${r.name} version ${r.version}.`);
  });
  const run = act('run', async () => {
    const r = await client.submit(name, typed(schema, values));
    onPlan(null);
    setProgress(null);
    setJobId(r.job_id);
    report(`Started job ${r.job_id.slice(0, 12)}…`);
  });

  return (
    <section className="run-panel" aria-label="plan and run">
      <h2>Sample parameters</h2>
      <ParamForm schema={schema} values={values} onChange={setValues} prefix="run" />
      <div className="actions">
        <button type="button" id="preview-plan" onClick={preview} disabled={busy || !valid}>Preview plan</button>
        {admin && <button type="button" id="publish" onClick={publish} disabled={busy || !valid}>Publish</button>}
        <button type="button" id="run" onClick={run} disabled={busy || !canRun} title={canRun ? '' : 'publish a version first'}>Run</button>
      </div>
      {!admin && <p className="muted small">Only an admin may publish{valid || canRun ? '' : '; a submitter may preview and run'}.</p>}
      {plan && !jobId && (
        <div className="plan-summary" aria-live="polite">
          <h3>Plan preview</h3>
          <table><thead><tr><th>Stage</th><th>Queue</th><th className="num">Tasks</th></tr></thead><tbody>
            {plan.stages.map((s) => <tr key={s.number}><td>{s.number}. {s.name}</td><td>{s.queue}</td>
              <td className="num">{s.skipped ? 'skipped' : s.tasks ?? (s.note ?? '?')}</td></tr>)}
          </tbody></table>
          <p>Total: <b id="plan-total">{plan.total_exact === false ? 'at least ' : ''}{plan.total_tasks}</b>
            {plan.total_exact === false && <span className="muted small"> (stages over earlier results are known once those run)</span>}</p>
        </div>
      )}
      {jobId && (
        <div className="monitor" aria-live="polite">
          <h3>Run</h3>
          <p><span id="run-status" className={`pill ${progress?.status ?? 'queued'}`}>{progress?.status ?? 'queued'}</span>{' '}
            {progress ? `${progress.tasks.completed ?? 0}/${progress.tasks.total} tasks · ${Math.round(progress.progress_pct)} %` : ''}</p>
          <p><a id="job-link" href={`/ui/#/jobs/${jobId}`}>Open job {jobId.slice(0, 12)}… in the dashboard</a></p>
        </div>
      )}
    </section>
  );
}
