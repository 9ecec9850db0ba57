import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../app/paths.js';
import { proveSafety } from '../formal/bmc.js';
import type { FormalResult } from '../formal/formal-result.js';
import type { SiteVersion } from '../evidence/site-version.js';

/** The compiled child script: beside this module in dist/, or dist/ of the package when running from sources. */
function childScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(here, '..', 'formal-child.js');
  const built = join(packageRoot(), 'dist', 'src-main', 'verify', 'formal-child.js');
  return existsSync(built) ? built : null;
}

/**
 * Runs the bounded model check in a child process so that a solver crash or a runaway proof ends that
 * process only: the stage then reports an error (never a pass) and the app goes on. Without a built child
 * script (sources run directly, before `npm run build`) it runs in this process.
 */
export async function proveSafetyIsolated(v: SiteVersion, o: { bound: number; timeoutMs: number }): Promise<FormalResult> {
  const script = childScript();
  if (!script) return proveSafety(v, o);
  try {
    return await runChild(script, v, o);
  } catch (e) {
    // A crash of the WASM solver (not a timeout) is asked once more in a fresh process; a second crash stands.
    if (e instanceof SolverCrash) return runChild(script, v, o);
    throw e;
  }
}

class SolverCrash extends Error {}

// Proof processes still running, so that they end with this process: killed on exit (normal, process.exit, a
// handled signal) here, and by their own watchdog (formal-child.ts) when this process is killed outright.
const live = new Set<ChildProcess>();
let exitHook = false;

/** Kills every proof process of this process now (a signal handler calls it before leaving). */
export function killProofChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

function track(child: ChildProcess): void {
  live.add(child);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', killProofChildren);
  }
}

function runChild(script: string, v: SiteVersion, o: { bound: number; timeoutMs: number }): Promise<FormalResult> {
  return new Promise((resolve, reject) => {
    // The child is told its parent's pid: it ends itself as soon as it is no longer this process's child.
    const child = spawn(process.execPath, ['--max-old-space-size=1024', '--expose-gc', script, `--parent=${process.pid}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    track(child);
    let out = '';
    let err = '';
    const limit = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs + 30_000);
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', (e) => {
      live.delete(child);
      clearTimeout(limit);
      reject(e);
    });
    child.on('close', (code, signal) => {
      live.delete(child);
      clearTimeout(limit);
      if (code === 0 && out) {
        try {
          resolve(JSON.parse(out) as FormalResult);
          return;
        } catch {
          // fall through to the error below
        }
      }
      const why = signal === 'SIGKILL' ? `no result within ${Math.round((o.timeoutMs + 30_000) / 1000)} s` : `the solver process ended with ${signal ?? `exit code ${code}`}`;
      const message = `${why}${err ? `: ${err.trim().split('\n').slice(-3).join(' | ').slice(0, 400)}` : ''}`;
      reject(signal === 'SIGKILL' ? new Error(message) : new SolverCrash(message));
    });
    child.stdin.end(JSON.stringify({ dir: v.dir, config: v.config, sources: v.sources, version: v.version, bound: o.bound, timeoutMs: o.timeoutMs }));
  });
}
