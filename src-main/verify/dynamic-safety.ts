import type { SiteSafety } from '../../src-shared/model/site.js';
import { Prng } from '../sim/prng.js';
import type { Scenario } from '../sim/scenario.js';
import type { SimProgram, SimValue } from '../sim/sim-types.js';
import type { EvidenceTrace, Finding } from '../evidence/report.js';

/** Input writes per scan index (0-based from a cold start), as the safety monitor replays them. */
export interface Stimulus {
  name: string;
  scans: number;
  writes: Map<number, Map<string, SimValue>>;
}

export interface Violation {
  rule: 'SIM-ESTOP' | 'SIM-RESTART' | 'SIM-GUARD';
  message: string;
  stimulus: Stimulus;
  scan: number;
  trace: EvidenceTrace;
}

const isTrue = (v: SimValue): boolean => v === true;

/**
 * Runs one stimulus and watches the three safety properties every scan:
 * - SIM-ESTOP: from the scan an e-stop input goes FALSE, every hazardous output is FALSE once reaction_ms has
 *   passed, for as long as the demand lasts;
 * - SIM-RESTART: after the demand clears, no hazardous output turns TRUE before the reset input rises;
 * - SIM-GUARD: while a guard input is FALSE, the same as SIM-ESTOP.
 * Returns the first violation, with the trace up to it.
 */
export function monitor(program: SimProgram, safety: SiteSafety, stim: Stimulus): Violation | null {
  program.restart('cold');
  const cycle = program.cycleMs;
  const reaction = safety.reactionMs ?? cycle;
  const watched = [...safety.estops, ...safety.guards, ...(safety.reset ? [safety.reset] : []), ...safety.hazardousOutputs];
  const times: number[] = [];
  const values = new Map<string, SimValue[]>(watched.map((w) => [w, []]));
  let demandSince: number | null = null;
  let guardSince: number | null = null;
  let blocked = false; // an e-stop demand happened and no reset edge has followed its clearing yet
  let cleared = false;
  let lastReset = safety.reset ? isTrue(program.get(safety.reset)) : false;
  const outputsBefore = new Map(safety.hazardousOutputs.map((o) => [o, false]));
  for (let s = 0; s < stim.scans; s++) {
    const w = stim.writes.get(s);
    if (w) for (const [k, v] of w) program.set(k, v);
    const t = program.timeMs;
    const estopDemand = safety.estops.some((e) => !isTrue(program.get(e)));
    const guardOpen = safety.guards.some((g) => !isTrue(program.get(g)));
    const reset = safety.reset ? isTrue(program.get(safety.reset)) : false;
    if (estopDemand) {
      demandSince ??= t;
      blocked = true;
      cleared = false;
    } else if (demandSince !== null) {
      demandSince = null;
      cleared = true;
    }
    if (cleared && reset && !lastReset) {
      blocked = false;
      cleared = false;
    }
    lastReset = reset;
    guardSince = guardOpen ? (guardSince ?? t) : null;
    program.scan();
    if (program.fault) return null;
    times.push(t);
    for (const k of watched) values.get(k)!.push(program.get(k));
    const on = safety.hazardousOutputs.filter((o) => isTrue(program.get(o)));
    const trace = (): EvidenceTrace => ({
      title: '',
      cycleMs: cycle,
      times: [...times],
      signals: watched.map((k) => ({ name: k, type: 'BOOL', values: values.get(k)!.map((v) => (typeof v === 'bigint' ? v.toString() : v)) })),
      markAt: times.length - 1,
    });
    if (on.length && demandSince !== null && t - demandSince >= reaction) {
      const tr = trace();
      tr.title = `e-stop demanded at ${demandSince} ms; ${on.join(', ')} still TRUE at ${t} ms (reaction ${reaction} ms)`;
      return { rule: 'SIM-ESTOP', message: tr.title, stimulus: stim, scan: s, trace: tr };
    }
    if (on.length && guardSince !== null && t - guardSince >= reaction) {
      const tr = trace();
      tr.title = `guard open since ${guardSince} ms; ${on.join(', ')} TRUE at ${t} ms`;
      return { rule: 'SIM-GUARD', message: tr.title, stimulus: stim, scan: s, trace: tr };
    }
    const turnedOn = on.filter((o) => !outputsBefore.get(o));
    if (safety.reset && blocked && demandSince === null && turnedOn.length) {
      const tr = trace();
      tr.title = `after the e-stop cleared, ${turnedOn.join(', ')} turned TRUE at ${t} ms without a rising edge of ${safety.reset}`;
      return { rule: 'SIM-RESTART', message: tr.title, stimulus: stim, scan: s, trace: tr };
    }
    for (const o of safety.hazardousOutputs) outputsBefore.set(o, on.includes(o));
  }
  return null;
}

/** Scenario `set` steps as a stimulus, with a tail so late effects are seen. */
export function scenarioStimulus(sc: Scenario, cycleMs: number, tailScans = 50): Stimulus {
  const writes = new Map<number, Map<string, SimValue>>();
  let last = 0;
  for (const step of sc.steps) {
    const scan = Math.round(step.atMs / cycleMs);
    last = Math.max(last, scan);
    if (step.set.size === 0) continue;
    const m = writes.get(scan) ?? new Map<string, SimValue>();
    for (const [k, v] of step.set) m.set(k, typeof v === 'object' ? (v as { value: SimValue }).value : (v as SimValue));
    writes.set(scan, m);
  }
  return { name: `scenario ${sc.name}`, scans: last + 1 + tailScans, writes };
}

