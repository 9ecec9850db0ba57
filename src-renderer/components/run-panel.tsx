import type { EventOf } from '../../src-shared/api/contract.js';
import type { RecipeSummary, SiteRunResult } from '../../src-shared/model/change.js';
import { useApp } from '../state/store-context.js';
import { count, seconds } from './format.js';

type Progress = EventOf<'run.progress'>;

interface SiteProgress {
  siteId: string;
  /** The latest started or finished event: what the site line says. */
  head: Progress;
  steps: string[];
}

/** Sites run one after another, but grouping by id keeps a site's steps under it whatever order events arrive in. */
function groupBySite(progress: readonly Progress[]): SiteProgress[] {
  const bySite = new Map<string, SiteProgress>();
  for (const p of progress) {
    let g = bySite.get(p.siteId);
    if (!g) {
      g = { siteId: p.siteId, head: p, steps: [] };
      bySite.set(p.siteId, g);
    }
    if (p.phase === 'step') g.steps.push(p.message);
    else g.head = p;
  }
  return [...bySite.values()];
}

function recipeMode(r: RecipeSummary): string {
  const n = r.transforms.length;
  const steps = `${n} deterministic step${n === 1 ? '' : 's'}`;
  if (!r.agent) return `Deterministic only (${steps}): no model needed.`;
  return n === 0 ? 'Uses the coding agent (no deterministic steps first).' : `Uses the coding agent after ${steps}.`;
}

function TokensCell({ llm }: { llm: SiteRunResult['llm'] }) {
  if (llm.requests === 0) return <>-</>;
  const total = llm.promptTokens + llm.completionTokens;
  const detail =
    `${count(llm.promptTokens)} prompt + ${count(llm.completionTokens)} completion tokens in ${llm.requests} request${llm.requests === 1 ? '' : 's'}; ` +
    `${count(llm.cachedPromptTokens)} prompt tokens cached (${llm.prefixHits} prefix hit${llm.prefixHits === 1 ? '' : 's'}); model time ${seconds(llm.modelMs)}`;
  return (
    <span title={detail}>
      {count(total)}
      {llm.cachedPromptTokens > 0 && (
        <small className="muted block">
          {count(llm.cachedPromptTokens)} cached · {llm.prefixHits} hit{llm.prefixHits === 1 ? '' : 's'}
        </small>
      )}
    </span>
  );
}

const NEEDS_HUMAN = 'The judge vetoed this change twice or could not decide: a person must look at it before anything else happens.';

