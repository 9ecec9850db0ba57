import type { z } from 'zod';
import type { Channel, Contract, OutputOf } from '../../src-shared/api/contract.js';
import { checkApproval } from '../../src-shared/policy/approval-policy.js';
import { AppError } from '../app/app-error.js';
import { requireFleet } from '../fleet/load-fleet.js';
import { runRecipe } from '../run/run-recipe.js';
import { renderReportHtml } from '../verify/html/render-report.js';
import { RULES } from '../verify/rules.js';
import type { Services } from './services.js';

export type Handlers = {
  [C in Channel]: (input: z.output<Contract[C]['input']>) => Promise<OutputOf<C>> | OutputOf<C>;
};

/** The contract's behaviour, once, as plain functions over the services; every host registers exactly these. */
export function createHandlers(s: Services): Handlers {
  return {
    'app.info': () => ({
      version: s.version,
      host: s.options.host,
      dbPath: s.store.file,
      canPickFolder: s.options.pickFolder !== undefined,
      defaultFleetPath: s.options.defaultFleetPath,
      model: s.options.describeModel?.() ?? { description: null, problem: null },
    }),
    'fleet.pickFolder': async () => ({ path: s.options.pickFolder ? await s.options.pickFolder() : null }),
    // Only a folder with a site.yaml in it or in a direct subfolder is a fleet; /etc is an error, not 0 sites.
    'fleet.open': ({ path }) => requireFleet(path),
    'recipes.list': () => s.recipes(),
    'run.start': async ({ fleetPath, recipeId, siteIds }) => {
      if (s.activeRun) throw new AppError('conflict', 'a run is already in progress; wait for it or cancel it first');
      const recipe = s.recipe(recipeId);
      const fleet = requireFleet(fleetPath);
      const cancel = new AbortController();
      s.activeRun = cancel;
      try {
        return await runRecipe({
          fleet,
          recipe,
          siteIds,
          store: s.store,
          clock: s.options.clock,
          verification: s.options.verification ?? 'full',
          provider: recipe.agent ? await s.model() : null,
          signal: cancel.signal,
          onProgress: (p) => s.events.emit('run.progress', p),
        });
      } finally {
        s.activeRun = null;
      }
    },
    'run.cancel': () => {
      const run = s.activeRun;
      if (!run || run.signal.aborted) return { cancelled: false };
      run.abort();
      return { cancelled: true };
    },
    'changes.list': ({ runId }) => s.store.changes.list(runId),
    'changes.get': ({ changeId }) => {
      const change = s.store.changes.get(changeId);
      if (!change) throw new AppError('not-found', `change #${changeId} does not exist`, [String(changeId)]);
      const report = s.store.verifications.get(changeId);
      const verification = report
        ? {
            verdict: report.verdict,
            safetyCritical: report.safetyCritical,
            safetyCriticalReasons: report.safetyCriticalReasons,
            // Reports stored before the three verdicts have no open points and no marked findings.
            openPoints: report.openPoints ?? [],
            stages: report.stages.map((st) => ({
              name: st.name,
              status: st.status,
              summary: st.summary,
              findings: st.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line, undecided: f.undecided === true, preExisting: f.preExisting === true })),
            })),
          }
        : null;
      return { change, files: s.store.changes.files(changeId), approvals: s.store.approvals.forChange(changeId), verification, steps: s.store.steps.forChange(changeId), outcome: s.store.runs.outcomeOf(changeId) };
    },
    'changes.report': ({ changeId }) => {
      const report = s.store.verifications.get(changeId);
      if (!report) throw new AppError('not-found', `change #${changeId} has no verification report`, [String(changeId)]);
      return { html: renderReportHtml(report, RULES) };
    },
    'approvals.record': (input) => {
      const change = s.store.changes.get(input.changeId);
      if (!change) throw new AppError('not-found', `change #${input.changeId} does not exist`, [String(input.changeId)]);
      // An approval is given on the evidence, by the rules of the one approval policy (src-shared/policy).
      const openPoints = s.store.verifications.get(input.changeId)?.openPoints ?? [];
      const refusal = checkApproval({ id: change.id, verdict: change.verdict, safetyCritical: change.safetyCritical, openPoints }, input);
      if (refusal) throw new AppError('conflict', refusal.message, [refusal.field]);
      // A reviewer may change their mind, but recording the same decision twice would only pad the trail.
      const own = s.store.approvals.forChange(input.changeId).filter((a) => a.reviewer === input.reviewer);
      const last = own[own.length - 1];
      if (last && last.decision === input.decision) {
        throw new AppError('conflict', `${input.reviewer} already ${input.decision} change #${input.changeId}`, ['reviewer']);
      }
      return s.store.approvals.insert({ ...input, createdAt: s.options.clock.now().toISOString() });
    },
  };
}
