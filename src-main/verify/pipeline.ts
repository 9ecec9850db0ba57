import type { Clock } from '../app/clock.js';
import type { Scenario } from '../sim/scenario.js';
import { checkSafety } from '../safety/check-safety.js';
import { buildSafetyModel, toSafetySummary } from '../safety/safety-model.js';
import type { Finding, StageResult, VerificationReport } from '../evidence/report.js';
import { markPreExisting, openPointsOf, stageStatusOf, verdictOf } from '../evidence/verdict.js';
import type { SiteVersion } from '../evidence/site-version.js';
import { compileStage } from './stage-compile.js';
import { formalStage } from './stage-formal.js';
import { judgeStage, type JudgeFn, type RecipeScope } from './stage-judge.js';
import { simulationStage } from './stage-simulation.js';

/**
 * What a caller may choose. There is deliberately no way to skip or downgrade the safety stage: it is not an
 * option here, not a config key, and not an API anywhere else.
 */
export interface VerifyOptions {
  /** fast: compile + static safety (the agent's inner loop); full: every stage. */
  mode: 'fast' | 'full';
  clock: Clock;
  scenarios: Scenario[];
  /** Outputs the recipe is meant to change; the differential run does not compare them. */
  allowedDifferences?: string[];
  randomSequences?: number;
  randomScans?: number;
  seed?: number;
  formalBound?: number;
  formalTimeoutMs?: number;
  /** The recipe's declared scope: a recipe that may not touch safety logic fails the judge stage on a safety-critical change. */
  scope?: RecipeScope;
  /** The LLM judge; absent (no model) the judge stage says it was skipped. */
  judge?: JudgeFn;
}

type StageBody = () => Omit<StageResult, 'durationMs'> | Promise<Omit<StageResult, 'durationMs'>>;

/**
 * A stage's status from its findings (see evidence/verdict.ts), where the stage itself did not already say
 * error or skipped.
 */
function settle(r: Omit<StageResult, 'durationMs'>): Omit<StageResult, 'durationMs'> {
  if (r.status === 'error' || r.status === 'skipped') return r;
  return { ...r, status: stageStatusOf(r.findings) };
}

/** Marks what the unchanged site already has, running the stage on the before version only when needed. */
async function againstBaseline(findings: Finding[], baseline: () => Finding[] | Promise<Finding[]>): Promise<Finding[]> {
  if (!findings.some((f) => f.severity !== 'info')) return findings;
  return markPreExisting(findings, await baseline());
}

/** Runs a stage; a stage that throws reports `error` (which fails the verdict), never `pass`. */
async function timed(name: StageResult['name'], body: StageBody): Promise<StageResult> {
  // Most stages are synchronous: give the event loop a turn first, so a SIGTERM/SIGINT handler (or a UI
  // request such as run.cancel) runs between stages rather than after the whole pipeline.
  await new Promise<void>((r) => setImmediate(r));
  const t0 = performance.now();
  try {
    const r = settle(await body());
    return { ...r, durationMs: Math.round(performance.now() - t0) };
  } catch (err) {
    return {
      name,
      status: 'error',
      findings: [{ rule: 'STAGE-ERROR', severity: 'error', message: `the ${name} stage failed to run: ${err instanceof Error ? err.message : String(err)}`, file: null, line: null, evidence: { locations: [], trace: null, facts: [] } }],
      summary: 'stage error: the verdict cannot be pass',
      durationMs: Math.round(performance.now() - t0),
    };
  }
}

function skipped(name: StageResult['name'], why: string): StageResult {
  return { name, status: 'skipped', findings: [], summary: why, durationMs: 0 };
}

/**
 * The one verification pipeline every change goes through, in a fixed order: compile, safety (always),
 * simulation, formal, judge. The verdict is pass only when every stage passed or was skipped by mode; fail
 * when a stage failed or crashed; otherwise inconclusive, with every open point. Findings that the unchanged
 * site already has are marked pre-existing and decide nothing.
 */
export async function verifyChange(before: SiteVersion, after: SiteVersion, o: VerifyOptions): Promise<VerificationReport> {
  const safety = buildSafetyModel(after.config.safety, after);
  const stages: StageResult[] = [];
  stages.push(await timed('compile', () => compileStage(before, after)));
  let critical: { safetyCritical: boolean; reasons: string[] } = { safetyCritical: false, reasons: [] };
  stages.push(
    await timed('safety', async () => {
      const r = checkSafety(before, after, safety);
      critical = { safetyCritical: r.safetyCritical, reasons: r.reasons };
      const findings = await againstBaseline(r.findings, () => checkSafety(before, before, safety).findings);
      return { name: 'safety', status: 'pass', findings, summary: `${findings.length} finding(s) from the static safety rules${r.safetyCritical ? '; the change is safety-critical' : ''}` };
    }),
  );
  if (o.mode === 'full') {
    stages.push(
      await timed('simulation', () =>
        simulationStage(before, after, { scenarios: o.scenarios, allowedDifferences: o.allowedDifferences ?? [], randomSequences: o.randomSequences ?? 40, randomScans: o.randomScans ?? 400, seed: o.seed ?? 1 }),
      ),
    );
    const formal = { bound: o.formalBound ?? 20, timeoutMs: o.formalTimeoutMs ?? 60_000 };
    stages.push(
      await timed('formal', async () => {
        const r = await formalStage(after, formal);
        return { ...r, findings: await againstBaseline(r.findings, async () => (await formalStage(before, formal)).findings) };
      }),
    );
  } else {
    stages.push(skipped('simulation', 'fast mode: run in full mode before review'));
    stages.push(skipped('formal', 'fast mode: run in full mode before review'));
  }
  const judgeInput = { stages: [...stages], safetyCritical: critical.safetyCritical, safetyCriticalReasons: critical.reasons };
  stages.push(await timed('judge', () => judgeStage(judgeInput, { mode: o.mode, ...(o.scope ? { scope: o.scope } : {}), ...(o.judge ? { judge: o.judge } : {}) })));
  // A failed compile or a safety-critical edit can never be waved through by the other stages.
  return {
    siteId: after.config.id,
    mode: o.mode,
    verdict: verdictOf(stages),
    openPoints: openPointsOf(stages),
    safetyCritical: critical.safetyCritical,
    safetyCriticalReasons: critical.reasons,
    safety: toSafetySummary(safety),
    stages,
    createdAt: o.clock.now().toISOString(),
  };
}
