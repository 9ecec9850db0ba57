import { findAll } from '../../../plc/edit/codemod.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import type { SiteContext } from './site-context.js';
import { entryPou, freshName, isSafetyName, localBlock, localRef, spell } from './site-facts.js';

/**
 * A new non-hazardous output: a lamp declared in a global variable list (or, where no list is editable, in
 * the entry program) and written at the end of the entry program from a hazardous output (a "running" lamp)
 * or, without one, from an e-stop (a "stopped" lamp). Nothing that existed changes.
 */
export function newLamp(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const entry = entryPou(ctx);
  if (!entry || !entry.pou.body.length) return `the entry program ${ctx.config.entry} has no Structured Text body`;
  const s = ctx.config.safety;
  const sources = [...s.hazardousOutputs.map((o) => ({ name: o, neg: false })), ...s.estops.map((e) => ({ name: e, neg: true }))];
  const model = ctx.program.model;
  const readable = sources.map((x) => ({ ...x, v: model.globalVars.find((g) => g.name.toUpperCase() === x.name.toUpperCase()) })).filter((x) => x.v);
  if (!readable.length) return 'no hazardous output or e-stop is a global variable the entry program can read';
  const gvls = ctx.units.flatMap((unit) => findAll(unit.cs.parse.unit, 'GlobalVars', (g) => !g.block.qualifiers.includes('CONSTANT') && g.block.decls.length > 0).map((g) => ({ unit, g })));
  // A lamp belongs in a process list, not in one named for safety; a qualified-only list is read by its name.
  const safetyList = (x: (typeof gvls)[number]): boolean => isSafetyName(ctx, x.g.name?.name ?? '');
  const ordered = [...rng.shuffle(gvls.filter((x) => !safetyList(x))), ...rng.shuffle(gvls.filter(safetyList))];
  const places = [...ordered.map((x) => ({ kind: 'global' as const, ...x })), { kind: 'local' as const }];
  const src = rng.pick(readable)!;
  return places.map((place) => (ed) => {
    const name = freshName(ctx, 'Lamp_Meta');
    const bool = entry.unit.scl ? 'Bool' : 'BOOL';
    let ref: string;
    if (place.kind === 'global') {
      const last = place.g.block.decls[place.g.block.decls.length - 1]!;
      const quoted = last.names[0]?.quoting === 'quoted' ? `"${name}"` : name;
      ed.insertLinesAfter(place.unit, last, [`${quoted} : ${bool};   // metamorphic: indication lamp`]);
      const qualified = place.g.pragmas.some((p) => p.attribute?.name.toLowerCase() === 'qualified_only');
      if (qualified && !place.g.name) return { description: 'a qualified-only list without a name' };
      ref = entry.unit.scl ? `"${name}"` : qualified ? `${place.g.name!.name}.${name}` : name;
    } else {
      const block = localBlock(entry.pou);
      if (!block) return { description: 'no VAR block' };
      ed.insertLinesAfter(entry.unit, block.decls[block.decls.length - 1]!, [`${name} : ${bool};   // metamorphic: indication lamp`]);
      ref = localRef(entry.unit, name);
    }
    const read = spell(ctx, entry.unit, src.v!);
    const last = entry.pou.body[entry.pou.body.length - 1]!;
    ed.insertLinesAfter(entry.unit, last, [`${ref} := ${src.neg ? `${ed.kw(entry.unit, 'NOT')} ` : ''}${read};`]);
    return { description: `new lamp ${name} (${place.kind}) := ${src.neg ? 'NOT ' : ''}${src.v!.name}, written at the end of ${entry.pou.name.name}` };
  });
}
