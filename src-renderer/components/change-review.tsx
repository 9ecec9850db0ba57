import { checkApproval, ROLES } from '../../src-shared/policy/approval-policy.js';
import { useApp } from '../state/store-context.js';
import { DiffView } from './diff-view.js';
import { fileInfo } from './file-info.js';
import { StepsPanel } from './steps-panel.js';
import { VerificationPanel } from './verification-panel.js';

export function ChangeReview() {
  const detail = useApp((s) => s.change);
  const activeFile = useApp((s) => s.activeFile);
  const draft = useApp((s) => s.draft);
  const busy = useApp((s) => s.busy);
  const setActiveFile = useApp((s) => s.setActiveFile);
  const setDraft = useApp((s) => s.setDraft);
  const decide = useApp((s) => s.decide);
  const report = useApp((s) => s.report);
  const showReport = useApp((s) => s.showReport);
  // How the site run ended is stored with the change; the run still on screen says so too.
  const needsHuman = useApp((s) => s.change?.outcome?.status === 'needs-human' || (s.run?.sites.some((r) => r.changeId === s.change?.change.id && r.status === 'needs-human') ?? false));
  if (!detail) {
    return (
      <section className="panel review empty">
        <p className="muted">Run a recipe, then choose Review on a changed site to see its diff here.</p>
      </section>
    );
  }
  const { change, files, approvals, verification, steps } = detail;
  const file = files.find((f) => f.path === activeFile) ?? files[0];
  // The one approval policy the main process enforces, shown before the click.
  const openPoints = verification?.openPoints ?? [];
  const approveBlock =
    checkApproval(
      { id: change.id, verdict: verification?.verdict ?? null, safetyCritical: change.safetyCritical, openPoints },
      { role: draft.role, decision: 'approved', acknowledged: draft.acknowledged.filter((id) => openPoints.some((p) => p.id === id)) },
    )?.message ?? null;
  const toggle = (id: string, on: boolean) => setDraft({ acknowledged: on ? [...draft.acknowledged, id] : draft.acknowledged.filter((x) => x !== id) });
  return (
    <section className="panel review" aria-label="Change review" data-testid="change-review">
      <h2>
        Change #{change.id} · <span className="mono">{change.siteId}</span> · {change.recipeId}{' '}
        <span className={`badge ${change.status}`} data-testid="change-status">
          {change.status}
        </span>
      </h2>
      {needsHuman && (
        <p className="attention" role="note" data-testid="needs-human">
          A person must look at this change: the judge vetoed it twice or could not decide. Read how it was made below before deciding.
        </p>
      )}
      <div className="tabs" role="tablist">
        {files.map((f) => (
          <button key={f.path} role="tab" aria-selected={f === file} className={f === file ? 'tab active' : 'tab'} onClick={() => setActiveFile(f.path)}>
            {f.path} <span className="file-info" data-testid="file-info">{fileInfo(f)}</span>
          </button>
        ))}
      </div>
      <VerificationPanel v={verification} />
      {verification && (
        <div className="row">
          <button data-testid="report-toggle" disabled={busy !== null} onClick={() => void showReport(report === null)}>
            {report === null ? 'Show the full verification report' : 'Hide the full verification report'}
          </button>
        </div>
      )}
      {report !== null && (
        // The report is our own static page (no scripts); an empty sandbox keeps it from running or navigating anything.
        <iframe className="report-frame" data-testid="report-frame" title={`Verification report of change #${change.id}`} sandbox="" srcDoc={report} />
      )}
      {verification?.verdict === 'inconclusive' && (
        <fieldset className="open-points" data-testid="open-points">
          <legend>
            Inconclusive: the tools could not decide {openPoints.length} point{openPoints.length === 1 ? '' : 's'}. This change is not shown to be safe.
            Only the Safety officer may approve it, after checking and acknowledging each point.
          </legend>
          {openPoints.map((p) => (
            <label key={p.id}>
              <input type="checkbox" data-testid={`ack-${p.id}`} checked={draft.acknowledged.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
              <span>
                <span className="mono">{p.stage}</span> {p.rule}: {p.what}
                {p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : ''}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <StepsPanel steps={steps} />
      {file && <DiffView file={file} />}
      <form
        className="approval"
        onSubmit={(e) => {
          e.preventDefault();
          void decide('approved');
        }}
      >
        <label>
          <span className="label">Reviewer</span>
          <input data-testid="reviewer-name" value={draft.reviewer} placeholder="Full name" onChange={(e) => setDraft({ reviewer: e.target.value })} />
        </label>
        <label>
          <span className="label">Role</span>
          <select data-testid="reviewer-role" value={draft.role} onChange={(e) => setDraft({ role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="grow">
          <span className="label">Comment (required to reject)</span>
          <input data-testid="review-comment" value={draft.comment} onChange={(e) => setDraft({ comment: e.target.value })} />
        </label>
        <button type="submit" className="primary" data-testid="approve" title={approveBlock ?? 'Record your approval'} disabled={busy !== null || draft.reviewer.trim() === '' || approveBlock !== null}>
          Approve
        </button>
        <button type="button" className="danger" data-testid="reject" disabled={busy !== null || draft.reviewer.trim() === '' || draft.comment.trim() === ''} onClick={() => void decide('rejected')}>
          Reject
        </button>
      </form>
      {approveBlock && (
        <p className="muted" data-testid="approve-block">
          {approveBlock}
        </p>
      )}
      <h3>Approval trail</h3>
      {approvals.length === 0 ? (
        <p className="muted">No decision recorded yet.</p>
      ) : (
        <ol className="trail" data-testid="approval-trail">
          {approvals.map((a) => (
            <li key={a.id}>
              <span className={`badge ${a.decision}`}>{a.decision}</span> by <strong>{a.reviewer}</strong> ({a.role}) at{' '}
              <time>{a.createdAt}</time>
              {a.comment && <> — {a.comment}</>}
              {a.acknowledged.length > 0 && <> · acknowledged {a.acknowledged.length} open point(s): {a.acknowledged.join(', ')}</>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
