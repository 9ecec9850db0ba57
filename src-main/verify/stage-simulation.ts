import { compareVersions, type DifferentialResult, type Divergence } from '../sim/differential.js';
import { formatValue, runScenario } from '../sim/run-scenario.js';
import type { Scenario } from '../sim/scenario.js';
import type { SimValue } from '../sim/sim-types.js';
import type { Trace } from '../sim/trace.js';
import { monitor, randomStimuli, scenarioStimulus, shrink, violationFinding } from './dynamic-safety.js';
import type { SiteSafety } from '../../src-shared/model/site.js';
import type { EvidenceTrace, Finding, StageResult } from '../evidence/report.js';
import type { SiteVersion } from '../evidence/site-version.js';
import { markPreExisting, stageStatusOf } from '../evidence/verdict.js';
import type { CompiledProgram } from '../sim/sim-program.js';
import { energisedWhy } from './hazard-direction.js';

export interface SimulationOptions {
  scenarios: Scenario[];
  allowedDifferences: string[];
  randomSequences: number;
  randomScans: number;
  seed: number;
}

function toEvidence(trace: Trace, title: string, markAt: number | null, cycleMs: number, only?: readonly string[]): EvidenceTrace {
  const vars = trace.variables.map((v, i) => ({ v, i })).filter(({ v }) => !only || only.includes(v.path));
  return {
    title,
    cycleMs,
    times: trace.times,
    signals: vars.map(({ v, i }) => ({ name: v.path, type: v.type, values: trace.values[i]!.map((x) => (typeof x === 'bigint' ? x.toString() : x)) })),
    markAt,
  };
}

/** Outputs beyond this many get one summary finding: a changed sequence can move dozens of lamps and alarms. */
const MAX_OUTPUT_FINDINGS = 8;
const MAX_NAMED = 12;

const shown = (v: SimValue | null): string => (v === true ? 'TRUE' : v === false ? 'FALSE' : v === null ? 'no fault' : String(v));
const noEvidence = (facts: string[]): Finding['evidence'] => ({ locations: [], trace: null, facts });
const named = (names: string[]): string => names.slice(0, MAX_NAMED).join(', ') + (names.length > MAX_NAMED ? `, and ${names.length - MAX_NAMED} more` : '');

/** The after version's trace with the diverging signal's old values beside it, so the difference is visible. */
function divergenceTrace(d: DifferentialResult, div: Divergence, cycleMs: number): EvidenceTrace | null {
  const t = d.traces.get(div.sequence);
  if (!t) return null;
  const ev = toEvidence(t.after, `after the change, ${div.sequence}`, div.scan, cycleMs);
  const b = t.before.variables.findIndex((v) => v.path === div.variable);
  const a = ev.signals.findIndex((s) => s.name === div.afterVariable);
  if (b >= 0 && a >= 0) {
    const values = t.before.values[b]!.map((x) => (typeof x === 'bigint' ? x.toString() : x));
    ev.signals.splice(a + 1, 0, { name: `${div.variable} (before)`, type: t.before.variables[b]!.type, values });
  }
  return ev;
}

/**
 * How a hazardous output's difference counts. Off where it was on is the safe direction (a stronger
 * condition, a shorter process step): shown, never failed. On where it was off fails when a safety input is
 * unhealthy at that scan, or no reset came since the last demand; with every e-stop and guard healthy and the
 * restart interlock satisfied it is a process change, shown for review (the safety properties are watched
 * separately). A non-BOOL hazardous value that differs fails.
 */
function hazardClass(d: DifferentialResult, div: Divergence, safety: HazardSafety): { severity: Finding['severity']; note: string } {
  if (div.after === false && div.before === true) return { severity: 'warning', note: 'off where it was on before: the safe direction' };
  if (div.after === true && div.before === false) {
    const why = energisedWhy(d.traces.get(div.sequence)?.after ?? null, div.scan, safety);
    return why === null
      ? { severity: 'warning', note: 'on where it was off before, with every e-stop and guard healthy and no reset pending: a change of process behaviour to review, not of the safety function' }
      : { severity: 'error', note: `on where it was off before, ${why}` };
  }
  return { severity: 'error', note: 'a hazardous value differs' };
}

export type HazardSafety = Pick<SiteSafety, 'estops' | 'guards' | 'reset'>;

const energised = (div: Divergence): boolean => div.signal === 'hazardous' && !div.declared && div.after === true && div.before === false;

