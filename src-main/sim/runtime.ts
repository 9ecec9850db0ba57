import type { SimFault } from './sim-types.js';

/** Where generated code can fault: the POU and source line, by index into the program's site table. */
export interface CodeSite {
  pou: string;
  file: string;
  line: number;
}

/** Thrown inside a scan to stop it like a PLC fault; caught by the program and turned into a SimFault. */
export class FaultSignal extends Error {
  constructor(
    readonly kind: SimFault['kind'],
    message: string,
    readonly site: number,
  ) {
    super(message);
  }
}

/** Loop iterations one scan may run before the watchdog stops the program (an endless loop on a PLC). */
export const DEFAULT_ITERATION_BUDGET = 5_000_000;

/**
 * What generated code calls at run time: virtual time, the loop budget, bounds and division checks, and the
 * string and numeric helpers of the standard library. One instance per program; nothing here is global.
 */
export class Runtime {
  /** Virtual time of the running scan in milliseconds. */
  now = 0;
  budget = DEFAULT_ITERATION_BUDGET;
  /** Direct addresses with no declared variable: the I/O image (%IX0.0 -> value). */
  readonly io: Record<string, boolean | number | bigint> = Object.create(null) as Record<string, boolean | number | bigint>;

  constructor(readonly sites: readonly CodeSite[], readonly iterationBudget = DEFAULT_ITERATION_BUDGET) {}

  startScan(now: number): void {
    this.now = now;
    this.budget = this.iterationBudget;
  }

  /** Called once per loop iteration; ends the scan when the budget is spent. */
  tick(site: number): void {
    if (--this.budget < 0) throw new FaultSignal('watchdog', `loop ran more than ${this.iterationBudget} iterations in one scan (watchdog)`, site);
  }

  /** Array index check: returns the zero-based position or faults. */
  idx(i: number | bigint, lo: number, hi: number, site: number): number {
    const n = Number(i);
    if (!(n >= lo && n <= hi)) throw new FaultSignal('bounds', `index ${String(i)} is outside the array bounds ${lo}..${hi}`, site);
    return n - lo;
  }

  /** Integer division truncating toward zero; division by zero faults like a PLC exception. */
  div(a: number, b: number, site: number): number {
    if (b === 0) throw new FaultSignal('division', 'integer division by zero', site);
    return Math.trunc(a / b);
  }

  bdiv(a: bigint, b: bigint, site: number): bigint {
    if (b === 0n) throw new FaultSignal('division', 'integer division by zero', site);
    return a / b;
  }

  /** MOD takes the sign of the dividend (JavaScript's % does the same); MOD 0 faults. */
  mod(a: number, b: number, site: number): number {
    if (b === 0) throw new FaultSignal('division', 'MOD by zero', site);
    return a % b;
  }

  bmod(a: bigint, b: bigint, site: number): bigint {
    if (b === 0n) throw new FaultSignal('division', 'MOD by zero', site);
    return a % b;
  }

  deref<T>(r: { o: Record<string, T>; k: string | number } | null | 0, site: number): { o: Record<string, T>; k: string | number } {
    if (!r) throw new FaultSignal('null-reference', 'dereference of a null pointer or reference', site);
    return r;
  }

  /**
   * A method or property accessor called through a dispatch table (`gen-dispatch.ts`): an interface that
   * refers to no instance faults like the PLC's access violation, at the call's source line.
   */
  vcall(o: unknown, slot: string, what: string, site: number, G: unknown, P: unknown, ...args: unknown[]): unknown {
    if (!o) throw new FaultSignal('null-reference', `${what} called through an interface that refers to no instance (0)`, site);
    const f = (o as { $vt?: Record<string, (...a: unknown[]) => unknown> }).$vt?.[slot];
    if (!f) throw new FaultSignal('fault', `${what} is not implemented by the instance the interface refers to`, site);
    return f(o, G, P, this, ...args);
  }

