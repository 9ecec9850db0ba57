import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { packageVersion } from '../../src-main/app/paths.js';
import { cliMain } from '../../src-main/cli/main.js';
import { Store } from '../../src-main/store/store.js';
import { copyExampleFleet, REPO, tempDir } from '../helpers/temp.js';

const SITE_IDS = ['bottling-l5x-11', 'conveyor-line-1', 'filler-line-5', 'heat-tank-8', 'mixer-s7-10', 'mixing-tank-3', 'packaging-cell-4', 'palletizer-9', 'press-line-2', 'pump-station-6', 'stamping-press-7'];
// The fleet grows over time: the whole-fleet runs below keep to the first six sites so their counts and timing stay fixed.
const FIRST_SIX = ['conveyor-line-1', 'filler-line-5', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2', 'pump-station-6'];
const ONLY_FIRST_SIX = SITE_IDS.filter((id) => !FIRST_SIX.includes(id)).flatMap((id) => ['--exclude', id]);
// revision-note needs ST sources (its precondition); filler-line-5 is a PLCopen XML project, so it is skipped.
const ST_SITES = FIRST_SIX.filter((id) => id !== 'filler-line-5');
const COMMAND_NAMES = ['run', 'log', 'sites', 'recipes', 'serve', 'help'];

let home: string;
const savedHome = process.env['PLANTSHIFT_HOME'];

beforeEach(() => {
  home = tempDir('plantshift-home-');
  process.env['PLANTSHIFT_HOME'] = home;
});

afterEach(() => {
  if (savedHome === undefined) delete process.env['PLANTSHIFT_HOME'];
  else process.env['PLANTSHIFT_HOME'] = savedHome;
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cliMain(argv, { out: (t) => (out += t), err: (t) => (err += t), clock: fixedClock('2026-11-25T10:00:00Z'), cwd: REPO });
  return { code, out, err };
}

function expectCommandList(text: string): void {
  for (const name of COMMAND_NAMES) expect(text, name).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
}

function changeCount(dbFile: string): number {
  const store = Store.open(dbFile);
  try {
    return store.changes.list().length;
  } finally {
    store.close();
  }
}

describe('help', () => {
  it('--help lists every command on its own line and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('Usage: plantshift COMMAND');
    expectCommandList(r.out);
  });

  it('no arguments prints help and exits 2', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expectCommandList(r.out);
  });

  it('help run and run --help print the run usage', async () => {
    for (const argv of [['help', 'run'], ['run', '--help']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out).toContain('Usage: plantshift run RECIPE --fleet DIR');
      expect(r.out).toContain('--site ID');
    }
  });

  it('--version prints the package version', async () => {
    const r = await cli('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(packageVersion());
  });

  it('an unknown command exits 2 naming it', async () => {
    for (const argv of [['frobnicate'], ['help', 'frobnicate']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain('unknown command "frobnicate"');
    }
  });
});

describe('run', () => {
  it('runs a recipe over the example fleet, verifies every change and prints a table', { timeout: 180_000 }, async () => {
    const db = join(tempDir(), 'run.db');
    const r = await cli('run', 'revision-note', '--fleet', 'examples/fleet', ...ONLY_FIRST_SIX, '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    const header = lines.findIndex((l) => /^site\s+status\s+change\b/.test(l));
    expect(header, r.out).toBeGreaterThanOrEqual(0);
    expect(lines[header + 1]).toMatch(/^-+( +-+)+$/);
    const rows = lines.slice(header + 2, header + 2 + FIRST_SIX.length);
    FIRST_SIX.forEach((id, i) => {
      if (ST_SITES.includes(id)) expect(rows[i]).toMatch(new RegExp(`^${id}\\s+changed\\s+#\\d+\\s+pass\\s+1\\s+\\+1/-0\\s+0\\s+not used by this recipe\\s+-\\s+-\\s+-\\s+(\\d+ ms|\\d+\\.\\d s)\\s`));
      else expect(rows[i]).toMatch(new RegExp(`^${id}\\s+skipped\\s+-\\s+-\\s+0\\b.*precondition not met: no file of the site matches src/\\*\\.st$`));
    });
    expect(r.out).toContain('5 changed, 0 unchanged, 1 skipped, 0 need a human, 0 failed');
    expect(r.out).toContain('  press-line-2: running revision-note\n    transform: revision-note: changed src/Main.st\n');
    expect(changeCount(db)).toBe(5);
    // The example fleet in the repository is only read.
    expect(readFileSync(join(REPO, 'examples/fleet/press-line-2/src/Main.st'), 'utf8')).not.toContain('Plantshift run');
  });

  it('prints JSON with --json and uses $PLANTSHIFT_HOME without --db', { timeout: 180_000 }, async () => {
    const r = await cli('run', 'revision-note', '--fleet', 'examples/fleet', ...ONLY_FIRST_SIX, '--json');
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out) as { runId: number; sites: { siteId: string; status: string }[] };
    expect(result.sites.map((s) => s.siteId)).toEqual(FIRST_SIX);
    expect(result.sites.filter((s) => s.status === 'changed').map((s) => s.siteId)).toEqual(ST_SITES);
    const db = join(home, 'plantshift.db');
    expect(existsSync(db)).toBe(true);
    expect(changeCount(db)).toBe(5);
  });

  it('--site runs only the named sites', async () => {
    const r = await cli('run', 'revision-note', '--fleet', 'examples/fleet', '--site', 'press-line-2', '--site', 'mixing-tank-3', '--json');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { sites: { siteId: string }[] }).sites.map((s) => s.siteId)).toEqual(['mixing-tank-3', 'press-line-2']);
  });

  it('an unknown recipe exits 2 and lists the available recipes', async () => {
    const r = await cli('run', 'no-such-recipe', '--fleet', 'examples/fleet');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no-such-recipe');
    expect(r.err).toMatch(/available: .*\brevision-note\b/);
    expect(existsSync(join(home, 'plantshift.db'))).toBe(false);
  });

  it('an unknown site exits 2 naming it', async () => {
    const r = await cli('run', 'revision-note', '--fleet', 'examples/fleet', '--site', 'nowhere-9');
    expect(r.code).toBe(2);
    expect(r.err).toContain('"nowhere-9"');
  });

  it('a missing --fleet exits 2 with the usage', async () => {
    const r = await cli('run', 'revision-note');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--fleet DIR is required');
    expect(r.err).toContain('Usage: plantshift run RECIPE');
  });

  it('a missing recipe exits 2 with the usage', async () => {
    const r = await cli('run', '--fleet', 'examples/fleet');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: plantshift run RECIPE');
  });

  it('an unknown flag exits 2 naming it', async () => {
    const r = await cli('run', 'revision-note', '--fleet', 'examples/fleet', '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--frobnicate');
    expect(existsSync(join(home, 'plantshift.db'))).toBe(false);
  });

  it('a fleet with a broken site exits 1, the other sites still change', async () => {
    const fleet = copyExampleFleet();
    const file = join(fleet, 'press-line-2', 'site.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('platform: twincat', 'platform: s5'));
    const r = await cli('run', 'revision-note', '--fleet', fleet, ...ONLY_FIRST_SIX, '--json');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out) as { sites: { siteId: string; status: string; message: string }[] };
    expect(result.sites.map((s) => s.status)).toEqual(['changed', 'skipped', 'changed', 'changed', 'failed', 'changed']);
    expect(result.sites[4]!.message).toContain(file);
    // Full verification of five sites: a hang limit, not a speed target (a loaded 2-core box takes ~30 s).
  }, 180_000);
});

