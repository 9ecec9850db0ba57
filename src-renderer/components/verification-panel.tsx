import type { VerificationSummary } from '../../src-shared/model/change.js';

/** The change's verification: verdict, safety-critical reasons, and each stage with its findings. */
export function VerificationPanel({ v }: { v: VerificationSummary | null }) {
  if (!v) return <p className="problem">No verification report: this change cannot be approved.</p>;
  return (
    <details className="verification" data-testid="verification" open={v.verdict === 'fail'}>
      <summary>
        Verification <span className={`badge ${v.verdict === 'pass' ? 'approved' : 'rejected'}`} data-testid="verdict">{v.verdict.toUpperCase()}</span>
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
                <span className={`badge ${s.status === 'pass' ? 'approved' : s.status === 'skipped' ? 'skipped' : 'rejected'}`}>{s.status}</span>
              </td>
              <td>
                {s.summary}
                {s.findings
                  .filter((f) => f.severity !== 'info')
                  .map((f, i) => (
                    <div key={i} className={f.severity === 'error' ? 'problem' : 'muted'}>
                      {f.rule}: {f.message}
                      {f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}
                    </div>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
