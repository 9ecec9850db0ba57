import type { SiteVersion } from '../evidence/site-version.js';
import { traceOf } from './counterexample.js';
import { unroll } from './encode.js';
import type { FormalResult, PropertyResult, UnsupportedConstruct } from './formal-result.js';
import { safetyProperties, type SafetySignals } from './properties.js';
import { firstViolation, replayTrace } from './replay.js';
import { exclusive, z3, type ZModel } from './z3-context.js';

export interface ProveOptions {
  /** Scans to unroll (k). */
  bound: number;
  /** Solver time for all properties together. */
  timeoutMs: number;
}

/** The symbolic clock (CLOCK_BITS) cannot overflow within this many scans. */
export const MAX_BOUND = 255;

const BASE_ABSTRACTIONS = [
  'bounded: only behaviours of at most k scans from the declared initial state (cold start) are explored',
  'inputs (globals the program never writes, located %I variables) take any value in every scan, independently',
  'BOOL is encoded as Bool; every integer type, enum and TIME as a bit-vector of its width with exact wrap-around',
  "the site's entry program is the one cyclic task; RETAIN/warm restart, online changes and faults are not modelled",
  'scan time: each scan takes any non-negative time (up to 2^31 ms); a counterexample is re-solved with every scan exactly one cycle long before it is reported',
];

/**
 * Bounded model checking of the site's safety configuration (P1 e-stop demand, P2 reset after a demand,
 * P3 open guard) over `bound` scans. "proved" means no violation exists in the first `bound` scans from a
 * cold start under the stated abstractions; it is never claimed for a program with an unencoded construct.
 */
export function proveSafety(v: SiteVersion, options: ProveOptions): Promise<FormalResult> {
  return exclusive(() => prove(v, options));
}

async function prove(v: SiteVersion, o: ProveOptions): Promise<FormalResult> {
  const t0 = performance.now();
  if (!Number.isInteger(o.bound) || o.bound < 1 || o.bound > MAX_BOUND) throw new RangeError(`formal: bound must be an integer from 1 to ${MAX_BOUND}, got ${o.bound}`);
  const z = await z3();
  const cfg = v.config;
  const s: SafetySignals = { ...cfg.safety, cycleMs: cfg.cycleMs };
  const units = v.project.sources.map((x) => x.parse.unit);
  const u = unroll(z, v.model, units, { entry: cfg.entry, cycleMs: cfg.cycleMs, bound: o.bound, watchIn: [...new Set([...s.estops, ...s.guards, ...(s.reset ? [s.reset] : [])])], watchOut: s.hazardousOutputs });
  const props = safetyProperties(z, u, s);
  const encodeMs = performance.now() - t0;
  const unsupported: UnsupportedConstruct[] = u.en.unsupported.map((x) => ({ construct: x.construct, location: x.file && x.offset >= 0 ? v.locate(x.file, x.offset) : null }));
  const out: PropertyResult[] = [];
  const deadline = t0 + o.timeoutMs;
  for (const p of props) {
    const p0 = performance.now();
    const base: PropertyResult = { id: p.id, rule: p.rule, statement: p.statement, status: 'proved', trace: null, nominalTiming: null, confirmed: null, unsupported: [], note: null, durationMs: 0 };
    const done = (r: Partial<PropertyResult>): void => void out.push({ ...base, ...r, durationMs: performance.now() - p0 });
    if (unsupported.length) {
      done({ status: 'unsupported', unsupported, note: 'the program has constructs the encoder cannot represent exactly; no proof was attempted' });
      continue;
    }
    if (p.notApplicable) {
      done({ status: 'unsupported', unsupported: [{ construct: p.notApplicable, location: null }], note: p.notApplicable });
      continue;
    }
    if (p.vacuous) {
      done({ status: 'proved', note: `holds trivially: ${p.vacuous}` });
      continue;
    }
    if (p.violations.length === 0) {
      done({ status: 'unsupported', unsupported: [{ construct: `bound ${o.bound} is shorter than the reaction window`, location: null }], note: `bound ${o.bound} is too small to check this property` });
      continue;
    }
    const left = deadline - performance.now();
    if (left <= 0) {
      done({ status: 'timeout', note: `no solver time left of ${o.timeoutMs} ms` });
      continue;
    }
    const solver = new z.Solver();
    solver.set('timeout', Math.max(1, Math.floor(left)));
    solver.add(...u.en.wellFormed);
    solver.add(z.Or(...p.violations.map((x) => x.cond)));
    const r = await solver.check();
    const why = r === 'unknown' ? solver.reasonUnknown() : '';
    if (r !== 'sat') solver.reset();
    if (r === 'unsat') {
      done({ status: 'proved' });
      continue;
    }
    if (r === 'unknown') {
      done({ status: 'timeout', note: `solver gave up (${why}) within ${o.timeoutMs} ms` });
      continue;
    }
    let model: ZModel = solver.model();
    let nominal = false;
    solver.push();
    solver.add(...u.en.nominal);
    const rn = await solver.check();
    if (rn === 'sat') {
      model = solver.model();
      nominal = true;
    }
    solver.pop();
    const at = p.violations.find((x) => String(model.eval(x.cond, true)) === 'true')?.at ?? null;
    const title = `${p.rule}: violated at scan ${at ?? '?'}${nominal ? '' : ' (only with non-nominal scan times)'}`;
    const trace = traceOf(model, u, s, title, at ?? 0);
    let confirmed: boolean | null = null;
    let note = nominal
      ? 'counterexample with every scan exactly one cycle long'
      : rn === 'unsat'
        ? 'violated only if scans take other than the nominal cycle time (timer jitter); not reproducible on the soft-PLC at its fixed cycle'
        : `violated with free scan times; the re-solve with nominal timing gave no answer (${rn}), so it was not replayed`;
    if (v.program && nominal) {
      const seen = replayTrace(v.program, trace, s.hazardousOutputs);
      const hit = firstViolation(p.id, s, seen, trace.times.length);
      confirmed = hit !== null;
      note += confirmed ? `; replayed on the soft-PLC: violated there at scan ${hit}` : '; NOT reproduced on the soft-PLC (encoding and simulator disagree: report this)';
    }
    solver.reset();
    done({ status: 'violated', trace, nominalTiming: nominal, confirmed, note });
  }
  return {
    siteId: cfg.id,
    version: v.version,
    bound: o.bound,
    properties: out,
    abstractions: [...BASE_ABSTRACTIONS, ...u.en.abstractions],
    encodeMs,
    durationMs: performance.now() - t0,
  };
}
