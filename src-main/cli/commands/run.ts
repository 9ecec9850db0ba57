import { resolve } from 'node:path';
import type { RunResult, SiteRunResult } from '../../../src-shared/model/change.js';
import { AppError } from '../../app/app-error.js';
import { defaultDbPath, promptsDir } from '../../app/paths.js';
import { openFleet } from '../../fleet/load-fleet.js';
import { openProvider, parseGpuLayers, type ModelSettings } from '../../llm/open-provider.js';
import type { LlmProvider } from '../../llm/provider.js';
import { loadRecipes, requireRecipe } from '../../recipe/load-recipes.js';
import type { Recipe } from '../../recipe/recipe.js';
import { interruptActiveRuns } from '../../run/active-runs.js';
import { runRecipe } from '../../run/run-recipe.js';
import { Store } from '../../store/store.js';
import { killProofChildren } from '../../verify/formal-isolated.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_FAIL, EXIT_OK, UsageError, type CliIo, type Command } from '../command.js';
import { pushStopHandler, stopExitCode } from '../stop-signals.js';
import { formatTable } from '../table.js';

const CLEAN_END: readonly SiteRunResult['status'][] = ['changed', 'unchanged', 'skipped'];

export const runCommand: Command = {
  name: 'run',
  summary: 'Run a migration recipe across the sites of a fleet and store the proposed changes for review',
  usage: `Usage: plantshift run RECIPE --fleet DIR [--site ID]... [--exclude ID]... [--dry-run]
                      [--model FILE | --llm-url URL [--llm-model NAME] | --no-model] [--db FILE] [--json] [--fast]

Runs RECIPE (a file prompts/RECIPE.md) on every site of the fleet folder DIR, or only on the sites named
with --site. Site sources are only read. Per site: the recipe's preconditions, its deterministic steps, then
the coding agent on the local model (bounded turns, a check after every edit), the full verification
(compile, safety, simulation, formal) and the LLM judge; a judge veto sends the agent back once, a second
veto ends the site as needs-human. Each result is a proposed change stored with its verification report and
every recorded step (transcripts, tool calls, diffs, checks, tokens, timings), to be reviewed in the app.

Options:
  --fleet DIR        folder holding one subfolder per site (each with a site.yaml)
  --site ID          run only this site (repeatable)
  --exclude ID       leave this site out (repeatable)
  --dry-run          propose and verify the changes and print the table, but store nothing
  --model FILE       the local GGUF model for the agent and the judge (llama.cpp, CPU or GPU as found)
  --llm-url URL      an OpenAI-compatible server on the plant LAN instead (vLLM, llama.cpp server, Ollama);
                     the API key, if it needs one, is read from PLANTSHIFT_LLM_API_KEY
  --llm-model NAME   the model name that server expects (default "default")
  --no-model         deterministic steps only, even where a model is configured
  --context-size N   tokens per context slot (default: the model's, at most 8192)
  --threads N        CPU threads for the local model
  --gpu-layers N     layers offloaded to the GPU: a number, auto (default) or max
  --max-turns N      model requests per agent attempt (default 10)
  --db FILE          database file (default: $PLANTSHIFT_HOME/plantshift.db, PLANTSHIFT_HOME defaults to ~/.plantshift)
  --json             print the run result as JSON instead of progress and a table
  --fast             verify changes in fast mode only (compile + static safety; the judge is not asked)

Without --model or --llm-url the model comes from model: or llm_url: in $PLANTSHIFT_HOME/settings.yaml, else
from the one .gguf file in models/. With no model at all the deterministic steps still run and every report
says that the agent and the judge were skipped. Nothing is downloaded or built at run time.

Exit status: 0 when every site ended in a reviewable state (changed, unchanged or skipped); 1 when any site
failed or needs a human; 2 when the run could not start (bad arguments, unknown recipe or site, unreadable
fleet, a model file that is missing or not GGUF); 130 when stopped by SIGINT (Ctrl+C), 143 by SIGTERM.

Stopping: on SIGINT or SIGTERM the run stops at once. Its proof processes are killed, the run is recorded as
interrupted (the site in progress and the sites not reached as failed, with the reason; changes of sites that
had finished stay for review), the database is closed and the command exits with 130 or 143. A run whose
process was killed outright (kill -9, a crash) is marked interrupted the same way by the next run or the app.

Concurrent runs: each site is claimed in the database before the run works on it and released when it ends. A
site another live run (another process, or the app) is working on, or for which a run that ran at the same time
already proposed a change, is skipped with a message naming that run and its process; a claim left by a
process that is gone is taken over.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      fleet: { type: 'string' },
      site: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      model: { type: 'string' },
      'llm-url': { type: 'string' },
      'llm-model': { type: 'string' },
      'no-model': { type: 'boolean' },
      'context-size': { type: 'string' },
      threads: { type: 'string' },
      'gpu-layers': { type: 'string' },
      'max-turns': { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
      fast: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one RECIPE');
    if (!values.fleet) throw new UsageError('--fleet DIR is required');
    if (values['no-model'] && (values.model !== undefined || values['llm-url'] !== undefined)) throw new UsageError('--no-model cannot be combined with --model or --llm-url');
    const maxTurns = values['max-turns'] === undefined ? undefined : count('--max-turns', values['max-turns']);
    const recipe = requireRecipe(loadRecipes(promptsDir()), positionals[0]!);
    const fleet = openFleet(resolve(io.cwd, values.fleet));
    if (fleet.sites.length === 0) throw new AppError('invalid-input', fleet.problems[0]?.message ?? `no sites in ${fleet.path}`);
    const settings: ModelSettings = {
      ...(values.model !== undefined ? { model: resolve(io.cwd, values.model) } : {}),
      ...(values['llm-url'] !== undefined ? { llmUrl: values['llm-url'] } : {}),
      ...(values['llm-model'] !== undefined ? { llmModel: values['llm-model'] } : {}),
      ...(values['context-size'] !== undefined ? { contextSize: count('--context-size', values['context-size']) } : {}),
      ...(values.threads !== undefined ? { threads: count('--threads', values.threads) } : {}),
      ...(values['gpu-layers'] !== undefined ? { gpuLayers: parseGpuLayers(values['gpu-layers']) } : {}),
    };
    const provider = await openModel(recipe, settings, values['no-model'] === true, values.json === true, io);
    // A dry run works on a database in memory: the same run, verification and table, and nothing kept.
    const dbPath = values['dry-run'] ? ':memory:' : values.db ? resolve(io.cwd, values.db) : defaultDbPath();
    const store = Store.open(dbPath);
    // SIGINT (Ctrl+C) or SIGTERM stops the run at once: the proof processes are killed, the run is recorded as
    // interrupted (the site in progress and those not reached as failed, with the reason), the database is
    // closed and the process leaves with 130 or 143. Nothing of the site in progress is offered for review.
    const cancel = new AbortController();
    const popStop = pushStopHandler((signal) => {
      cancel.abort();
      killProofChildren();
      const ids = interruptActiveRuns(`the run was stopped by ${signal}`);
      store.close();
      io.err(`\n${signal}: ${ids.length ? `run ${ids.join(', ')} stopped and recorded as interrupted` : 'stopped'}${values['dry-run'] ? ' (dry run: nothing was stored)' : ''}.\n`);
      process.exit(stopExitCode(signal));
    });
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
        provider,
        signal: cancel.signal,
        ...(maxTurns ? { maxTurns } : {}),
        onProgress: (p) => {
          if (values.json) return;
          if (p.phase === 'started') io.out(`  ${p.siteId}: ${p.message}\n`);
          else if (p.phase === 'step') io.out(`    ${p.message}\n`);
          else io.out(`  ${p.siteId}: ${p.status} - ${p.message}\n`);
        },
      });
      if (values.json) io.out(JSON.stringify(result, null, 2) + '\n');
      else printTable(result, recipe, io);
      return result.sites.every((s) => CLEAN_END.includes(s.status)) ? EXIT_OK : EXIT_FAIL;
    } finally {
      popStop();
      store.close();
      await provider?.close();
    }
  },
};

function count(flag: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`${flag} must be a whole number of at least 1, not '${v}'`);
  return Number(v);
}

/** The model is opened only for a recipe that uses the agent; a bad model file stops the run before any site. */
async function openModel(recipe: Recipe, settings: ModelSettings, noModel: boolean, json: boolean, io: CliIo): Promise<LlmProvider | null> {
  const asked = settings.model !== undefined || settings.llmUrl !== undefined;
  if (!recipe.agent) {
    if (asked && !json) io.out(`Recipe ${recipe.id} is fully deterministic: the model is not used.\n`);
    return null;
  }
  if (noModel) {
    if (!json) io.out('No model (--no-model): deterministic steps only; the agent and the judge are skipped.\n');
    return null;
  }
  const opened = await openProvider(settings);
  if (!json) io.out(opened ? `Model: ${opened.description}\n` : 'No model found (--model, --llm-url, settings.yaml or models/*.gguf): deterministic steps only; the agent and the judge are skipped.\n');
  return opened?.provider ?? null;
}

function printTable(result: RunResult, recipe: Recipe, io: CliIo): void {
  io.out(`\nRun ${result.runId}: ${recipe.title}\n`);
  io.out(
    formatTable(
      ['site', 'status', 'change', 'verdict', 'files', '+/-', 'findings', 'agent', 'judge', 'tokens', 'cached', 'time', 'message'],
      result.sites.map((s) => [
        s.siteId,
        s.status,
        s.changeId === null ? '-' : `#${s.changeId}`,
        s.verdict === null ? '-' : `${s.verdict}${s.safetyCritical ? ' (safety-critical)' : ''}`,
        s.filesChanged,
        `+${s.linesAdded}/-${s.linesRemoved}`,
        s.findings,
        s.agent,
        s.judge,
        s.llm.requests ? `${s.llm.promptTokens}+${s.llm.completionTokens}` : '-',
        s.llm.requests ? `${s.llm.cachedPromptTokens} (${s.llm.prefixHits}/${s.llm.requests} hits)` : '-',
        seconds(s.durationMs),
        s.message,
      ]),
    ),
  );
  const n = (st: string): number => result.sites.filter((s) => s.status === st).length;
  io.out(`${n('changed')} changed, ${n('unchanged')} unchanged, ${n('skipped')} skipped, ${n('needs-human')} need a human, ${n('failed')} failed\n`);
}

const seconds = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
