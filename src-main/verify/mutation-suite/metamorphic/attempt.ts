import { buildSiteProgram } from '../../../fleet/site-program.js';
import { runScenario } from '../../../sim/run-scenario.js';
import type { SiteContext } from './site-context.js';
import { NotEditable, SiteEditor } from './site-editor.js';
import { classOf, type Generated, type VariantKind } from './variant.js';

/** One way to make a variant: edits through the editor, and what it did. */
export type Attempt = (ed: SiteEditor) => { description: string; allowed?: string[] };

/** A check a candidate's files must pass (null) or the reason it is rejected. */
export type Acceptance = (ctx: SiteContext, files: { path: string; text: string }[]) => string | null;

/** Tries candidates in the given (seeded) order and returns the first that edits and is accepted. */
export function firstVariant(ctx: SiteContext, kind: VariantKind, seed: number, candidates: Attempt[] | string, accept?: Acceptance, maxTries = 12): Generated {
  if (typeof candidates === 'string') return { site: ctx.id, kind, reason: candidates };
  const reasons: string[] = [];
  for (const attempt of candidates.slice(0, maxTries)) {
    const ed = new SiteEditor(ctx);
    let what: ReturnType<Attempt>;
    try {
      what = attempt(ed);
    } catch (err) {
      if (!(err instanceof NotEditable)) throw err;
      reasons.push(err.message);
      continue;
    }
    const { files, changed } = ed.result();
    if (!changed.length) {
      reasons.push('the edit changed no byte');
      continue;
    }
    const rejected = accept?.(ctx, files) ?? null;
    if (rejected) {
      reasons.push(`${what.description}: ${rejected}`);
      continue;
    }
    return { id: `${ctx.id}/${kind}/${seed}`, site: ctx.id, kind, cls: classOf(kind), description: what.description, files, changed, allowedDifferences: what.allowed ?? [] };
  }
  const tried = candidates.length > maxTries ? `${maxTries} of ${candidates.length}` : String(candidates.length);
  return { site: ctx.id, kind, reason: candidates.length ? `no candidate applies (${tried} tried): ${[...new Set(reasons)].slice(0, 3).join('; ')}` : 'no candidate in the site' };
}

/** The candidate compiles (syntax and semantic check clean). */
export const compiles: Acceptance = (ctx, files) => {
  const sp = buildSiteProgram(ctx.dir, ctx.config, files);
  return sp.errors.length ? `does not compile (${sp.errors[0]!.code} ${sp.errors[0]!.message})` : null;
};

/**
 * A change of behaviour is safety-neutral for the site only where the site's own acceptance scenarios still
 * pass on the soft-PLC: a stronger condition or a shorter timer that breaks the site's normal cycle is not a
 * neutral change but a broken one.
 */
export const keepsScenarios: Acceptance = (ctx, files) => {
  const sp = buildSiteProgram(ctx.dir, ctx.config, files);
  if (sp.errors.length) return `does not compile (${sp.errors[0]!.code} ${sp.errors[0]!.message})`;
  if (!sp.program) return `does not run on the soft-PLC (${sp.problems[0]?.message ?? 'unknown'})`;
  for (const sc of ctx.scenarios) {
    const r = runScenario(sp.program, sc);
    if (!r.passed) return `scenario "${sc.name}" no longer passes`;
  }
  return null;
};
