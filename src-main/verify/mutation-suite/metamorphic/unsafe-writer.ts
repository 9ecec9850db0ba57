import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import { isWritten, type SiteContext } from './site-context.js';
import { entryPou, hazardWrites, processBools, spell } from './site-facts.js';

/**
 * A second writer of a hazardous output: `H := p;` for a process signal p at the end of the entry program
 * (after its call of the safety logic), so the gated value is overwritten every scan.
 */
export function secondWriter(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const entry = entryPou(ctx);
  if (!entry || !entry.pou.body.length) return `the entry program ${ctx.config.entry} has no Structured Text body`;
  const outputs = ctx.config.safety.hazardousOutputs.map((o) => ctx.program.model.globalVars.find((g) => g.name.toUpperCase() === o.toUpperCase())).filter((v) => v !== undefined);
  const written = hazardWrites(ctx).map((w) => w.output.toUpperCase());
  const targets = outputs.filter((v) => written.includes(v.name.toUpperCase()) || isWritten(ctx, v));
  if (!targets.length) return 'no hazardous output is a global written in Structured Text';
  const signals = processBools(ctx).filter((v) => !isWritten(ctx, v)).slice(0, 4);
  if (!signals.length) return 'no process input outside the safety names';
  const combos = targets.flatMap((t) => signals.map((s) => ({ t, s })));
  return rng.shuffle(combos).map(({ t, s }) => (ed) => {
    const last = entry.pou.body[entry.pou.body.length - 1]!;
    ed.insertLinesAfter(entry.unit, last, [`${spell(ctx, entry.unit, t)} := ${spell(ctx, entry.unit, s)};   // second writer`]);
    return { description: `${t.name} written again from ${s.name} at the end of ${entry.pou.name.name}` };
  });
}
