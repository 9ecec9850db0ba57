import type { SiteStep } from '../../src-shared/model/change.js';
import { count, seconds, statusBadge } from './format.js';

function tokens(s: SiteStep): string | null {
  if (s.promptTokens + s.completionTokens === 0) return null;
  const cached = s.cachedPromptTokens > 0 ? `, ${count(s.cachedPromptTokens)} cached` : '';
  return `${count(s.promptTokens)} prompt + ${count(s.completionTokens)} completion tokens${cached}`;
}

/**
 * The recorded steps behind a change, so a reviewer can see what was deterministic, what the agent did and
 * what the checks and the judge said, not only the final diff. Logs can be long: each is closed until asked for.
 */
export function StepsPanel({ steps }: { steps: readonly SiteStep[] }) {
  return (
    <section className="steps" aria-labelledby="steps-heading" data-testid="steps">
      <h3 id="steps-heading">How this change was made</h3>
      {steps.length === 0 ? (
        <p className="muted">No steps were recorded for this change.</p>
      ) : (
        <ol className="step-list">
          {steps.map((s) => {
            const t = tokens(s);
            return (
              <li key={s.seq} data-testid={`step-${s.seq}`} data-kind={s.kind}>
                <details>
                  <summary aria-label={`Step ${s.seq}: ${s.kind}, ${s.status}: ${s.summary}`}>
                    <span className="mono step-kind">{s.kind}</span> <span className={`badge ${statusBadge(s.status)}`}>{s.status}</span>{' '}
                    <span className="step-summary">{s.summary}</span>
                    <span className="muted step-meta">
                      {t && <> · {t}</>} · {seconds(s.durationMs)}
                    </span>
                  </summary>
                  {s.log ? (
                    <pre className="step-log" tabIndex={0} aria-label={`log of step ${s.seq}`} data-testid={`step-log-${s.seq}`}>
                      {s.log}
                    </pre>
                  ) : (
                    <p className="muted">Nothing was logged for this step.</p>
                  )}
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