describe('sites', () => {
  it('lists the example fleet and exits 0', async () => {
    const r = await cli('sites', '--fleet', 'examples/fleet');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^site\s+name\s+platform\b/);
    for (const id of SITE_IDS) expect(r.out).toMatch(new RegExp(`^${id}\\s`, 'm'));
  });

  it('exits 1 for a fleet with a broken site and names file:line', async () => {
    const fleet = copyExampleFleet();
    const file = join(fleet, 'press-line-2', 'site.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('platform: twincat', 'platform: s5'));
    const r = await cli('sites', '--fleet', fleet);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:5: platform:`);
    expect(r.out).toMatch(/^press-line-2\s+\(invalid site\.yaml\)/m);
    expect(r.out).toMatch(/^mixing-tank-3\s+Batch mixing tank/m);
  });

  it('exits 2 for a fleet folder that does not exist', async () => {
    const missing = join(tempDir(), 'gone');
    const r = await cli('sites', '--fleet', missing);
    expect(r.code).toBe(2);
    expect(r.err).toContain(missing);
  });
});

describe('the installed launcher', () => {
  // The `plantshift` command as npm installs it: package.json's bin entry, run by node in a child process.
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const launcher = pkg.bin['plantshift']!;

  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist', 'src-main', 'cli', 'main.js')) || !existsSync(join(REPO, launcher))) {
      execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO });
    }
  }, 120_000);

  it('node <bin> --help exits 0 and lists the commands', () => {
    expect(existsSync(join(REPO, launcher)), launcher).toBe(true);
    const r = spawnSync(process.execPath, [launcher, '--help'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PLANTSHIFT_HOME: home },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: plantshift COMMAND');
    expectCommandList(r.stdout);
  });
});

describe('run options', () => {
  it('--exclude leaves sites out and --dry-run stores nothing', { timeout: 120_000 }, async () => {
    const db = join(tempDir(), 'dry.db');
    const r = await cli('run', 'revision-note', '--fleet', 'examples/fleet', ...ONLY_FIRST_SIX, '--exclude', 'press-line-2', '--exclude', 'mixing-tank-3', '--dry-run', '--fast', '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('dry run: nothing is stored');
    expect(r.out).toContain('3 changed, 0 unchanged, 1 skipped, 0 need a human, 0 failed');
    expect(r.out).not.toMatch(/^press-line-2/m);
    expect(existsSync(db)).toBe(false);
    const bad = await cli('run', 'revision-note', '--fleet', 'examples/fleet', '--exclude', 'press-line-99');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown site "press-line-99"');
  });

  it('--model with a missing or non-GGUF file exits 2 naming the file, before any site runs', async () => {
    const missing = join(tempDir(), 'nope.gguf');
    const r = await cli('run', 'estop_standardize', '--fleet', 'examples/fleet', '--model', missing);
    expect(r.code).toBe(2);
    expect(r.err).toContain(missing);
    const notGguf = join(tempDir(), 'model.gguf');
    writeFileSync(notGguf, 'this is a text file, not a model');
    const r2 = await cli('run', 'estop_standardize', '--fleet', 'examples/fleet', '--model', notGguf);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(notGguf);
    expect(r2.err).toMatch(/GGUF/);
    expect(existsSync(join(home, 'plantshift.db'))).toBe(false);
  });

  it('refuses conflicting model flags and bad numbers with the usage', async () => {
    const both = await cli('run', 'estop_standardize', '--fleet', 'examples/fleet', '--model', 'a.gguf', '--llm-url', 'http://127.0.0.1:9');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--llm-url');
    const noModel = await cli('run', 'estop_standardize', '--fleet', 'examples/fleet', '--model', 'a.gguf', '--no-model');
    expect(noModel.code).toBe(2);
    expect(noModel.err).toContain('--no-model cannot be combined');
    const turns = await cli('run', 'estop_standardize', '--fleet', 'examples/fleet', '--max-turns', '0');
    expect(turns.code).toBe(2);
    expect(turns.err).toContain("--max-turns must be a whole number of at least 1, not '0'");
    const gpu = await cli('run', 'estop_standardize', '--fleet', 'examples/fleet', '--gpu-layers', 'many');
    expect(gpu.code).toBe(2);
    expect(gpu.err).toContain('--gpu-layers');
  });

  it('an agent recipe without a model runs the deterministic steps and says the agent and judge were skipped', { timeout: 120_000 }, async () => {
    const r = await cli('run', 'estop_standardize', '--fleet', 'examples/fleet', '--site', 'press-line-2', '--no-model', '--fast', '--dry-run');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('No model (--no-model): deterministic steps only; the agent and the judge are skipped.');
    expect(r.out).toMatch(/^press-line-2\s+changed\s+#\d+\s+pass\s/m);
    expect(r.out).toContain('skipped: no model');
    expect(r.out).toContain('deterministic steps only: agent and judge skipped');
  });

  it('a deterministic recipe never opens the model, even when one is named', { timeout: 120_000 }, async () => {
    const r = await cli('run', 'revision-note', '--fleet', 'examples/fleet', '--site', 'press-line-2', '--model', join(tempDir(), 'absent.gguf'), '--fast', '--dry-run');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Recipe revision-note is fully deterministic: the model is not used.');
  });
});

describe('log', () => {
  it('shows the recorded steps of a run per site, with logs on --full; unknown run or site exits 2', { timeout: 120_000 }, async () => {
    const db = join(tempDir(), 'log.db');
    const run = await cli('run', 'estop_standardize', '--fleet', 'examples/fleet', '--site', 'press-line-2', '--site', 'filler-line-5', '--no-model', '--fast', '--db', db);
    expect(run.code, run.err).toBe(0);
    const r = await cli('log', '1', '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Run 1: estop_standardize on ');
    expect(r.out).toMatch(/^press-line-2: changed - change #1: verification passed/m);
    expect(r.out).toMatch(/^\s*1\s+transform\s+changed\s+-\s+-\s+\d+\s+estop-healthy: changed src\/GVL_IO\.st, src\/Safety_Logic\.st$/m);
    expect(r.out).toMatch(/^\s*2\s+transform\s+changed\s+-\s+-\s+\d+\s+revision-note: changed src\/Main\.st$/m);
    expect(r.out).toMatch(/^\s*3\s+agent\s+skipped\s.*the agent was skipped: no model/m);
    expect(r.out).toMatch(/^\s*4\s+verify\s+pass\s/m);
    // A site skipped by a precondition has its outcome and no step.
    expect(r.out).toContain('filler-line-5: skipped - precondition not met');
    expect(r.out).not.toMatch(/^filler-line-5\n\s*step/m);
    const full = await cli('log', '1', '--site', 'press-line-2', '--full', '--db', db);
    expect(full.out).toContain('--- press-line-2 step 1: transform changed');
    expect(full.out).toMatch(/^\+.*Plantshift run 1: Standard e-stop evaluation/m);
    const missing = await cli('log', '9', '--db', db);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('run 9 does not exist');
    const site = await cli('log', '1', '--site', 'nowhere', '--db', db);
    expect(site.code).toBe(2);
    expect(site.err).toContain('recorded nothing for site "nowhere"; its sites: ');
    const nodb = await cli('log', '1', '--db', join(tempDir(), 'absent.db'));
    expect(nodb.code).toBe(2);
    expect(nodb.err).toContain('no database at');
  });
});

describe('recipes', () => {
  it('lists every recipe with its platforms, safety scope and steps', async () => {
    const r = await cli('recipes');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^recipe\s+title\s+applies to\s+safety code\s+steps$/m);
    expect(r.out).toMatch(/^revision-note\s.*\s+all\s+never\s+revision-note$/m);
    expect(r.out).toMatch(/^ladder_to_st\s.*\s+codesys, openplc\s+may touch\s+ladder-to-st \+ revision-note \+ agent$/m);
    for (const id of ['alarm_priorities', 'estop_standardize', 'protocol_migration', 'safety_interlock_update']) expect(r.out).toMatch(new RegExp(`^${id}\\s.*revision-note \\+ agent$`, 'm'));
    expect(r.out).toMatch(/^estop_standardize\s.*\s+estop-healthy \+ revision-note \+ agent$/m);
  });
});
