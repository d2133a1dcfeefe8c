// Opens another pipeline (a draft or published one, or a built-in as a template) or a new one:
// a full page load of /ui/builder?pipeline=<name>, after a confirmation when there are unsaved changes.
import { useEffect, useState } from 'react';
import { client, type PipelineRow } from './client';

export function OpenMenu({ unsaved }: { unsaved: boolean }) {
  const [rows, setRows] = useState<PipelineRow[]>([]);
  useEffect(() => { client.list().then(setRows).catch(() => setRows([])); }, []);
  const open = (name: string) => {
    if (unsaved && !confirm('Leave this pipeline? Its unsaved changes are lost.')) return;
    location.href = name === '' ? '/ui/builder' : `/ui/builder?pipeline=${encodeURIComponent(name)}`;
  };
  const own = rows.filter((r) => !r.builtin);
  const builtins = rows.filter((r) => r.builtin);
  return (
    <select id="open-pipeline" aria-label="open a pipeline" value="-" onChange={(e) => open(e.target.value)}>
      <option value="-" disabled>Open…</option>
      <option value="">New pipeline</option>
      {own.length > 0 && <optgroup label="Pipelines">{own.map((r) => (
        <option key={r.name} value={r.name}>{r.name}{r.latest_version ? ` (v${r.latest_version}${r.draft ? ' + draft' : ''})` : ' (draft)'}</option>
      ))}</optgroup>}
      {builtins.length > 0 && <optgroup label="Built-in job types (as a template)">{builtins.map((r) => (
        <option key={r.name} value={r.name}>{r.name}</option>
      ))}</optgroup>}
    </select>
  );
}
