import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src-main/store/store.js';
import { copyExampleFleet, REPO, tempDir } from '../helpers/temp.js';

// Real processes: `plantshift run` stopped by SIGTERM, two runs at once on one database, and a proof child whose
// parent is killed with SIGKILL. Each test looks only at processes it started itself.

const BIN = join(REPO, 'dist', 'src-main', 'cli', 'bin.js');
const started: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(BIN) || !existsSync(join(REPO, 'dist', 'src-main', 'verify', 'formal-child.js'))) {
    execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO });
  }
}, 180_000);

afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[], home: string): Proc {
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, PLANTSHIFT_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return { child, out: () => out, exited };
}

async function until(what: string, cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** /proc/PID/stat: state and parent pid; null once the process is gone (a zombie counts as gone). */
function procStat(pid: number): { state: string; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' || state === 'X' ? null : { state: state!, ppid: Number(ppid) };
  } catch {
    return null;
  }
}

/** The running processes whose parent is `parent` and whose command line names formal-child.js. */
function proofChildrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (procStat(pid)?.ppid !== parent) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('formal-child.js')) pids.push(pid);
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

const integrity = (file: string): unknown => {
  const store = Store.open(file);
  try {
    return store.db.pragma('integrity_check', { simple: true });
  } finally {
    store.close();
  }
};

describe('plantshift run stopped by SIGTERM', () => {
  it('exits with 143, records the run as interrupted, leaves a sound database and the next run works', { timeout: 120_000 }, async () => {
    const home = tempDir('plantshift-home-');
    const fleet = copyExampleFleet();
    const db = join(tempDir(), 'plantshift.db');
    const run = start([BIN, 'run', 'revision-note', '--fleet', fleet, '--db', db], home);
    await until('the first ST site to start', () => run.out().includes('conveyor-line-1: running revision-note'), 60_000);
    run.child.kill('SIGTERM');
    const t0 = Date.now();
    const end = await run.exited;
    // The documented exit status; the bound only catches a process that ignores the signal.
    expect(end, run.out()).toEqual({ code: 143, signal: null });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(run.out()).toMatch(/SIGTERM: run 1 stopped and recorded as interrupted/);

    expect(integrity(db)).toBe('ok');
    const store = Store.open(db);
    try {
      expect(store.runs.get(1)).toMatchObject({ status: 'interrupted' });
      expect(store.runs.get(1)?.finishedAt).not.toBeNull();
      const sites = store.runs.sites(1);
      expect(sites.find((s) => s.siteId === 'conveyor-line-1')).toMatchObject({ status: 'failed', message: 'interrupted: the run was stopped by SIGTERM' });
      expect(sites.find((s) => s.siteId === 'stamping-press-7')).toMatchObject({ status: 'failed', message: 'not run: the run was stopped by SIGTERM' });
      expect(store.changes.list(1).map((c) => c.siteId)).not.toContain('conveyor-line-1');
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM site_claims').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }

    const next = start([BIN, 'run', 'revision-note', '--fleet', fleet, '--site', 'conveyor-line-1', '--fast', '--db', db], home);
    expect((await next.exited).code, next.out()).toBe(0);
    expect(next.out()).toContain('conveyor-line-1: changed');
  });
});

describe('two plantshift run processes on one database', () => {
  it('never propose two changes for one site: the later process skips the site the other is working on', { timeout: 180_000 }, async () => {
    const home = tempDir('plantshift-home-');
    const fleet = copyExampleFleet();
    const db = join(tempDir(), 'plantshift.db');
    const sites = ['conveyor-line-1', 'press-line-2', 'pump-station-6'];
    const args = (): string[] => [BIN, 'run', 'revision-note', '--fleet', fleet, ...sites.flatMap((s) => ['--site', s]), '--fast', '--db', db];
    const a = start(args(), home);
    await until('run A to start its first site', () => a.out().includes('conveyor-line-1: running revision-note'), 60_000);
    // A is held while working on its first site, so both processes are certainly running at the same time.
    a.child.kill('SIGSTOP');
    const b = start(args(), home);
    try {
      await until('run B to pass the first site', () => b.out().includes('press-line-2: running revision-note'), 60_000);
    } finally {
      a.child.kill('SIGCONT');
    }
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.code, a.out()).toBe(0);
    expect(eb.code, b.out()).toBe(0);
    expect(b.out()).toContain(`conveyor-line-1: skipped - being run by run 1 (pid ${a.child.pid})`);

    const store = Store.open(db);
    try {
      const perSite = store.db.prepare('SELECT site_id AS siteId, COUNT(*) AS n FROM changes GROUP BY site_id ORDER BY site_id').all();
      expect(perSite).toEqual(sites.map((siteId) => ({ siteId, n: 1 })));
      expect([store.runs.get(1)?.status, store.runs.get(2)?.status]).toEqual(['finished', 'finished']);
    } finally {
      store.close();
    }
  });
});