/**
 * Seeded random operation of the machine, reproducible from the seed. Inputs start from the healthy state the
 * site's scenarios start from (e-stops and guards TRUE, normally-closed buttons TRUE), the reset is pulsed, and
 * then an operator is imitated: momentary presses of buttons (a few scans away from their resting value),
 * e-stop demands and guard openings held for a while, resets, and renewed start attempts right after a
 * demand clears, which is when an automatic restart would show. Half the runs replay a scenario first, so the
 * machine is already running when the demand comes.
 */
export function randomStimuli(program: SimProgram, safety: SiteSafety, scenarios: readonly Stimulus[], count: number, scans: number, seed: number): Stimulus[] {
  const inputs = program.variables().filter((v) => v.kind === 'input' && v.type === 'BOOL').map((v) => v.path);
  const rest = new Map<string, boolean>(inputs.map((i) => [i, false]));
  for (const i of [...safety.estops, ...safety.guards]) rest.set(i, true);
  for (const sc of scenarios) for (const [k, v] of sc.writes.get(0) ?? []) if (typeof v === 'boolean' && rest.has(k) && k !== safety.reset) rest.set(k, v);
  const safetyInputs = new Set([...safety.estops, ...safety.guards]);
  const buttons = inputs.filter((i) => !safetyInputs.has(i) && i !== safety.reset);
  const out: Stimulus[] = [];
  for (let n = 0; n < count; n++) {
    const rng = new Prng(seed + n * 7919);
    const base = n % 2 === 1 && scenarios.length ? scenarios[rng.int(0, scenarios.length - 1)]! : null;
    const writes = new Map<number, Map<string, SimValue>>();
    const put = (s: number, k: string, v: boolean): void => {
      if (s >= scans) return;
      const m = writes.get(s) ?? new Map<string, SimValue>();
      m.set(k, v);
      writes.set(s, m);
    };
    let s0 = 0;
    if (base) {
      for (const [s, m] of base.writes) for (const [k, v] of m) if (typeof v === 'boolean') put(s, k, v);
      s0 = Math.max(0, ...base.writes.keys()) + 1;
    } else {
      for (const [k, v] of rest) put(0, k, v);
      if (safety.reset) {
        put(1, safety.reset, true);
        put(2, safety.reset, false);
      }
      s0 = 3;
    }
    for (let s = s0; s < scans; ) {
      const pick = rng.next();
      if (pick < 0.55 && buttons.length) {
        const b = rng.pick(buttons);
        const len = rng.int(1, 4);
        put(s, b, !rest.get(b));
        put(s + len, b, rest.get(b)!);
      } else if (pick < 0.75 && safetyInputs.size) {
        const i = rng.pick([...safetyInputs]);
        const len = rng.int(2, 40);
        put(s, i, false);
        put(s + len, i, true);
        // Try to restart right after the demand clears, before any reset.
        if (buttons.length) {
          const b = rng.pick(buttons);
          put(s + len + 1, b, !rest.get(b));
          put(s + len + 3, b, rest.get(b)!);
        }
      } else if (pick < 0.85 && safety.reset) {
        put(s, safety.reset, true);
        put(s + rng.int(1, 3), safety.reset, false);
      }
      s += rng.int(1, 12);
    }
    out.push({ name: `random #${n + 1}${base ? ` after ${base.name}` : ''} (seed ${seed + n * 7919})`, scans, writes });
  }
  return out;
}

/** Shortens a violating stimulus: drops input writes (and the tail) while the same rule is still violated. */
export function shrink(program: SimProgram, safety: SiteSafety, v: Violation, maxRuns = 300): Violation {
  let best = v;
  let runs = 0;
  const tryStim = (stim: Stimulus): Violation | null => {
    if (++runs > maxRuns) return null;
    const r = monitor(program, safety, stim);
    return r && r.rule === best.rule ? r : null;
  };
  const cut = tryStim({ ...best.stimulus, scans: best.scan + 1 });
  if (cut) best = cut;
  let progress = true;
  while (progress && runs < maxRuns) {
    progress = false;
    for (const [scan, m] of [...best.stimulus.writes]) {
      for (const k of [...m.keys()]) {
        if (scan === 0) continue;
        const writes = new Map([...best.stimulus.writes].map(([s, mm]) => [s, new Map(mm)]));
        writes.get(scan)!.delete(k);
        if (writes.get(scan)!.size === 0) writes.delete(scan);
        const r = tryStim({ ...best.stimulus, writes, scans: best.scan + 1 });
        if (r && r.scan <= best.scan) {
          best = r;
          progress = true;
          break;
        }
      }
      if (progress) break;
    }
  }
  return best;
}

export function violationFinding(v: Violation): Finding {
  return {
    rule: v.rule,
    severity: 'error',
    message: v.message,
    file: null,
    line: null,
    evidence: { locations: [], trace: v.trace, facts: [`found by ${v.stimulus.name}, shortened to ${v.trace.times.length} scans`] },
  };
}