export function RunPanel() {
  const fleet = useApp((s) => s.fleet);
  const model = useApp((s) => s.info?.model);
  const recipes = useApp((s) => s.recipes);
  const recipeId = useApp((s) => s.recipeId);
  const selected = useApp((s) => s.selectedSites);
  const run = useApp((s) => s.run);
  const progress = useApp((s) => s.progress);
  const busy = useApp((s) => s.busy);
  const setRecipe = useApp((s) => s.setRecipe);
  const startRun = useApp((s) => s.startRun);
  const cancelRun = useApp((s) => s.cancelRun);
  const openChange = useApp((s) => s.openChange);
  const activeChange = useApp((s) => s.change?.change.id ?? null);
  if (!fleet) return null;
  const recipe = recipes.find((r) => r.id === recipeId);
  const needsHuman = run?.sites.filter((s) => s.status === 'needs-human').length ?? 0;
  return (
    <section className="panel" aria-label="Run">
      <h2>Run a recipe</h2>
      <div className="row">
        <label className="grow">
          <span className="label">Recipe</span>
          <select data-testid="recipe-select" value={recipeId} onChange={(e) => setRecipe(e.target.value)}>
            {recipes.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title} ({r.id}){r.agent ? ' · agent' : ''}
              </option>
            ))}
          </select>
        </label>
        <button data-testid="run-start" className="primary" disabled={busy !== null || selected.length === 0 || !recipe} onClick={() => void startRun()}>
          Run on {selected.length} site{selected.length === 1 ? '' : 's'}
        </button>
      </div>
      {recipe && (
        <>
          <p className="muted">{recipe.summary}</p>
          <p className="muted small" data-testid="recipe-mode">
            {recipeMode(recipe)}
          </p>
          {recipe.agent && model && (
            <p className={model.problem ? 'attention small' : 'muted small'} data-testid="model-choice">
              {model.problem
                ? `The model cannot be used: ${model.problem}`
                : model.description
                  ? `Model: ${model.description}`
                  : 'No model configured (settings.yaml or models/*.gguf): the deterministic steps run; the agent and the judge are skipped.'}
            </p>
          )}
        </>
      )}
      {busy === 'Running recipe' && (
        <button data-testid="run-cancel" onClick={() => void cancelRun()}>
          Cancel run
        </button>
      )}
      {busy === 'Running recipe' && (
        <ul className="progress" aria-live="polite" data-testid="run-progress">
          {groupBySite(progress).map((g) => (
            <li key={g.siteId} data-testid={`progress-${g.siteId}`}>
              <span className="mono">{g.siteId}</span>: {g.head.phase === 'finished' ? g.head.status : 'running'} {g.head.message}
              {g.steps.length > 0 && (
                <ul className="progress-steps" aria-label={`steps of ${g.siteId}`}>
                  {g.steps.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {run && needsHuman > 0 && (
        <p className="attention" role="status" data-testid="needs-human-note">
          {needsHuman} site{needsHuman === 1 ? '' : 's'} need{needsHuman === 1 ? 's' : ''} a person: the judge vetoed the change twice or could not decide.
        </p>
      )}
      {run && (
        <div className="table-scroll">
          <table data-testid="run-results" className="results">
            <thead>
              <tr>
                <th>Site</th>
                <th>Status</th>
                <th>Files</th>
                <th>Lines</th>
                <th>Verdict</th>
                <th title="Error and warning findings in the verification report">Findings</th>
                <th>Agent</th>
                <th>Judge</th>
                <th title="Prompt + completion tokens; hover for cached prompt tokens and prefix hits">Tokens</th>
                <th>Time</th>
                <th>Result</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {run.sites.map((s) => {
                const human = s.status === 'needs-human';
                const cls = [s.changeId !== null && s.changeId === activeChange ? 'active' : '', human ? 'needs-human' : ''].filter(Boolean).join(' ');
                return (
                  <tr key={s.siteId} data-testid={`result-${s.siteId}`} className={cls}>
                    <td className="mono">{s.siteId}</td>
                    <td>
                      <span className={`badge ${s.status}`} title={human ? NEEDS_HUMAN : undefined}>
                        {s.status}
                      </span>
                    </td>
                    <td>{s.filesChanged}</td>
                    <td className="mono nowrap">
                      +{s.linesAdded} −{s.linesRemoved}
                    </td>
                    <td data-testid={`verdict-${s.siteId}`}>
                      {s.verdict ? <span className={`badge ${s.verdict === 'pass' ? 'approved' : 'rejected'}`}>{s.verdict}</span> : '-'}
                      {s.safetyCritical && <span className="badge safety">safety</span>}
                    </td>
                    <td data-testid={`findings-${s.siteId}`}>{s.verdict === null ? '-' : s.findings}</td>
                    <td data-testid={`agent-${s.siteId}`} className="phrase">{s.agent}</td>
                    <td data-testid={`judge-${s.siteId}`} className="phrase">{s.judge}</td>
                    <td data-testid={`tokens-${s.siteId}`} className="nowrap">
                      <TokensCell llm={s.llm} />
                    </td>
                    <td data-testid={`time-${s.siteId}`} className="nowrap">
                      {seconds(s.durationMs)}
                    </td>
                    <td className="message">
                      {human && <strong className="attention-text">A person must look at this change. </strong>}
                      {s.message}
                    </td>
                    <td>
                      {s.changeId !== null && (
                        <button data-testid={`review-${s.siteId}`} className={human ? 'attention' : undefined} onClick={() => void openChange(s.changeId!)}>
                          Review
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
