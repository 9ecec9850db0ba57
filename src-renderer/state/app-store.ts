import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PlantshiftApi } from '../../src-shared/api/client.js';
import type { EventOf, OutputOf } from '../../src-shared/api/contract.js';
import type { ApprovalDecision, ChangeDetail, RecipeSummary, RunResult } from '../../src-shared/model/change.js';
import type { FleetSummary } from '../../src-shared/model/site.js';

export interface ApprovalDraft {
  reviewer: string;
  role: string;
  comment: string;
  /** Ids of the open points the reviewer ticked as acknowledged (an inconclusive change needs all of them). */
  acknowledged: string[];
}

export interface AppState {
  info: OutputOf<'app.info'> | null;
  fleetPath: string;
  fleet: FleetSummary | null;
  recipes: RecipeSummary[];
  recipeId: string;
  selectedSites: string[];
  run: RunResult | null;
  progress: EventOf<'run.progress'>[];
  change: ChangeDetail | null;
  activeFile: string | null;
  draft: ApprovalDraft;
  busy: string | null;
  error: string | null;
  notice: string | null;

  init(): Promise<void>;
  setFleetPath(path: string): void;
  pickFolder(): Promise<void>;
  openFleet(): Promise<void>;
  toggleSite(id: string): void;
  setRecipe(id: string): void;
  startRun(): Promise<void>;
  /** Asks the running run to stop at its next step; the run itself then ends and reports what it did. */
  cancelRun(): Promise<void>;
  openChange(id: number): Promise<void>;
  /** The full verification report of the open change, as HTML, shown in a sandboxed frame; null hides it. */
  report: string | null;
  showReport(open: boolean): Promise<void>;
  setActiveFile(path: string): void;
  setDraft(d: Partial<ApprovalDraft>): void;
  decide(decision: ApprovalDecision): Promise<void>;
  dismissError(): void;
}

export type AppStore = StoreApi<AppState>;

/** The whole UI state; every side effect goes through the typed API, so the same store runs in Electron and the bridge. */
export function createAppStore(api: PlantshiftApi): AppStore {
  const store = createStore<AppState>()((set, get) => {
    /** Runs an action with a busy label; an error is shown to the person, never swallowed. */
    const act = async (label: string, fn: () => Promise<void>): Promise<void> => {
      set({ busy: label, error: null, notice: null });
      try {
        await fn();
      } catch (err) {
        set({ error: err instanceof Error ? err.message : String(err) });
      } finally {
        set({ busy: null });
      }
    };
    return {
      info: null,
      fleetPath: '',
      fleet: null,
      recipes: [],
      recipeId: '',
      selectedSites: [],
      run: null,
      progress: [],
      change: null,
      report: null,
      activeFile: null,
      draft: { reviewer: '', role: 'Safety officer', comment: '', acknowledged: [] },
      busy: null,
      error: null,
      notice: null,

      init: () =>
        act('Starting', async () => {
          const [info, recipes] = await Promise.all([api.invoke('app.info', {}), api.invoke('recipes.list', {})]);
          set({ info, recipes, recipeId: recipes[0]?.id ?? '', fleetPath: get().fleetPath || info.defaultFleetPath || '' });
        }),
      setFleetPath: (fleetPath) => set({ fleetPath }),
      pickFolder: () =>
        act('Choosing folder', async () => {
          const { path } = await api.invoke('fleet.pickFolder', {});
          if (path) {
            set({ fleetPath: path });
            await get().openFleet();
          }
        }),
      openFleet: () =>
        act('Opening fleet', async () => {
          const fleet = await api.invoke('fleet.open', { path: get().fleetPath });
          const runnable = fleet.sites.filter((s) => s.config && s.problems.length === 0).map((s) => s.config!.id);
          set({ fleet, selectedSites: runnable, run: null, change: null, progress: [] });
        }),
      toggleSite: (id) => {
        const sel = get().selectedSites;
        set({ selectedSites: sel.includes(id) ? sel.filter((s) => s !== id) : [...sel, id] });
      },
      setRecipe: (recipeId) => set({ recipeId }),
      startRun: () =>
        act('Running recipe', async () => {
          const { fleet, recipeId, selectedSites } = get();
          if (!fleet) throw new Error('Open a fleet folder first.');
          if (selectedSites.length === 0) throw new Error('Select at least one site.');
          set({ progress: [], change: null });
          const off = api.on('run.progress', (p) => set({ progress: [...get().progress, p] }));
          try {
            const run = await api.invoke('run.start', { fleetPath: fleet.path, recipeId, siteIds: selectedSites });
            set({ run });
          } finally {
            off();
          }
        }),
      cancelRun: async () => {
        try {
          const { cancelled } = await api.invoke('run.cancel', {});
          set({ notice: cancelled ? 'Cancelling: the current site stops at its next step; later sites are not started.' : 'No run is in progress.' });
        } catch (err) {
          set({ error: err instanceof Error ? err.message : String(err) });
        }
      },
      showReport: (open) =>
        open
          ? act('Loading report', async () => {
              const { change } = get();
              if (!change) return;
              const { html } = await api.invoke('changes.report', { changeId: change.change.id });
              set({ report: html });
            })
          : Promise.resolve(set({ report: null })),
      openChange: (changeId) =>
        act('Loading change', async () => {
          const change = await api.invoke('changes.get', { changeId });
          set({ change, report: null, activeFile: change.files[0]?.path ?? null, draft: { ...get().draft, comment: '', acknowledged: [] } });
        }),
      setActiveFile: (activeFile) => set({ activeFile }),
      setDraft: (d) => set({ draft: { ...get().draft, ...d } }),
      decide: (decision) =>
        act(decision === 'approved' ? 'Recording approval' : 'Recording rejection', async () => {
          const { change, draft } = get();
          if (!change) return;
          const approval = await api.invoke('approvals.record', {
            changeId: change.change.id,
            reviewer: draft.reviewer,
            role: draft.role,
            decision,
            comment: draft.comment,
            acknowledged: draft.acknowledged,
          });
          const fresh = await api.invoke('changes.get', { changeId: change.change.id });
          set({ change: fresh, notice: `Change #${approval.changeId} ${approval.decision} by ${approval.reviewer} (${approval.role}) at ${approval.createdAt}` });
        }),
      dismissError: () => set({ error: null }),
    };
  });
  return store;
}
