import type { SiteVersion } from '../evidence/site-version.js';
import { traceOf } from './counterexample.js';
import { unroll, type Unrolling } from './encode.js';
import type { FormalResult, PropertyResult, UnsupportedConstruct } from './formal-result.js';
import { safetyProperties, type PropertyFormula, type SafetySignals } from './properties.js';
import { firstViolation, replayTrace } from './replay.js';
import { exclusive, settleGarbage, z3, type Z, type ZModel } from './z3-context.js';

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
  'BOOL is encoded as Bool; every integer type, enum and TIME as a bit-vector of its width with exact wrap-around; structs and arrays member by member',
  'cone of influence: only statements that can affect a hazardous output, an e-stop, a guard or the reset input are encoded; everything else is ignored',
  "the site's entry program is the one cyclic task; RETAIN/warm restart and online changes are not modelled; a runtime fault (array bounds, division by zero) in encoded code makes every hazardous output unknown from that scan on",
  'scan time: each scan takes any non-negative time (up to 2^31 ms); a counterexample is re-solved with every scan exactly one cycle long before it is reported',
];

const REAL_HAVOC = 'REAL/LREAL values are free (havocked) in the first attempt; a counterexample the soft-PLC does not reproduce is re-checked with REAL encoded exactly (IEEE float32/double as the soft-PLC computes)';

/**
 * Bounded model checking of the site's safety configuration (P1 e-stop demand, P2 reset after a demand,
 * P3 open guard) over `bound` scans. "proved" means no violation exists in the first `bound` scans from a
 * cold start under the stated abstractions (every one an over-approximation, so a proof is a proof); a
 * counterexample is replayed on the soft-PLC, and one it does not reproduce is refined (REAL encoded exactly)
 * before it is reported as not confirmed. Constructs that cannot even be over-approximated make a property
 * `unsupported`, never `proved`.
 */
export function proveSafety(v: SiteVersion, options: ProveOptions): Promise<FormalResult> {
  return exclusive(() => prove(v, options));
}

interface Attempt {
  u: Unrolling;
  props: PropertyFormula[];
}

