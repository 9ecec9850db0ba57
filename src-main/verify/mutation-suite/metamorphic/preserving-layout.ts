import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import type { PouInfo, SiteContext } from './site-context.js';
import { NotEditable } from './site-editor.js';

/** POUs with a statement part, where a layout edit has something to move. */
const bodies = (ctx: SiteContext): PouInfo[] => ctx.pous.filter((p) => p.pou.body.length >= 1);

/** Add comment lines above statements and one after a statement, in every POU the map lets us edit. */
export function addComments(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const pous = bodies(ctx);
  if (!pous.length) return 'no POU body in Structured Text';
  return rng.shuffle(pous).map((p) => (ed) => {
    const stmts = rng.shuffle(p.pou.body.filter((s) => ed.editable(p.unit, s))).slice(0, 2);
    if (!stmts.length) throw new NotEditable(`${p.unit.path}: no statement of ${p.pou.name.name} is a verbatim copy of the container (generated from ladder or XML elements)`);
    for (const s of stmts) ed.insertLinesBefore(p.unit, s, ['(* metamorphic check: a note for the reviewer, no logic here *)']);
    const last = stmts[0]!;
    ed.insertAt(p.unit, last.end, '   // checked');
    return { description: `added ${stmts.length + 1} comment(s) in ${p.pou.name.name}` };
  });
}

/** Re-indent a POU's statement part: one more indentation step on every line (nesting kept). */
export function reindent(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const pous = bodies(ctx);
  if (!pous.length) return 'no POU body in Structured Text';
  return rng.shuffle(pous).map((p) => (ed) => {
    const text = p.unit.cs.source.text;
    const first = p.pou.body[0]!;
    const last = p.pou.body[p.pou.body.length - 1]!;
    const step = ed.style(p.unit).indent === '\t' ? '\t' : '  ';
    let n = 0;
    let ls = first.start;
    while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
    for (let at = ls; at < last.end; ) {
      let end = at;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      const line = text.slice(at, end);
      if (line.trim() !== '' && ed.editable(p.unit, { start: at, end: at })) {
        ed.insertAt(p.unit, at, step);
        n++;
      }
      if (text[end] === '\r') end++;
      if (text[end] === '\n') end++;
      if (end === at) break;
      at = end;
    }
    if (!n) throw new NotEditable(`${p.unit.path}: no line of ${p.pou.name.name} is a verbatim copy of the container (generated from ladder or XML elements)`);
    return { description: `re-indented ${n} line(s) of ${p.pou.name.name}` };
  });
}
