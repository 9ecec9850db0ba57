import { compareVersions } from '../sim/differential.js';
import { runScenario } from '../sim/run-scenario.js';
import type { Scenario } from '../sim/scenario.js';
import type { Trace } from '../sim/trace.js';
import { monitor, randomStimuli, scenarioStimulus, shrink, violationFinding } from './dynamic-safety.js';
import type { EvidenceTrace, Finding, StageResult } from './report.js';
import type { SiteVersion } from './site-version.js';

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

/**
 * Simulation stage on the soft-PLC: the site's scenarios on the after version, the safety properties watched
 * over scenarios and seeded random operation, and the old-against-new differential run. A version that cannot
 * run on the soft-PLC is an error, never a pass.
 */
export function simulationStage(before: SiteVersion, after: SiteVersion, o: SimulationOptions): Omit<StageResult, 'durationMs'> {
  const findings: Finding[] = [];
  const prog = after.program;
  if (!prog) {
    return { name: 'simulation', status: 'error', findings: [], summary: `the after version cannot run on the soft-PLC: ${after.programProblems.join('; ') || 'unknown reason'}` };
  }
  const safety = after.config.safety;
  let scans = 0;
  for (const sc of o.scenarios) {
    const r = runScenario(prog, sc);
    scans += r.scans;
    for (const f of r.failures) {
      findings.push({
        rule: 'SIM-SCENARIO',
        severity: 'error',
        message: `scenario "${sc.name}" step ${f.step} at ${f.atMs} ms: ${f.variable} expected ${String(f.expected)}, got ${String(f.actual)}`,
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

  if (before.program) {
    const d = compareVersions(before.program, prog, { scenarios: o.scenarios, allowedDifferences: o.allowedDifferences, seed: o.seed });
    scans += d.scansRun;
    for (const p of d.problems) findings.push({ rule: 'SIM-DIFF', severity: 'warning', message: p, file: null, line: null, evidence: { locations: [], trace: null, facts: [] } });
    const div = d.firstDivergence;
    if (div) {
      const hazardous = safety.hazardousOutputs.some((h) => h.toUpperCase() === div.variable.toUpperCase());
      const t = d.afterTrace;
      findings.push({
        rule: 'SIM-DIFF',
        severity: hazardous ? 'error' : 'warning',
        message: `behaviour changed: ${div.variable} is ${String(div.before)} before and ${String(div.after)} after the change at ${div.timeMs} ms (${div.sequence})${hazardous ? ', and it is a hazardous output' : ''}`,
        file: null,
        line: null,
        evidence: {
          locations: [],
          trace: t ? toEvidence(t, `after the change, ${div.sequence}`, div.scan, prog.cycleMs) : null,
          facts: [`inputs at that scan: ${Object.entries(div.inputState).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`, ...d.notes],
        },
      });
    }
  } else {
    findings.push({ rule: 'SIM-DIFF', severity: 'warning', message: 'the before version does not run on the soft-PLC, so behaviour could not be compared', file: null, line: null, evidence: { locations: [], trace: null, facts: before.programProblems } });
  }
  const failed = findings.some((f) => f.severity === 'error');
  return {
    name: 'simulation',
    status: failed ? 'fail' : 'pass',
    findings,
    summary: `${o.scenarios.length} scenario(s), ${stims.length - scenarioStims.length} random run(s) watched for e-stop, restart and guard properties, old-against-new comparison; ${scans.toLocaleString('en-US')} scans`,
  };
}
