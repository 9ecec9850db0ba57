/** Injected wherever a timestamp is recorded, so runs and tests are reproducible. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const t = new Date(iso);
  return { now: () => new Date(t) };
}
