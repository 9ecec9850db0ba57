import type { Bool, BitVec, Context, Model, Solver } from 'z3-solver';

/**
 * The one Z3 context of the process. z3-solver ships Z3 as WebAssembly (no network, no native build); it
 * initialises asynchronously, so the first caller pays a few hundred milliseconds and every later caller
 * reuses the same context. Checks are serialised: the WASM build runs one check at a time per context.
 */
export type Z = Context<'plantshift'>;
export type ZBool = Bool<'plantshift'>;
export type ZBv = BitVec<number, 'plantshift'>;
export type ZModel = Model<'plantshift'>;
export type ZSolver = Solver<'plantshift'>;

let ready: Promise<Z> | null = null;
let queue: Promise<unknown> = Promise.resolve();

export function z3(): Promise<Z> {
  if (!ready) {
    ready = (async () => {
      const { init } = await import('z3-solver');
      const { Context } = await init();
      return new Context('plantshift');
    })();
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

/** Runs `job` after every earlier job of this process has finished (one solver check at a time). */
export function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}
