import type { EvidenceTrace } from '../../evidence/report.js';

/**
 * The geometry of a timing diagram, as numbers only: which samples are shown, how wide each one is and where
 * the time ticks go. Short traces get wide samples; long ones are compressed up to `MAX_PLOT_WIDTH`; very long
 * ones keep a window of `MAX_SAMPLES_SHOWN` samples around the marked scan (most of it before the mark, where
 * the cause usually is).
 */

export const MAX_PLOT_WIDTH = 680;
/** Pixels per sample at most, so a 10-sample trace is not stretched across the page. */
export const MAX_STEP = 48;
/** Samples drawn at most; beyond this the diagram keeps a window around `markAt`. */
export const MAX_SAMPLES_SHOWN = 1200;
/** Smallest gap between two labelled ticks, in pixels. */
export const MIN_TICK_GAP = 72;

export interface TraceWindow {
  /** All samples in the trace. */
  total: number;
  /** First shown sample index (inclusive) and one past the last shown. */
  start: number;
  end: number;
  /** Pixels per sample. */
  step: number;
  plotWidth: number;
  /** Sample indices (start <= i <= end) that get a labelled tick. */
  ticks: number[];
  /** The marked sample, when it is valid; always inside the window. */
  mark: number | null;
}

const NICE = [1, 2, 5];

/** Smallest 1-2-5 multiple of samples whose ticks are at least `MIN_TICK_GAP` apart. */
function tickEvery(step: number): number {
  for (let scale = 1; ; scale *= 10) {
    for (const n of NICE) if (n * scale * step >= MIN_TICK_GAP) return n * scale;
    if (scale > 1e12) return scale;
  }
}

export function traceWindow(trace: EvidenceTrace): TraceWindow {
  const total = trace.times.length;
  const mark = trace.markAt !== null && Number.isInteger(trace.markAt) && trace.markAt >= 0 && trace.markAt < total ? trace.markAt : null;
  let start = 0;
  let end = total;
  if (total > MAX_SAMPLES_SHOWN) {
    const before = Math.floor(MAX_SAMPLES_SHOWN * 0.75);
    start = mark === null ? 0 : Math.min(Math.max(0, mark - before), total - MAX_SAMPLES_SHOWN);
    end = start + MAX_SAMPLES_SHOWN;
  }
  const count = Math.max(1, end - start);
  const step = Math.min(MAX_STEP, MAX_PLOT_WIDTH / count);
  const every = tickEvery(step);
  const ticks: number[] = [];
  for (let i = Math.ceil(start / every) * every; i <= end; i += every) ticks.push(i);
  return { total, start, end, step, plotWidth: count * step, ticks, mark };
}

/** Virtual time at sample `i`; one past the last sample is one cycle after it. */
export function timeAt(trace: EvidenceTrace, i: number): number {
  const t = trace.times[i];
  if (t !== undefined) return t;
  const last = trace.times[trace.times.length - 1] ?? 0;
  return last + (i - trace.times.length + 1) * trace.cycleMs;
}