/**
 * The hazardous divergences to report: each as recorded, except that of the episodes in which an output is on
 * where it was off, one per output is kept: the first that is unsafe, else the first.
 */
function judgedHazards(d: DifferentialResult, safety: HazardSafety): Divergence[] {
  const all = d.divergences.filter((x) => x.signal === 'hazardous');
  const keep = new Set(all.filter((x) => !energised(x)));
  const episodes = new Map<string, Divergence[]>();
  for (const x of all.filter(energised)) episodes.set(x.variable, [...(episodes.get(x.variable) ?? []), x]);
  for (const eps of episodes.values()) keep.add(eps.find((x) => energisedWhy(d.traces.get(x.sequence)?.after ?? null, x.scan, safety) !== null) ?? eps[0]!);
  return all.filter((x) => keep.has(x));
}

function divergenceFinding(d: DifferentialResult, div: Divergence, cycleMs: number, safety: HazardSafety): Finding {
  const where = `at ${div.timeMs} ms (${div.sequence})`;
  const name = div.afterVariable.toLowerCase() === div.variable.toLowerCase() ? div.variable : `${div.variable} (${div.afterVariable} after the change)`;
  const change = `${shown(div.before)} before, ${shown(div.after)} after ${where}`;
  const hazard = div.signal === 'hazardous' && !div.declared ? hazardClass(d, div, safety) : null;
  const message =
    div.signal === 'fault' ? `the versions fault differently ${where}: before, ${shown(div.before)}; after, ${shown(div.after)}`
    : div.signal === 'hazardous' && div.declared ? `hazardous output ${name} changed, as the recipe declares it may: ${change}`
    : hazard ? `hazardous output ${name} changed: ${change}; ${hazard.note}`
    : `output ${name} changed: ${change}`;
  const facts = [`inputs at that scan: ${Object.entries(div.inputState).map(([k, v]) => `${k}=${shown(v)}`).join(', ')}`];
  if (div.alsoDiffering.length) facts.push(`also differing at that scan: ${named(div.alsoDiffering)}`);
  return {
    rule: 'SIM-DIFF',
    severity: hazard ? hazard.severity : div.signal === 'fault' ? 'error' : 'warning',
    message,
    file: null,
    line: null,
    evidence: { locations: [], trace: divergenceTrace(d, div, cycleMs), facts: [...facts, ...d.notes] },
  };
}

/**
 * One finding per diverging signal at its first divergence: every hazardous output (an error unless the recipe
 * declares it), the first few other outputs and then one line for the rest; internal variables are one info
 * line, since a refactoring changes them by design and only what leaves the PLC is behaviour.
 */
export function differentialFindings(d: DifferentialResult, cycleMs: number, safety: HazardSafety = { estops: [], guards: [], reset: null }): Finding[] {
  const findings: Finding[] = d.problems.map((p) => ({ rule: 'SIM-DIFF', severity: 'warning', message: p, file: null, line: null, evidence: noEvidence([]) }));
  for (const l of d.lost) findings.push({ rule: 'SIM-DIFF', severity: l.hazardous ? 'error' : 'warning', message: l.message, file: null, line: null, evidence: noEvidence([]) });
  const hazardous = judgedHazards(d, safety);
  const others = d.divergences.filter((x) => x.signal === 'output' || x.signal === 'fault');
  const internal = d.divergences.filter((x) => x.signal === 'internal');
  findings.push(...[...hazardous, ...others.slice(0, MAX_OUTPUT_FINDINGS)].map((div) => divergenceFinding(d, div, cycleMs, safety)));
  const rest = others.slice(MAX_OUTPUT_FINDINGS);
  if (rest.length) {
    findings.push({ rule: 'SIM-DIFF', severity: 'warning', message: `${rest.length} more output(s) changed behaviour: ${named(rest.map((x) => x.variable))}`, file: null, line: null, evidence: noEvidence(rest.map((x) => `${x.variable}: ${shown(x.before)} before, ${shown(x.after)} after at ${x.timeMs} ms (${x.sequence})`)) });
  }
  if (internal.length) {
    findings.push({
      rule: 'SIM-DIFF',
      severity: 'info',
      message: `${internal.length} internal variable(s) hold other values than before (not outputs, so not a difference in behaviour): ${named(internal.map((x) => x.variable))}`,
      file: null,
      line: null,
      evidence: noEvidence(internal.slice(0, MAX_NAMED).map((x) => `${x.variable}: first ${shown(x.before)} before, ${shown(x.after)} after at ${x.timeMs} ms (${x.sequence})`)),
    });
  }
  return findings;
}

