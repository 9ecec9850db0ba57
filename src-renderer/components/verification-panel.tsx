import type { VerificationSummary } from '../../src-shared/model/change.js';

type StageView = VerificationSummary['stages'][number];
type FindingView = StageView['findings'][number];

/** Badge class per verdict or stage status: inconclusive has its own colour and is never the pass colour. */
const BADGE: Record<string, string> = { pass: 'approved', fail: 'rejected', error: 'rejected', inconclusive: 'inconclusive', skipped: 'skipped' };

const VERDICT_TEXT: Record<VerificationSummary['verdict'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE: not shown to be safe',
};

function FindingLine({ f }: { f: FindingView }) {
  const cls = f.undecided ? 'undecided' : f.severity === 'error' ? 'problem' : 'muted';
  return (
    <div className={cls} data-testid={f.undecided ? 'finding-undecided' : 'finding'}>
      {f.undecided && <strong>open point · </strong>}
      {f.rule}: {f.message}
      {f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}
    </div>
  );
}

/**
 * The change's verification: the verdict, why it is safety-critical, each stage with the findings this change
 * brought in, and, apart, what the site already had before the change (shown, but not counted against it).
 */
export function VerificationPanel({ v }: { v: VerificationSummary | null }) {
  if (!v) return <p className="problem">No verification report: this change cannot be approved.</p>;
  const older = v.stages.flatMap((s) => s.findings.filter((f) => f.preExisting && f.severity !== 'info').map((f) => ({ stage: s.name, f })));
  return (
    <details className="verification" data-testid="verification" open={v.verdict !== 'pass'}>
      <summary>
        Verification{' '}
        <span className={`badge ${BADGE[v.verdict]}`} data-testid="verdict">
          {VERDICT_TEXT[v.verdict]}
        </span>
        {v.safetyCritical && (
          <span className="badge safety" data-testid="safety-critical">
            safety-critical: needs the Safety officer
          </span>
        )}
      </summary>
      {v.safetyCriticalReasons.length > 0 && (
        <ul className="reasons">
          {v.safetyCriticalReasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <table>
        <tbody>
          {v.stages.map((s) => (
            <tr key={s.name} data-testid={`stage-${s.name}`}>
              <td className="mono">{s.name}</td>
              <td>
                <span className={`badge ${BADGE[s.status] ?? 'rejected'}`}>{s.status}</span>
              </td>
              <td>
                {s.summary}
                {s.findings
                  .filter((f) => f.severity !== 'info' && !f.preExisting)
                  .map((f, i) => (
                    <FindingLine key={i} f={f} />
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {older.length > 0 && (
        <div className="pre-existing" data-testid="pre-existing">
          <h4>Already in the site before this change ({older.length}): shown, not counted against it</h4>
          {older.map(({ stage, f }, i) => (
            <div key={i} className="muted">
              <span className="mono">{stage}</span> {f.rule}: {f.message}
              {f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}
            </div>
          ))}
        </div>
      )}
    </details>
  );
}
