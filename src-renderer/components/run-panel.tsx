import { useApp } from '../state/store-context.js';

export function RunPanel() {
  const fleet = useApp((s) => s.fleet);
  const recipes = useApp((s) => s.recipes);
  const recipeId = useApp((s) => s.recipeId);
  const selected = useApp((s) => s.selectedSites);
  const run = useApp((s) => s.run);
  const progress = useApp((s) => s.progress);
  const busy = useApp((s) => s.busy);
  const setRecipe = useApp((s) => s.setRecipe);
  const startRun = useApp((s) => s.startRun);
  const openChange = useApp((s) => s.openChange);
  const activeChange = useApp((s) => s.change?.change.id ?? null);
  if (!fleet) return null;
  const recipe = recipes.find((r) => r.id === recipeId);
  return (
    <section className="panel" aria-label="Run">
      <h2>Run a recipe</h2>
      <div className="row">
        <label className="grow">
          <span className="label">Recipe</span>
          <select data-testid="recipe-select" value={recipeId} onChange={(e) => setRecipe(e.target.value)}>
            {recipes.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title} ({r.id})
              </option>
            ))}
          </select>
        </label>
        <button data-testid="run-start" className="primary" disabled={busy !== null || selected.length === 0 || !recipe} onClick={() => void startRun()}>
          Run on {selected.length} site{selected.length === 1 ? '' : 's'}
        </button>
      </div>
      {recipe && <p className="muted">{recipe.summary}</p>}
      {busy === 'Running recipe' && (
        <ul className="progress" aria-live="polite">
          {progress.map((p, i) => (
            <li key={i}>
              {p.siteId}: {p.status ?? p.phase} {p.message}
            </li>
          ))}
        </ul>
      )}
      {run && (
        <table data-testid="run-results">
          <thead>
            <tr>
              <th>Site</th>
              <th>Status</th>
              <th>Files</th>
              <th>Lines</th>
              <th>Verdict</th>
              <th>Result</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {run.sites.map((s) => (
              <tr key={s.siteId} data-testid={`result-${s.siteId}`} className={s.changeId === activeChange ? 'active' : ''}>
                <td className="mono">{s.siteId}</td>
                <td>
                  <span className={`badge ${s.status}`}>{s.status}</span>
                </td>
                <td>{s.filesChanged}</td>
                <td className="mono">
                  +{s.linesAdded} −{s.linesRemoved}
                </td>
                <td data-testid={`verdict-${s.siteId}`}>
                  {s.verdict ? <span className={`badge ${s.verdict === 'pass' ? 'approved' : 'rejected'}`}>{s.verdict}</span> : '-'}
                  {s.safetyCritical && <span className="badge safety">safety</span>}
                </td>
                <td>{s.message}</td>
                <td>
                  {s.changeId !== null && (
                    <button data-testid={`review-${s.siteId}`} onClick={() => void openChange(s.changeId!)}>
                      Review
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