  /**
   * `=` on interfaces, pointers and references: 0 and an unset (null) one are the same; interfaces are equal
   * when they refer to the same instance, pointers when they name the same place (`{o, k}` made per ADR).
   */
  sameRef(a: unknown, b: unknown): boolean {
    if (!a || !b) return !a && !b;
    if (a === b) return true;
    const x = a as { o?: unknown; k?: unknown };
    const y = b as { o?: unknown; k?: unknown };
    return typeof x === 'object' && typeof y === 'object' && x.o !== undefined && x.o === y.o && x.k === y.k;
  }

  /** REAL_TO_INT rounds half away from zero (IEC 61131-3 table 22). */
  roundInt(x: number): number {
    return x < 0 ? -Math.round(-x) : Math.round(x);
  }

  toStr(v: unknown): string {
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    return String(v);
  }

  strNum(s: string): number {
    const n = Number(s.trim());
    return Number.isFinite(n) ? n : 0;
  }

  // --- STRING functions (1-based positions, as in IEC 61131-3 table 29) ---
  fit(s: string, max: number): string {
    return s.length > max ? s.slice(0, max) : s;
  }
  left(s: string, n: number): string {
    return n <= 0 ? '' : s.slice(0, n);
  }
  right(s: string, n: number): string {
    return n <= 0 ? '' : s.slice(Math.max(0, s.length - n));
  }
  mid(s: string, n: number, p: number): string {
    return p < 1 || n <= 0 ? '' : s.slice(p - 1, p - 1 + n);
  }
  insert(a: string, b: string, p: number): string {
    const at = Math.max(0, Math.min(a.length, p));
    return a.slice(0, at) + b + a.slice(at);
  }
  delete(s: string, n: number, p: number): string {
    return p < 1 || n <= 0 ? s : s.slice(0, p - 1) + s.slice(p - 1 + n);
  }
  replace(a: string, b: string, n: number, p: number): string {
    return p < 1 ? a : a.slice(0, p - 1) + b + a.slice(Math.max(p - 1, p - 1 + n));
  }
  find(a: string, b: string): number {
    return b === '' ? 0 : a.indexOf(b) + 1;
  }

  // --- bit shifts and rotations on a width ---
  shl(v: number, n: number, bits: number): number {
    return n >= bits ? 0 : bits === 32 ? (v << n) >>> 0 : (v << n) & ((1 << bits) - 1);
  }
  shr(v: number, n: number, bits: number): number {
    return n >= bits ? 0 : (bits === 32 ? v >>> 0 : v) >>> n;
  }
  rol(v: number, n: number, bits: number): number {
    const k = n % bits;
    const u = bits === 32 ? v >>> 0 : v;
    const r = k === 0 ? u : ((u << k) | (u >>> (bits - k))) >>> 0;
    return bits === 32 ? r >>> 0 : r & ((1 << bits) - 1);
  }
  ror(v: number, n: number, bits: number): number {
    return this.rol(v, bits - (n % bits), bits);
  }
  shapeArray(flat: unknown[], dims: number[], total: number, fill: () => unknown): unknown[] {
    return shapeArray(flat, dims, total, fill);
  }
  setBit(v: number, bit: number, on: boolean): number {
    return on ? v | (1 << bit) : v & ~(1 << bit);
  }
}

/** Lays a flat list of initial values into nested arrays of the given dimensions, padding with defaults. */
export function shapeArray(flat: unknown[], dims: number[], total: number, fill: () => unknown): unknown[] {
  const values = flat.slice(0, total);
  while (values.length < total) values.push(fill());
  const build = (d: number, offset: number): unknown[] => {
    const n = dims[d]!;
    if (d === dims.length - 1) return values.slice(offset, offset + n);
    const stride = dims.slice(d + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: n }, (_, i) => build(d + 1, offset + i * stride));
  };
  return build(0, 0);
}
