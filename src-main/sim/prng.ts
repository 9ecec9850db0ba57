/**
 * A small seeded generator (mulberry32). Equivalence runs must be reproducible from their seed alone, so the
 * simulator never uses Math.random: the same seed gives the same input sequences on every machine.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive; exact for ranges up to 2^53. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A 32-bit seed for a child generator, so each sequence can be replayed on its own. */
  seed(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}
