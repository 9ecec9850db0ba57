import type { Bool, BitVec, Context, FP, Model, Solver } from 'z3-solver';

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
export type ZFp = FP<'plantshift'>;

/** The low-level calls the high-level API lacks (IEEE conversions), bound to the one context. */
export interface FpConversions {
  /** Signed (or unsigned) bit-vector to the nearest float of `bits` (RNE), as JS Number(int) then fround. */
  fromInt(v: ZBv, signed: boolean, bits: 32 | 64): ZFp;
  /** Float to float of `bits` (RNE), as Math.fround of a double. */
  toFloat(v: ZFp, bits: 32 | 64): ZFp;
  /** Float to a signed bit-vector, rounding half away from zero (REAL_TO_INT); out of range is unspecified. */
  toInt(v: ZFp, bits: number): ZBv;
}

interface LowLevel {
  mk_fpa_to_fp_signed(c: unknown, rm: unknown, t: unknown, s: unknown): unknown;
  mk_fpa_to_fp_unsigned(c: unknown, rm: unknown, t: unknown, s: unknown): unknown;
  mk_fpa_to_fp_float(c: unknown, rm: unknown, t: unknown, s: unknown): unknown;
  mk_fpa_to_sbv(c: unknown, rm: unknown, t: unknown, sz: number): unknown;
  ast_vector_push(c: unknown, v: unknown, a: unknown): void;
}

let low: LowLevel | null = null;

export function fpConversions(z: Z): FpConversions {
  const L = low!;
  const wrap = <T>(raw: unknown): T => {
    const vec = new z.AstVector();
    L.ast_vector_push(z.ptr, vec.ptr, raw);
    return vec.get(0) as unknown as T;
  };
  const sort = (bits: 32 | 64) => (bits === 32 ? z.Float.sort32() : z.Float.sort64());
  const rne = () => z.FloatRM.RNE();
  return {
    fromInt: (v, signed, bits) => wrap<ZFp>(signed ? L.mk_fpa_to_fp_signed(z.ptr, rne().ast, v.ast, sort(bits).ptr) : L.mk_fpa_to_fp_unsigned(z.ptr, rne().ast, v.ast, sort(bits).ptr)),
    toFloat: (v, bits) => wrap<ZFp>(L.mk_fpa_to_fp_float(z.ptr, rne().ast, v.ast, sort(bits).ptr)),
    toInt: (v, bits) => wrap<ZBv>(L.mk_fpa_to_sbv(z.ptr, z.FloatRM.RNA().ast, v.ast, bits)),
  };
}

let ready: Promise<Z> | null = null;
let queue: Promise<unknown> = Promise.resolve();

export function z3(): Promise<Z> {
  if (!ready) {
    ready = (async () => {
      const { init } = await import('z3-solver');
      const { Z3, Context } = await init();
      low = Z3 as unknown as LowLevel;
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

/**
 * Lets pending finalizers of released z3 objects run before a solver check. The WASM build solves on a worker
 * thread while the main thread awaits; a FinalizationRegistry callback that decrements a reference count in
 * that window races the solver, and crashed the process under load. Only where the process exposes `gc`
 * (the isolated proof child does); elsewhere a no-op.
 */
export async function settleGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
