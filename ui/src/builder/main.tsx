// Entry of the pipeline builder at /ui/builder (?pipeline=<name> opens a stored one). Signs in
// with the same tab-scoped key as the dashboard, then loads /api/me and the task-type catalogue.
import '@xyflow/react/dist/style.css';
import './builder.css';
import { StrictMode, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import { ApiError, api, auth, whenUnauthorized, type Me } from '../api';
import { client, type TaskType } from './client';
import { fromDefinition } from './model';
import { Builder, type Initial } from './Builder';

type State = { kind: 'key'; message?: string } | { kind: 'loading' } | { kind: 'error'; message: string }
  | { kind: 'ready'; me: Me; taskTypes: TaskType[]; initial: Initial };

const EMPTY: Initial = { pipeline: { name: '', description: '', params: [], stages: [] }, saved: false, draft: false, published: null };

async function open(name: string | null): Promise<Initial> {
  if (!name) return EMPTY;
  const doc = await client.get(name);
  const pipeline = fromDefinition(doc.draft ?? doc.definition);
  // a built-in opens as a template for a new pipeline
  if (doc.builtin) return { pipeline: { ...pipeline, name: `${name}_copy` }, saved: false, draft: false, published: null };
  return { pipeline, saved: true, draft: doc.draft !== null, published: doc.published_version };
}

function App() {
  const [state, setState] = useState<State>(auth.key() ? { kind: 'loading' } : { kind: 'key' });
  useEffect(() => whenUnauthorized(() => {
    auth.clear();
    setState({ kind: 'key', message: 'The key was refused (unknown, revoked or expired).' });
  }), []);
  useEffect(() => {
    if (state.kind !== 'loading') return;
    const name = new URLSearchParams(location.search).get('pipeline');
    Promise.all([api<Me>('/api/me'), client.taskTypes(), open(name)])
      .then(([me, taskTypes, initial]) => setState({ kind: 'ready', me, taskTypes, initial }))
      .catch((e) => { if (!(e instanceof ApiError && e.status === 401)) setState({ kind: 'error', message: String(e.message ?? e) }); });
  }, [state.kind]);

  if (state.kind === 'key') return <KeyForm message={state.message} onKey={() => setState({ kind: 'loading' })} />;
  if (state.kind === 'loading') return <p className="loading">Loading…</p>;
  if (state.kind === 'error') return <p className="error loading">{state.message}</p>;
  return <ReactFlowProvider><Builder me={state.me} taskTypes={state.taskTypes} initial={state.initial} /></ReactFlowProvider>;
}

function KeyForm({ message, onKey }: { message?: string; onKey: () => void }) {
  const [key, setKey] = useState('');
  const submit = (e: FormEvent) => { e.preventDefault(); auth.set(key); onKey(); };
  return (
    <form className="key-form" onSubmit={submit}>
      <h1>Pipeline builder: sign in with an API key</h1>
      {message && <p className="error">{message}</p>}
      <p>Paste an API key (geoetl_…) or an OIDC access token; it stays in this browser tab only.</p>
      <label htmlFor="api-key">API key</label>
      <input id="api-key" type="password" autoComplete="off" size={60} value={key} autoFocus onChange={(e) => setKey(e.target.value)} />
      <button type="submit">Use key</button>
    </form>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<StrictMode><App /></StrictMode>);