/**
 * What the site's own checks say of one version alone: its scenarios, and the safety properties watched over
 * the scenarios and seeded operator-like runs (the first violation, shortened).
 */
function ownChecks(prog: CompiledProgram, safety: SiteSafety, o: SimulationOptions): { findings: Finding[]; scans: number; random: number } {
  const findings: Finding[] = [];
  let scans = 0;
  for (const sc of o.scenarios) {
    const r = runScenario(prog, sc);
    scans += r.scans;
    for (const f of r.failures) {
      findings.push({
        rule: 'SIM-SCENARIO',
        severity: 'error',
        message: `scenario "${sc.name}" step ${f.step} at ${f.atMs} ms: ${f.variable} expected ${formatValue(f.expected)}, got ${formatValue(f.actual)}`,
        file: null,
        line: null,
        evidence: { locations: [], trace: toEvidence(r.trace, `scenario "${sc.name}"`, r.trace.times.indexOf(f.timeMs), prog.cycleMs), facts: [] },
      });
    }
    if (r.fault) {
      findings.push({ rule: 'SIM-FAULT', severity: 'error', message: `scenario "${sc.name}": ${r.fault.message} in ${r.fault.pou} line ${r.fault.line}`, file: r.fault.file, line: r.fault.line, evidence: { locations: [], trace: null, facts: [] } });
    }
    for (const p of r.problems) findings.push({ rule: 'SIM-SCENARIO', severity: 'error', message: `scenario "${sc.name}": ${p.message}`, file: null, line: null, evidence: { locations: [], trace: null, facts: [] } });
  }
  const scenarioStims = o.scenarios.map((sc) => scenarioStimulus(sc, prog.cycleMs));
  const stims = [...scenarioStims, ...randomStimuli(prog, safety, scenarioStims, o.randomSequences, o.randomScans, o.seed)];
  let violation = null;
  for (const s of stims) {
    scans += s.scans;
    violation = monitor(prog, safety, s);
    if (violation) break;
  }
  if (violation) findings.push(violationFinding(shrink(prog, safety, violation)));
  return { findings, scans, random: stims.length - scenarioStims.length };
}

/**
 * Simulation stage on the soft-PLC: the site's scenarios on the after version, the safety properties watched
 * over scenarios and seeded random operation, and the old-against-new differential run. A version that cannot
 * run on the soft-PLC is an error, never a pass. A scenario failure or a property violation that the before
 * version shows too is marked pre-existing.
 */
export function simulationStage(before: SiteVersion, after: SiteVersion, o: SimulationOptions): Omit<StageResult, 'durationMs'> {
  const prog = after.program;
  if (!prog) {
    return { name: 'simulation', status: 'error', findings: [], summary: `the after version cannot run on the soft-PLC: ${after.programProblems.join('; ') || 'unknown reason'}` };
  }
  const safety = after.config.safety;
  const own = ownChecks(prog, safety, o);
  let scans = own.scans;
  const findings = own.findings.some((f) => f.severity === 'error') && before.program ? markPreExisting(own.findings, ownChecks(before.program, before.config.safety, o).findings) : own.findings;

  let compared = 'old-against-new comparison';
  if (before.program) {
    const d = compareVersions(before.program, prog, { scenarios: o.scenarios, allowedDifferences: o.allowedDifferences, hazardousOutputs: safety.hazardousOutputs, seed: o.seed });
    scans += d.scansRun;
    findings.push(...differentialFindings(d, prog.cycleMs, safety));
    const differ = d.divergences.filter((x) => x.signal === 'hazardous' || x.signal === 'output').length;
    compared = `old-against-new comparison of ${d.compared.length} output(s)${differ ? ` (${differ} differ)` : ''}`;
  } else {
    findings.push({ rule: 'SIM-DIFF', severity: 'warning', message: 'the before version does not run on the soft-PLC, so behaviour could not be compared', file: null, line: null, evidence: { locations: [], trace: null, facts: before.programProblems } });
  }
  return {
    name: 'simulation',
    status: stageStatusOf(findings),
    findings,
    summary: `${o.scenarios.length} scenario(s), ${own.random} random run(s) watched for e-stop, restart and guard properties, ${compared}; ${scans.toLocaleString('en-US')} scans`,
  };
}