describe('plantshift serve stopped by SIGTERM', () => {
  it('stops the run in progress, records it as interrupted and exits', { timeout: 120_000 }, async () => {
    expect(existsSync(join(REPO, 'dist', 'renderer', 'index.html')), 'the UI bundle (npm run build)').toBe(true);
    const fleet = copyExampleFleet();
    const db = join(tempDir(), 'plantshift.db');
    const serve = start([BIN, 'serve', '--db', db, '--fleet', fleet], tempDir('plantshift-home-'));
    let url = '';
    await until('the bridge URL', () => (url = /(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(serve.out())?.[0] ?? '') !== '', 60_000);
    const [, origin, token] = /(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(url)!;
    // The reply never comes: the server stops during the run.
    void fetch(`${origin}/api/run.start`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-plantshift-token': token! }, body: JSON.stringify({ fleetPath: fleet, recipeId: 'revision-note', siteIds: [] }) }).catch(() => undefined);
    const steps = (): number => {
      if (!existsSync(db)) return 0;
      const store = Store.open(db);
      try {
        return (store.db.prepare('SELECT COUNT(*) AS n FROM site_steps').get() as { n: number }).n;
      } finally {
        store.close();
      }
    };
    await until('the run to record its first step', () => steps() > 0, 60_000);
    serve.child.kill('SIGTERM');
    expect(await serve.exited, serve.out()).toEqual({ code: 0, signal: null });
    expect(serve.out()).toContain('Run 1 stopped and recorded as interrupted.');
    expect(integrity(db)).toBe('ok');
    const store = Store.open(db);
    try {
      expect(store.runs.get(1)?.status).toBe('interrupted');
      expect(store.runs.sites(1).some((site) => site.message === 'interrupted: the app server was stopped by SIGTERM')).toBe(true);
    } finally {
      store.close();
    }
  });
});

describe('plantshift verify stopped by SIGTERM during a proof', () => {
  it('exits with 143 and its proof child ends with it', { timeout: 120_000 }, async () => {
    const site = join(REPO, 'examples', 'fleet', 'palletizer-9');
    const verify = start([BIN, 'verify', '--before', site, '--after', site], tempDir('plantshift-home-'));
    const pid = verify.child.pid!;
    let proof: number[] = [];
    await until('the proof child to start', () => (proof = proofChildrenOf(pid)).length > 0, 60_000);
    verify.child.kill('SIGTERM');
    expect(await verify.exited, verify.out()).toEqual({ code: 143, signal: null });
    await until('the proof child to end', () => proof.every((p) => procStat(p) === null), 10_000);
  });
});

describe('a formal proof child process', () => {
  it('ends within seconds when its parent is killed with SIGKILL during the proof', { timeout: 120_000 }, async () => {
    const dir = tempDir('plantshift-prove-');
    const script = join(dir, 'prove.mjs');
    // A heavy proof (palletizer-9 at bound 30 takes tens of seconds) through the same module the pipeline uses.
    writeFileSync(
      script,
      `const repo = ${JSON.stringify(REPO)};
       const { loadSiteProgram } = await import(repo + '/dist/src-main/fleet/site-program.js');
       const { toSiteVersion } = await import(repo + '/dist/src-main/fleet/site-version-loader.js');
       const { proveSafetyIsolated } = await import(repo + '/dist/src-main/verify/formal-isolated.js');
       const v = toSiteVersion(loadSiteProgram(repo + '/examples/fleet/palletizer-9'), 'after');
       console.log('proving');
       await proveSafetyIsolated(v, { bound: 30, timeoutMs: 120000 });
       console.log('proved');`,
    );
    const parent = start([script], tempDir('plantshift-home-'));
    const pid = parent.child.pid!;
    let proof: number[] = [];
    await until('the proof child to start', () => (proof = proofChildrenOf(pid)).length > 0, 60_000);
    // Let it get into the solver.
    await new Promise((r) => setTimeout(r, 1500));
    expect(proof.every((p) => procStat(p) !== null), `${parent.out()} (the proof ended before the kill: make it heavier)`).toBe(true);
    expect(parent.out()).not.toContain('proved');
    parent.child.kill('SIGKILL');
    await parent.exited;
    const t0 = Date.now();
    await until('the proof child to end', () => proof.every((p) => procStat(p) === null), 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