async function prove(v: SiteVersion, o: ProveOptions): Promise<FormalResult> {
  const t0 = performance.now();
  if (!Number.isInteger(o.bound) || o.bound < 1 || o.bound > MAX_BOUND) throw new RangeError(`formal: bound must be an integer from 1 to ${MAX_BOUND}, got ${o.bound}`);
  const z = await z3();
  const cfg = v.config;
  const s: SafetySignals = { ...cfg.safety, cycleMs: cfg.cycleMs };
  const units = v.project.sources.map((x) => x.parse.unit);
  const opts = { entry: cfg.entry, cycleMs: cfg.cycleMs, bound: o.bound, watchIn: [...new Set([...s.estops, ...s.guards, ...(s.reset ? [s.reset] : [])])], watchOut: s.hazardousOutputs };
  const first: Attempt = (() => {
    const u = unroll(z, v.model, units, { ...opts, realExact: false });
    return { u, props: safetyProperties(z, u, s) };
  })();
  let exact: Attempt | null = null;
  const refined = (): Attempt => {
    if (!exact) {
      const u = unroll(z, v.model, units, { ...opts, realExact: true });
      exact = { u, props: safetyProperties(z, u, s) };
    }
    return exact;
  };
  const hasRealHavoc = first.u.en.havocs.some((h) => h.real);
  const encodeMs = performance.now() - t0;
  const unsupported: UnsupportedConstruct[] = first.u.en.unsupported.map((x) => ({ construct: x.construct, location: x.file && x.offset >= 0 ? v.locate(x.file, x.offset) : null }));
  const out: PropertyResult[] = [];
  const deadline = t0 + o.timeoutMs;
  for (let i = 0; i < first.props.length; i++) {
    const p = first.props[i]!;
    const p0 = performance.now();
    const base: PropertyResult = { id: p.id, rule: p.rule, statement: p.statement, status: 'proved', trace: null, nominalTiming: null, confirmed: null, unsupported: [], note: null, durationMs: 0 };
    const done = (r: Partial<PropertyResult>): void => void out.push({ ...base, ...r, durationMs: performance.now() - p0 });
    if (unsupported.length) {
      done({ status: 'unsupported', unsupported, note: 'the program has constructs the encoder cannot represent even as an over-approximation; no proof was attempted' });
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
    let r = await check(z, v, s, first, i, deadline, o.timeoutMs);
    if (r.status === 'violated' && r.confirmed !== true && hasRealHavoc && performance.now() < deadline) {
      // Refinement: drop the REAL havoc and decide again with REAL encoded exactly.
      const r2 = await check(z, v, s, refined(), i, deadline, o.timeoutMs);
      const how = 'refined: REAL encoded exactly after the counterexample with REAL havocked was not reproduced on the soft-PLC';
      if (r2.status !== 'timeout') r = { ...r2, note: r2.note ? `${how}; ${r2.note}` : how };
      else r = { ...r, note: `${r.note ?? ''}; the refinement with REAL encoded exactly gave no answer in time` };
    }
    done(r);
  }
  const havocs = first.u.en.havocs.map((h) => {
    const loc = h.file && h.offset >= 0 ? v.locate(h.file, h.offset) : null;
    return { what: h.what, file: loc?.file ?? null, line: loc?.line ?? null };
  });
  return {
    siteId: cfg.id,
    version: v.version,
    bound: o.bound,
    properties: out,
    abstractions: [...BASE_ABSTRACTIONS, ...(hasRealHavoc ? [REAL_HAVOC] : []), ...first.u.en.abstractions, ...havocs.map((h) => `havoc: ${h.what}${h.file ? ` (${h.file}:${h.line})` : ''}`)],
    havocs,
    encodeMs,
    durationMs: performance.now() - t0,
  };
}

/** Decides one property on one encoding: proved, timeout, or a counterexample replayed on the soft-PLC. */
async function check(z: Z, v: SiteVersion, s: SafetySignals, a: Attempt, i: number, deadline: number, timeoutMs: number): Promise<Partial<PropertyResult>> {
  const p = a.props[i]!;
  const u = a.u;
  const left = deadline - performance.now();
  if (left <= 0) return { status: 'timeout', note: `no solver time left of ${timeoutMs} ms` };
  if (u.en.unsupported.length) return { status: 'timeout', note: 'the refined encoding has constructs it cannot represent' };
  let solver = new z.Solver();
  let r: Awaited<ReturnType<typeof solver.check>> = 'unknown';
  let why = '';
  // The WASM build's solver timer has been seen to cancel a check long before its limit on a loaded machine;
  // an early 'unknown' is asked once more on a fresh solver with the time still left, never taken as an answer.
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = performance.now();
    const budget = deadline - started;
    if (budget <= 0) break;
    if (attempt > 0) solver = new z.Solver();
    solver.set('timeout', Math.max(1, Math.floor(budget)));
    solver.add(...u.en.wellFormed);
    solver.add(z.Or(...p.violations.map((x) => x.cond)));
    await settleGarbage();
    r = await solver.check();
    why = r === 'unknown' ? solver.reasonUnknown() : '';
    if (r !== 'unknown' || performance.now() - started > budget / 2) break;
    solver.reset();
  }
  if (r !== 'sat') solver.reset();
  if (r === 'unsat') return { status: 'proved', note: u.en.havocs.length ? `proved under ${u.en.havocs.length} over-approximation(s) (see the abstractions)` : null };
  if (r === 'unknown') return { status: 'timeout', note: `solver gave up (${why}) within ${timeoutMs} ms` };
  let model: ZModel = solver.model();
  let nominal = false;
  solver.push();
  solver.add(...u.en.nominal);
  await settleGarbage();
  const rn = await solver.check();
  if (rn === 'sat') {
    model = solver.model();
    nominal = true;
  }
  solver.pop();
  const at = p.violations.find((x) => String(model.eval(x.cond, true)) === 'true')?.at ?? null;
  const title = `${p.rule}: violated at scan ${at ?? '?'}${nominal ? '' : ' (only with non-nominal scan times)'}`;
  const trace = traceOf(model, u, s, title, at ?? 0);
  solver.reset();
  let confirmed: boolean | null = null;
  let note = nominal
    ? 'counterexample with every scan exactly one cycle long'
    : rn === 'unsat'
      ? 'violated only if scans take other than the nominal cycle time (timer jitter); not reproducible on the soft-PLC at its fixed cycle'
      : `violated with free scan times; the re-solve with nominal timing gave no answer (${rn}), so it was not replayed`;
  if (v.program && nominal) {
    const seen = replayTrace(v.program, trace, s.hazardousOutputs);
    const hit = firstViolation(p.id, s, seen, trace.times.length);
    const fault = v.program.fault;
    confirmed = hit !== null;
    if (confirmed) note += `; replayed on the soft-PLC: violated there at scan ${hit}`;
    else if (fault) note += `; the soft-PLC faulted during the replay (${fault.message}, ${fault.file}:${fault.line}): not confirmed`;
    else if (u.en.havocs.length) note += `; NOT reproduced on the soft-PLC: the counterexample relies on an over-approximation (${u.en.havocs.slice(0, 3).map((h) => h.what).join('; ')}${u.en.havocs.length > 3 ? '; ...' : ''})`;
    else note += '; NOT reproduced on the soft-PLC (encoding and simulator disagree: report this)';
  }
  return { status: 'violated', trace, nominalTiming: nominal, confirmed, note };
}
