import { useEffect } from 'react';
import { useApp } from '../state/store-context.js';
import { ChangeReview } from './change-review.js';
import { FleetPanel } from './fleet-panel.js';
import { RunPanel } from './run-panel.js';
import { SiteList } from './site-list.js';

export function App() {
  const info = useApp((s) => s.info);
  const error = useApp((s) => s.error);
  const notice = useApp((s) => s.notice);
  const busy = useApp((s) => s.busy);
  const init = useApp((s) => s.init);
  const dismiss = useApp((s) => s.dismissError);
  useEffect(() => {
    void init();
  }, [init]);
  return (
    <div className="app">
      <header>
        <h1>Plantshift</h1>
        <span className="muted">
          {info ? `v${info.version} · ${info.host === 'bridge' ? 'browser bridge' : 'desktop'} · database ${info.dbPath}` : 'connecting…'}
        </span>
        {busy && <span className="busy" role="status">{busy}…</span>}
      </header>
      {error && (
        <div className="error" role="alert" data-testid="error">
          {error}
          <button onClick={dismiss} aria-label="dismiss">
            ×
          </button>
        </div>
      )}
      {notice && (
        <div className="notice" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      <main>
        <div className="left">
          <FleetPanel />
          <SiteList />
          <RunPanel />
        </div>
        <div className="right">
          <ChangeReview />
        </div>
      </main>
    </div>
  );
}
