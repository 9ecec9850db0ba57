import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../app/app-error.js';
import { defaultDbPath } from '../../app/paths.js';
import { describeOwner, reconcileStaleRuns } from '../../store/run-lifecycle.js';
import { Store } from '../../store/store.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { formatTable } from '../table.js';

export const logCommand: Command = {
  name: 'log',
  summary: "Show the recorded steps of a run: transforms, agent sessions, verifications, judge verdicts",
  usage: `Usage: plantshift log RUN [--site ID] [--full] [--db FILE] [--json]

Prints what plantshift run recorded for run number RUN, site by site: how the site ended, then each
deterministic transform, each agent attempt, each verification and each judge verdict, with tokens and time.
Sites that ended without a change (skipped, or an agent that ran out of turns) are recorded too. A run is
finished, failed, interrupted (its process was stopped by a signal or killed; the site it was working on is
recorded as failed with the reason) or running (with the process that runs it).

Options:
  --site ID   only this site
  --full      also print each step's log: the agent's transcript with every tool call and result and the
              check after each edit, the diffs, the verification findings, the judge's prompt and reply
  --db FILE   database file (default: $PLANTSHIFT_HOME/plantshift.db)
  --json      print the steps as JSON (with their logs)

Exit status: 0 shown, 2 the database, run or site does not exist.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { site: { type: 'string' }, full: { type: 'boolean' }, db: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 1 || !/^\d+$/.test(positionals[0]!)) throw new UsageError('expected one RUN number');
    const runId = Number(positionals[0]);
    const dbPath = values.db ? resolve(io.cwd, values.db) : defaultDbPath();
    // Reading must never create an empty database where the person expected their history.
    if (!existsSync(dbPath)) throw new AppError('not-found', `no database at ${dbPath}`, [dbPath]);
    const store = Store.open(dbPath);
    try {
      // A run left 'running' by a process that is gone is shown (and kept) as interrupted, never as running.
      reconcileStaleRuns(store, io.clock.now());
      const run = store.runs.get(runId);
      if (!run) throw new AppError('not-found', `run ${runId} does not exist in ${dbPath}`, [String(runId)]);
      const outcomes = new Map(store.runs.sites(runId).map((r) => [r.siteId, r]));
      const all = [...new Set([...outcomes.keys(), ...store.steps.sitesOfRun(runId)])];
      if (values.site && !all.includes(values.site)) throw new AppError('not-found', `run ${runId} recorded nothing for site "${values.site}"; its sites: ${all.join(', ') || 'none'}`, [values.site]);
      const sites = values.site ? [values.site] : all;
      if (values.json) {
        io.out(JSON.stringify({ run, sites: sites.map((siteId) => ({ siteId, result: outcomes.get(siteId) ?? null, steps: store.steps.forSite(runId, siteId) })) }, null, 2) + '\n');
        return EXIT_OK;
      }
      const owner = run.status === 'running' ? store.runs.owner(runId) : null;
      const state = owner ? `running (${describeOwner(owner)})` : run.finishedAt ? `${run.status} ${run.finishedAt}` : run.status;
      io.out(`Run ${run.id}: ${run.recipeId} on ${run.fleetPath}, started ${run.startedAt}, ${state}\n`);
      for (const siteId of sites) {
        const steps = store.steps.forSite(runId, siteId);
        const o = outcomes.get(siteId);
        io.out(`\n${siteId}: ${o ? `${o.status} - ${o.message}` : 'no result recorded (the run stopped during this site)'}\n`);
        if (!steps.length) continue;
        io.out(formatTable(['step', 'kind', 'status', 'tokens', 'cached', 'ms', 'summary'], steps.map((s) => [s.seq, s.kind, s.status, s.promptTokens + s.completionTokens || '-', s.cachedPromptTokens || '-', Math.round(s.durationMs), s.summary])));
        if (values.full) for (const s of steps) io.out(`\n--- ${siteId} step ${s.seq}: ${s.kind} ${s.status}\n${s.log || '(no log)'}\n`);
      }
      return EXIT_OK;
    } finally {
      store.close();
    }
  },
};
