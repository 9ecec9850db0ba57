import { Prng } from './prng.js';
import type { SimValue } from './sim-types.js';

/** An input the differential run drives: its path, IEC type and the value it starts from. */
export interface InputSignal {
  path: string;
  type: string;
  baseline: SimValue;
}

/** Writes to apply before given scans (0-based from a cold start), and how many scans to run in all. */
export interface InputSequence {
  name: string;
  scans: number;
  writes: Map<number, Map<string, SimValue>>;
}

/** Integer ranges by IEC type; bigint types (64-bit) use bigint bounds. */
const RANGES: Record<string, [number, number]> = {
  SINT: [-128, 127], USINT: [0, 255], BYTE: [0, 255], INT: [-32768, 32767], UINT: [0, 65535], WORD: [0, 65535],
  DINT: [-2147483648, 2147483647], UDINT: [0, 4294967295], DWORD: [0, 4294967295], TIME: [0, 2147483647],
};
const BIG_RANGES: Record<string, [bigint, bigint]> = {
  LINT: [-(2n ** 63n), 2n ** 63n - 1n], ULINT: [0n, 2n ** 64n - 1n], LWORD: [0n, 2n ** 64n - 1n], LTIME: [0n, 2n ** 63n - 1n],
};
const REAL_MAX: Record<string, number> = { REAL: 3.4028234663852886e38, LREAL: Number.MAX_VALUE };

/** The values worth trying for a numeric input: its type's minimum, maximum and zero; null when not numeric. */
export function boundaryValues(input: InputSignal): SimValue[] | null {
  const t = input.type.toUpperCase();
  const r = RANGES[t];
  if (r && typeof input.baseline === 'number') return [r[0], r[1], 0];
  const b = BIG_RANGES[t];
  if (b && typeof input.baseline === 'bigint') return [b[0], b[1], 0n];
  const m = REAL_MAX[t];
  if (m !== undefined && typeof input.baseline === 'number') return [-m, m, 0];
  return null;
}

class Builder {
  readonly writes = new Map<number, Map<string, SimValue>>();
  write(scan: number, path: string, value: SimValue): void {
    if (!this.writes.has(scan)) this.writes.set(scan, new Map());
    this.writes.get(scan)!.set(path, value);
  }
  baseline(inputs: InputSignal[]): this {
    for (const i of inputs) this.write(0, i.path, i.baseline);
    return this;
  }
  done(name: string, scans: number): InputSequence {
    return { name, scans, writes: this.writes };
  }
}

export interface BoundaryOptions {
  /** Scans between the changes of a toggle sequence: long enough for edge detection and short timers. */
  toggleScans: number;
  /** Length of the "held" sequences: long enough for timers and watchdog-like logic to run out. */
  holdScans: number;
}

/**
 * Sequences that hit the cases random inputs rarely do: every boolean toggled alone (a long change, then a
 * one-scan pulse), all booleans held TRUE and held FALSE, all booleans flipping on the same scans, and every
 * numeric input at its type's minimum, maximum and zero. Each starts from the baseline.
 */
export function boundarySequences(inputs: InputSignal[], o: BoundaryOptions): InputSequence[] {
  const h = o.toggleScans;
  const bools = inputs.filter((i) => typeof i.baseline === 'boolean');
  const out: InputSequence[] = [];
  for (const i of bools) {
    const b = new Builder().baseline(inputs);
    const on = !(i.baseline as boolean);
    b.write(h, i.path, on);
    b.write(2 * h, i.path, !on);
    b.write(3 * h, i.path, on);
    b.write(3 * h + 1, i.path, !on);
    out.push(b.done(`toggle ${i.path}`, 4 * h));
  }
  if (bools.length) {
    for (const level of [true, false]) {
      const b = new Builder().baseline(inputs);
      for (const i of bools) b.write(0, i.path, level);
      out.push(b.done(`all boolean inputs held ${level ? 'TRUE' : 'FALSE'}`, o.holdScans));
    }
    const b = new Builder().baseline(inputs);
    const flips = [h, 2 * h, 2 * h + 1, 2 * h + 2, 3 * h];
    flips.forEach((s, k) => {
      for (const i of bools) b.write(s, i.path, k % 2 === 0 ? !i.baseline : i.baseline);
    });
    out.push(b.done('all boolean inputs flip on the same scans', 4 * h));
  }
  for (const i of inputs) {
    const values = boundaryValues(i);
    if (!values) continue;
    const b = new Builder().baseline(inputs);
    values.forEach((v, k) => b.write((k + 1) * h, i.path, v));
    b.write((values.length + 1) * h, i.path, i.baseline);
    out.push(b.done(`${i.path} at min, max and 0`, (values.length + 2) * h));
  }
  return out;
}

/** A new value for a numeric input: mostly small steps and plausible magnitudes, sometimes the extremes. */
function nextNumber(rng: Prng, input: InputSignal, current: SimValue): SimValue {
  const t = input.type.toUpperCase();
  const r = RANGES[t];
  if (r && typeof current === 'number') {
    const [lo, hi] = r;
    const clamp = (x: number): number => Math.min(hi, Math.max(lo, x));
    const choice = rng.int(0, 5);
    if (choice === 0) return rng.pick([lo, hi, 0]);
    if (choice === 1) return clamp(current + rng.pick([-1, 1]));
    if (choice === 2) return clamp(rng.int(0, 100));
    if (choice === 3) return clamp(rng.int(0, 10_000));
    return rng.int(lo, hi);
  }
  const b = BIG_RANGES[t];
  if (b && typeof current === 'bigint') {
    const choice = rng.int(0, 3);
    if (choice === 0) return rng.pick([b[0], b[1], 0n]);
    if (choice === 1) return BigInt(rng.int(0, 10_000));
    return b[0] + ((BigInt(rng.seed()) << 32n) | BigInt(rng.seed())) % (b[1] - b[0] + 1n);
  }
  if (typeof current === 'number') {
    const m = REAL_MAX[t] ?? Number.MAX_VALUE;
    const choice = rng.int(0, 5);
    if (choice === 0) return rng.pick([-m, m, 0]);
    if (choice === 1) return current + (rng.next() - 0.5);
    if (choice === 2) return Math.round(rng.next() * 1000) / 10;
    return (rng.next() - 0.5) * 20_000;
  }
  return current;
}

/**
 * Seeded random sequences. Each gets its own change rate (from busy to calm), because logic behind timers only
 * shows its behaviour when inputs stay put for a while. Sequence k depends only on the seed and k.
 */
export function randomSequences(inputs: InputSignal[], count: number, length: number, seed: number): InputSequence[] {
  const master = new Prng(seed);
  const rates = [0.3, 0.1, 0.03, 0.01];
  const out: InputSequence[] = [];
  for (let k = 0; k < count; k++) {
    const childSeed = master.seed();
    const rng = new Prng(childSeed);
    const rate = rates[k % rates.length]!;
    const b = new Builder().baseline(inputs);
    const state = new Map(inputs.map((i) => [i.path, i.baseline]));
    for (let s = 1; s < length; s++) {
      for (const i of inputs) {
        if (!rng.chance(rate)) continue;
        const cur = state.get(i.path)!;
        const v = typeof cur === 'boolean' ? !cur : nextNumber(rng, i, cur);
        if (v === cur) continue;
        state.set(i.path, v);
        b.write(s, i.path, v);
      }
    }
    out.push(b.done(`random #${k + 1} (seed ${seed}, sequence seed ${childSeed})`, length));
  }
  return out;
}
