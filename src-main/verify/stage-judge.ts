import type { Finding, StageResult } from '../evidence/report.js';

/** What the judge is shown: the automated stages' results and why the change is safety-critical, if it is. */
export interface JudgeInput {
  stages: readonly StageResult[];
  safetyCritical: boolean;
  safetyCriticalReasons: readonly string[];
}

/** The LLM judge, given by the caller when a model is available; it reports a judge stage result. */
export type JudgeFn = (input: JudgeInput) => Promise<Omit<StageResult, 'name' | 'durationMs'>>;

/** The recipe's declared scope, checked without any model. */
export interface RecipeScope {
  recipeId: string;
  touchesSafety: boolean;
}

const noEvidence = (facts: string[]): Finding['evidence'] => ({ locations: [], trace: null, facts });

/**
 * The last automated stage. First the deterministic scope rule: a recipe that may not touch safety logic fails
 * here when the change is safety-critical, model or no model. Then the LLM judge, but only on a full
 * verification whose other stages all passed (a failed change needs no opinion on its scope).
 */
export async function judgeStage(input: JudgeInput, o: { mode: 'fast' | 'full'; scope?: RecipeScope; judge?: JudgeFn }): Promise<Omit<StageResult, 'durationMs'>> {
  if (o.scope && !o.scope.touchesSafety && input.safetyCritical) {
    return {
      name: 'judge',
      status: 'fail',
      findings: [
        {
          rule: 'SCOPE-SAFETY',
          severity: 'error',
          message: `recipe ${o.scope.recipeId} may not touch safety logic (touches_safety: false), but the change is safety-critical`,
          file: null,
          line: null,
          evidence: noEvidence([...input.safetyCriticalReasons]),
        },
      ],
      summary: 'out of scope: a safety-critical change from a recipe that may not touch safety logic',
    };
  }
  if (o.mode === 'fast') return { name: 'judge', status: 'skipped', findings: [], summary: 'fast mode: the judge runs in full mode before review' };
  if (input.stages.some((s) => s.status === 'fail' || s.status === 'error')) {
    return { name: 'judge', status: 'skipped', findings: [], summary: 'not asked: the automated stages already failed the change' };
  }
  if (!o.judge) return { name: 'judge', status: 'skipped', findings: [], summary: 'skipped: no model (run with --model FILE or --llm-url URL for the LLM judge)' };
  const r = await o.judge(input);
  return { ...r, name: 'judge' };
}
