import { key } from '../../../plc/st/ast.js';
import { afterStartTag, allRoutines, indentBefore, l5xDocs, type L5xDoc, type L5xRoutine, type L5xRung } from './l5x-document.js';
import { appendRungs, setRungComment } from './l5x-edits.js';
import { freshTagName, hazardCoil, rungUse } from './l5x-rung-facts.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import type { SiteContext } from './site-context.js';
import { NotEditable } from './site-editor.js';

const disjoint = (a: Set<string>, b: Set<string>): boolean => ![...a].some((x) => b.has(x));

/**
 * Two rungs may trade places when neither reads or writes what the other writes, neither keeps hidden state
 * (a one-shot, timer or counter is declared after its rung number) and neither calls or jumps.
 */
export function independentRungs(a: L5xRung, b: L5xRung): boolean {
  const ua = rungUse(a);
  const ub = rungUse(b);
  if (ua.opaque || ub.opaque || ua.stateful || ub.stateful || !a.text || !b.text) return false;
  return disjoint(ua.writes, ub.writes) && disjoint(ua.writes, ub.reads) && disjoint(ub.writes, ua.reads);
}

/** Swap two adjacent independent rungs: the rungs' comments and texts trade places, the numbers stay. */
export function ladderReorder(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const pairs = l5xDocs(ctx).flatMap((doc) =>
    allRoutines(doc).flatMap((r) => r.rungs.slice(1).flatMap((b, i) => (independentRungs(r.rungs[i]!, b) ? [{ doc, a: r.rungs[i]!, b }] : []))),
  );
  if (!pairs.length) return 'no two adjacent rungs are independent (each pair shares a tag, keeps one-shot/timer/counter state or calls a routine)';
  return rng.shuffle(pairs).map(({ doc, a, b }) => (ed) => {
    const inner = (r: L5xRung): { start: number; end: number } => ({ start: afterStartTag(doc, r.el), end: doc.text.lastIndexOf('</', r.el.end - 1) });
    const [ia, ib] = [inner(a), inner(b)];
    ed.raw(doc.path, ia, doc.text.slice(ib.start, ib.end)).raw(doc.path, ib, doc.text.slice(ia.start, ia.end));
    return { description: `swapped rungs ${a.number} and ${b.number} of routine ${a.routine.name} (independent: no shared tags, no one-shot/timer state)` };
  });
}

/** Add a comment to rungs that have none, or extend an existing one: Studio 5000 rung documentation. */
export function ladderAddComments(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = l5xDocs(ctx).flatMap((doc) => allRoutines(doc).flatMap((r) => r.rungs.filter((g) => g.text).map((g) => ({ doc, g }))));
  if (!found.length) return 'no rung with a CDATA text to document';
  const bare = found.filter((x) => !x.g.commentEl);
  const commented = found.filter((x) => x.g.comment);
  const groups = [...rng.shuffle(bare).slice(0, 3).map((x) => [x, rng.pick(commented)].filter((y) => y !== undefined)), ...rng.shuffle(commented).slice(0, 3).map((x) => [x])];
  return groups.map((group) => (ed) => {
    for (const { doc, g } of group) {
      if (g.comment) setRungComment(ed, doc, g, `${g.comment.text} Checked at the line 11 walk-down (metamorphic note).`);
      else setRungComment(ed, doc, g, `Metamorphic note: rung ${g.number} of ${g.routine.name}, logic unchanged.`);
    }
    return { description: `rung comments in the L5X: ${group.map(({ g }) => `${g.routine.name} rung ${g.number} (${g.comment ? 'extended' : 'added'})`).join(', ')}` };
  });
}

