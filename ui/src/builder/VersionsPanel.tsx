// The published versions of the pipeline (newest first), with Archive for admins: new jobs then run
// the latest version still published; jobs that recorded an archived one keep it.
import { useEffect, useState } from 'react';
import { client, type Version } from './client';

interface Props { name: string; admin: boolean; refresh: unknown; onLatest: (v: number | null) => void; report: (m: string, e?: boolean) => void }

export function VersionsPanel({ name, admin, refresh, onLatest, report }: Props) {
  const [versions, setVersions] = useState<Version[]>([]);
  const load = () => client.versions(name).then(setVersions).catch((e) => report(`versions: ${(e as Error).message}`, true));
  useEffect(() => { if (refresh !== null) void load(); }, [name, refresh]);
  if (!versions.length) return null;
  const archive = async (v: number) => {
    try {
      const r = await client.archive(name, v);
      onLatest(r.latest_version);
      report(`Archived version ${v}; new jobs run ${r.latest_version ? `version ${r.latest_version}` : 'nothing (no version left)'}.`);
      await load();
    } catch (e) {
      report(`archive: ${(e as Error).message}`, true);
    }
  };
  return (
    <div className="versions">
      <h3>Versions</h3>
      <table><thead><tr><th>Version</th><th>Status</th><th>Published</th>{admin && <th><span className="sr">actions</span></th>}</tr></thead>
        <tbody>{versions.map((v) => (
          <tr key={v.version} data-version={v.version} data-status={v.status}>
            <td>v{v.version}</td><td>{v.status}</td><td className="small">{v.published_at?.slice(0, 16).replace('T', ' ')} {v.author}</td>
            {admin && <td>{v.status === 'published' && (
              <button type="button" className="link-button" aria-label={`archive version ${v.version}`} onClick={() => void archive(v.version)}>archive</button>
            )}</td>}
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
