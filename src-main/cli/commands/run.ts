import { resolve } from 'node:path';
import { AppError } from '../../app/app-error.js';
import { defaultDbPath, promptsDir } from '../../app/paths.js';
import { openFleet } from '../../fleet/load-fleet.js';
import { loadRecipes, requireRecipe } from '../../recipe/load-recipes.js';
import { runRecipe } from '../../run/run-recipe.js';
import { Store } from '../../store/store.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_FAIL, EXIT_OK, UsageError, type Command } from '../command.js';
import { formatTable } from '../table.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'Run a migration recipe across the sites of a fleet and store the proposed changes for review',
  usage: `Usage: plantshift run RECIPE --fleet DIR [--site ID]... [--exclude ID]... [--dry-run] [--db FILE] [--json] [--fast]

Runs RECIPE (a file prompts/RECIPE.md) on every site of the fleet folder DIR, or only on the sites named
with --site. Site sources are only read; each result is a proposed change stored in the database with its
verification report (compile, safety, simulation, formal), to be reviewed and approved in the desktop app.

Options:
  --fleet DIR   folder holding one subfolder per site (each with a site.yaml)
  --site ID     run only this site (repeatable)
  --exclude ID  leave this site out (repeatable)
  --dry-run     propose and verify the changes and print the table, but store nothing
  --db FILE     database file (default: $PLANTSHIFT_HOME/plantshift.db, PLANTSHIFT_HOME defaults to ~/.plantshift)
  --json        print the run result as JSON instead of a table
  --fast        verify changes in fast mode only (compile + static safety); full mode before review

Exit status: 0 when every site ended changed, unchanged or skipped; 1 when any site failed; 2 when the run
could not start (bad arguments, unknown recipe or site, unreadable fleet).`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      fleet: { type: 'string' },
      site: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      db: { type: 'string' },
      json: { type: 'boolean' },
      fast: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one RECIPE');
    if (!values.fleet) throw new UsageError('--fleet DIR is required');
    const recipe = requireRecipe(loadRecipes(promptsDir()), positionals[0]!);
    const fleet = openFleet(resolve(io.cwd, values.fleet));
    if (fleet.sites.length === 0) throw new AppError('invalid-input', fleet.problems[0]?.message ?? `no sites in ${fleet.path}`);
    // A dry run works on a database in memory: the same run, verification and table, and nothing kept.
    const dbPath = values['dry-run'] ? ':memory:' : values.db ? resolve(io.cwd, values.db) : defaultDbPath();
    const store = Store.open(dbPath);
    try {
      if (!values.json) io.out(`Running ${recipe.id} on ${fleet.path} (${values['dry-run'] ? 'dry run: nothing is stored' : `database ${dbPath}`})\n`);
      const result = await runRecipe({
        fleet,
        recipe,
        siteIds: values.site ?? [],
        excludeIds: values.exclude ?? [],
        store,
        clock: io.clock,
        verification: values.fast ? 'fast' : 'full',
        onProgress: (p) => {
          if (!values.json && p.phase === 'finished') io.out(`  ${p.siteId}: ${p.status} - ${p.message}\n`);
        },
      });
      if (values.json) io.out(JSON.stringify(result, null, 2) + '\n');
      else {
        io.out(`\nRun ${result.runId}: ${recipe.title}\n`);
        io.out(
          formatTable(
            ['site', 'status', 'change', 'verdict', 'files', '+lines', '-lines', 'ms', 'message'],
            result.sites.map((s) => [
              s.siteId,
              s.status,
              s.changeId === null ? '-' : `#${s.changeId}`,
              s.verdict === null ? '-' : `${s.verdict}${s.safetyCritical ? ' (safety-critical)' : ''}`,
              s.filesChanged,
              s.linesAdded,
              s.linesRemoved,
              s.durationMs,
              s.message,
            ]),
          ),
        );
        const count = (st: string): number => result.sites.filter((s) => s.status === st).length;
        io.out(`${count('changed')} changed, ${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('failed')} failed\n`);
      }
      return result.sites.some((s) => s.status === 'failed') ? EXIT_FAIL : EXIT_OK;
    } finally {
      store.close();
    }
  },
};
