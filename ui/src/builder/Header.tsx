// The builder's header: the pipeline's name (fixed once saved), the validation and save state,
// and the editor-wide actions.
import type { Me } from '../api';
import { OpenMenu } from './OpenMenu';

interface Props {
  me: Me; name: string; nameFixed: boolean; onName: (name: string) => void; checked: boolean; errors: number;
  valid: boolean; editor: boolean; upToDate: boolean; published: number | null; canSave: boolean; unsaved: boolean;
  onLayout: () => void; onUndo: () => void; onSave: () => void;
}

export function Header(p: Props) {
  return (
    <header className="top builder-top">
      <a className="brand" href="/ui/">GeoETL <span>pipeline builder</span></a>
      <label htmlFor="pipeline-name" className="inline">Pipeline</label>
      <input id="pipeline-name" value={p.name} disabled={p.nameFixed} placeholder="my_pipeline" size={16}
        onChange={(e) => p.onName(e.target.value.trim())} />
      <span id="validity" className={p.valid ? 'ok' : 'bad'} aria-live="polite">
        {!p.editor ? 'read-only' : !p.checked ? 'checking…' : p.errors ? `${p.errors} error${p.errors === 1 ? '' : 's'}` : 'valid'}
      </span>
      <span id="state" className="state">{p.upToDate ? 'saved' : 'unsaved'}
        {p.published !== null ? ` · published v${p.published}` : ' · not published'}</span>
      <button type="button" onClick={p.onLayout}>Auto layout</button>
      <button type="button" onClick={p.onUndo} aria-keyshortcuts="Control+Z">Undo</button>
      <button type="button" id="save" onClick={p.onSave} disabled={!p.canSave}>Save draft</button>
      <OpenMenu unsaved={p.unsaved} />
      <span className="who" title={`roles: ${p.me.roles.join(', ')}`}>{p.me.subject}<a href="/ui/">dashboard</a></span>
    </header>
  );
}