/** Re-indent an ST routine of the export: each indented `<Line>`'s leading spaces halved (or a tab doubled). */
export function ladderReindent(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = l5xDocs(ctx).flatMap((doc) => allRoutines(doc).filter((r) => r.type === 'ST' && r.lines.some((l) => /^[ \t]+\S/.test(l.text))).map((r) => ({ doc, r })));
  if (!found.length) return 'ladder rungs have no layout of their own (Studio 5000 stores each rung as one normalized text) and no ST routine of the export has an indented line';
  return rng.shuffle(found).map(({ doc, r }) => (ed) => {
    let n = 0;
    for (const l of r.lines) {
      const lead = /^[ \t]+/.exec(l.text)?.[0];
      if (!lead || !l.text.trim()) continue;
      const to = lead.includes('\t') ? lead.replace(/\t/g, '    ') : ' '.repeat(Math.max(1, Math.ceil(lead.length / 2)));
      ed.raw(doc.path, { start: l.start, end: l.start + lead.length }, to);
      n++;
    }
    return { description: `re-indented ${n} line(s) of the ST routine ${r.name} in the L5X` };
  });
}

/**
 * Extract rungs into a subroutine: the last rungs of a routine (no one-shot/timer state, no call, no
 * hazardous output) move into a new RLL routine of the same program, called by a JSR rung in their place.
 * The scan order stays the same, so the logic does.
 */
export function ladderExtractRoutine(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found: { doc: L5xDoc; r: L5xRoutine; k: number }[] = [];
  for (const doc of l5xDocs(ctx)) {
    for (const r of allRoutines(doc).filter((x) => x.type === 'RLL')) {
      let k = 0;
      while (k < r.rungs.length - 1) {
        const g = r.rungs[r.rungs.length - 1 - k]!;
        const u = rungUse(g);
        if (u.opaque || u.stateful || hazardCoil(ctx, g) || !g.text) break;
        k++;
      }
      for (let n = Math.min(k, 3); n >= 1; n--) found.push({ doc, r, k: n });
    }
  }
  if (!found.length) return 'no routine ends in rungs that could move into a subroutine (each last rung keeps state, calls a routine or drives a hazardous output)';
  return rng.shuffle(found).map(({ doc, r, k }) => (ed) => {
    const moved = r.rungs.slice(r.rungs.length - k);
    const first = moved[0]!;
    const name = freshTagName(ctx, doc, `${r.name}_Sub`);
    if (r.program.routines.some((x) => key(x.name) === key(name))) throw new NotEditable(`routine ${name} exists`);
    const t = doc.text;
    const eol = doc.eol;
    const ind = indentBefore(t, first.el.start);
    // The moved rungs, renumbered from 0, in a routine laid out like the one they come from.
    const rungsXml = moved.map((g, i) => t.slice(g.el.start, g.el.end).replace(/(\sNumber\s*=\s*")\d+"/, `$1${i}"`)).join(`${eol}${ind}`);
    const content = t.slice(afterStartTag(doc, r.el), r.rungs[0]!.el.start);
    const head = t.slice(r.el.start, afterStartTag(doc, r.el)).replace(/(\sName\s*=\s*")[^"]*"/, `$1${name}"`);
    const descMatch = /<!\[CDATA\[[^]*?\]\]>/.exec(content);
    const last = moved[moved.length - 1]!;
    const which = k === 1 ? `rung ${first.number}` : `rungs ${first.number}-${last.number}`;
    const body = descMatch ? content.replace(descMatch[0], `<![CDATA[${which} of ${r.name}, moved here (metamorphic extract)]]>`) : content;
    const tail = t.slice(r.rungs[r.rungs.length - 1]!.el.end, r.el.end);
    const routineXml = `${head}${body}${rungsXml}${tail}`;
    // Delete the moved rungs (from the end of the rung before them), then call the new routine in their place.
    const prev = r.rungs[r.rungs.length - k - 1]!;
    ed.raw(doc.path, { start: prev.el.end, end: last.el.end }, '');
    appendRungs(ed, doc, { ...r, rungs: r.rungs.slice(0, prev.index + 1) }, [{ text: `JSR(${name},0);`, comment: null }]);
    ed.raw(doc.path, { start: r.el.end, end: r.el.end }, `${eol}${indentBefore(t, r.el.start)}${routineXml}`);
    return { description: `moved ${which} of ${r.name} into a new routine ${name}, called by JSR(${name},0) in their place` };
  });
}
