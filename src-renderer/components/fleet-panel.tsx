import { useApp } from '../state/store-context.js';

export function FleetPanel() {
  const fleetPath = useApp((s) => s.fleetPath);
  const canPick = useApp((s) => s.info?.canPickFolder ?? false);
  const busy = useApp((s) => s.busy);
  const setFleetPath = useApp((s) => s.setFleetPath);
  const openFleet = useApp((s) => s.openFleet);
  const pickFolder = useApp((s) => s.pickFolder);
  return (
    <section className="panel" aria-label="Fleet">
      <h2>Fleet</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void openFleet();
        }}
      >
        <label className="grow">
          <span className="label">Fleet folder</span>
          <input
            data-testid="fleet-path"
            value={fleetPath}
            placeholder="/media/usb/plants"
            spellCheck={false}
            onChange={(e) => setFleetPath(e.target.value)}
          />
        </label>
        {canPick && (
          <button type="button" onClick={() => void pickFolder()} disabled={busy !== null}>
            Browse…
          </button>
        )}
        <button type="submit" data-testid="fleet-open" disabled={busy !== null || fleetPath.trim() === ''}>
          Open
        </button>
      </form>
    </section>
  );
}
