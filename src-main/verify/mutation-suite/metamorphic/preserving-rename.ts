import type { VarSym } from '../../../plc/check/symbols.js';
import { findAll } from '../../../plc/edit/codemod.js';
import type { Identifier } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import { varOf, type SiteContext, type UnitInfo } from './site-context.js';
import { freshName, isSafetyName } from './site-facts.js';

const spelled = (id: Identifier, name: string): string => (id.quoting === 'quoted' ? `"${name}"` : id.quoting === 'hash' ? `#${name}` : name);

/**
 * Rename an internal variable: a POU's own VAR (not an input, output, global or safety name), every place
 * the checker resolved to it (its declaration, each read and write, `Pou.var` from outside) renamed, and
 * nowhere a scenario sets or expects it.
 */
export function renameInternal(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const candidates: { v: VarSym; pouName: string }[] = [];
  for (const p of ctx.program.model.pous) {
    if (p.builtin || (p.pouKind !== 'PROGRAM' && p.pouKind !== 'FUNCTION_BLOCK')) continue;
    for (const v of p.vars.values()) {
      if (v.section !== 'VAR' || !v.decl || isSafetyName(ctx, v.name)) continue;
      if (new RegExp(`\\b${v.name}\\b`, 'i').test(ctx.scenarioText)) continue;
      candidates.push({ v, pouName: p.name });
    }
  }
  if (!candidates.length) return 'no internal variable (a POU-local VAR outside the safety names) is declared in Structured Text';
  return rng.shuffle(candidates).map(({ v, pouName }) => (ed) => {
    const to = freshName(ctx, `${v.name}_mm`);
    const hits: { unit: UnitInfo; id: Identifier }[] = [];
    for (const unit of ctx.units) {
      for (const id of findAll(unit.cs.parse.unit, 'Identifier')) {
        if (id === v.id || varOf(ctx, id) === v) hits.push({ unit, id });
      }
    }
    if (!hits.some((h) => h.id === v.id)) hits.push(...ctx.units.filter((u) => u.cs.virtualFile === v.file).map((unit) => ({ unit, id: v.id })));
    for (const h of hits) ed.replace(h.unit, h.id, spelled(h.id, to));
    return { description: `renamed ${pouName}.${v.name} to ${to} (${hits.length} place(s))` };
  });
}
