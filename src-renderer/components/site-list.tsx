import { useApp } from '../state/store-context.js';

export function SiteList() {
  const fleet = useApp((s) => s.fleet);
  const selected = useApp((s) => s.selectedSites);
  const toggle = useApp((s) => s.toggleSite);
  if (!fleet) return null;
  return (
    <section className="panel" aria-label="Sites">
      <h2>
        Sites <span className="muted">({fleet.sites.length} in {fleet.path})</span>
      </h2>
      {fleet.problems.map((p) => (
        <p key={p.message} className="problem">
          {p.file !== fleet.path ? `${p.file}: ` : ''}
          {p.message}
        </p>
      ))}
      {fleet.skipped
        .filter((s) => !fleet.problems.some((p) => p.file.endsWith(`/${s.path}`) || p.file.endsWith(`\\${s.path}`)))
        .map((s) => (
          <p key={s.path} className="muted" data-testid="fleet-skipped">
            skipped {s.path}: {s.message}
          </p>
        ))}
      <table data-testid="site-list">
        <thead>
          <tr>
            <th />
            <th>Site</th>
            <th>Name</th>
            <th>Platform</th>
            <th>Sources</th>
            <th>Hazardous outputs</th>
          </tr>
        </thead>
        <tbody>
          {fleet.sites.map((site) => {
            const id = site.config?.id ?? site.folder;
            const ok = site.config !== null && site.problems.length === 0;
            return (
              <tr key={site.dir} data-testid={`site-${id}`} className={ok ? '' : 'invalid'}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`select ${id}`}
                    disabled={!ok}
                    checked={selected.includes(id)}
                    onChange={() => toggle(id)}
                  />
                </td>
                <td className="mono">{id}</td>
                <td>
                  {site.config?.name ?? <em>invalid site.yaml</em>}
                  {site.problems.map((p) => (
                    <div key={p.message} className="problem">
                      {p.file}
                      {p.line ? `:${p.line}` : ''}: {p.message}
                    </div>
                  ))}
                  {site.skipped
                    .filter((s) => s.reason === 'already-walked')
                    .map((s) => (
                      <div key={s.path} className="muted">
                        skipped {s.path}: {s.message}
                      </div>
                    ))}
                </td>
                <td>{site.config?.platform ?? '-'}</td>
                <td>{site.sourceFiles.length}</td>
                <td className="mono">{site.config?.safety.hazardousOutputs.join(', ') || '-'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
