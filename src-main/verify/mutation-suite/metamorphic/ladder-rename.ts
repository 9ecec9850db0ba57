import { afterStartTag, allRoutines, allRungs, l5xDocs, type L5xDoc, type L5xTag } from './l5x-document.js';
import { freshTagName, instructions } from './l5x-rung-facts.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import type { SiteContext } from './site-context.js';
import type { SiteEditor } from './site-editor.js';
import { isSafetyName } from './site-facts.js';

/** Offsets (within `text`) of each root use of a tag name: not a member after `.`, not a function before `(`. */
export function rootUses(text: string, name: string): number[] {
  const out: number[] = [];
  const re = /[A-Za-z_][A-Za-z0-9_]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].toUpperCase() !== name.toUpperCase()) continue;
    const before = text.slice(0, m.index).trimEnd();
    const after = text.slice(m.index + m[0].length).trimStart();
    if (before.endsWith('.') || before.endsWith('#') || after.startsWith('(')) continue;
    out.push(m.index);
  }
  return out;
}

/** The code part of an ST line: comments (`//`, `(* *)` on the line) and string literals blanked out. */
function codeOf(line: string): string {
  return line.replace(/\(\*.*?\*\)|'[^']*'|"[^"]*"/g, (s) => ' '.repeat(s.length)).replace(/\/\/.*$/, (s) => ' '.repeat(s.length));
}

/** Renames a tag everywhere in the export: its declaration, every rung operand, ST line and alias target. */
export function renameTag(ed: SiteEditor, doc: L5xDoc, tag: L5xTag, to: string): number {
  let n = 0;
  const put = (at: number, len: number): void => {
    ed.raw(doc.path, { start: at, end: at + len }, to);
    n++;
  };
  const open = doc.text.slice(tag.el.start, afterStartTag(doc, tag.el));
  const decl = /\sName\s*=\s*"([^"]*)"/.exec(open)!;
  put(tag.el.start + decl.index + decl[0].indexOf('"') + 1, decl[1]!.length);
  // A program tag is seen by its own program's code only; a controller tag by every program's.
  const routines = allRoutines(doc).filter((r) => tag.program === null || r.program.name === tag.program);
  for (const g of routines.flatMap((r) => r.rungs)) {
    for (const ins of instructions(g.elements)) {
      ins.operands.forEach((op, i) => {
        for (const at of rootUses(op, tag.name)) put(ins.operandStarts[i]! + at, tag.name.length);
      });
    }
  }
  for (const line of routines.flatMap((r) => r.lines)) for (const at of rootUses(codeOf(line.text), tag.name)) put(line.start + at, tag.name.length);
  for (const alias of doc.tags.filter((t) => t.alias !== null && rootUses(t.alias, tag.name).length)) {
    const a = /\sAliasFor\s*=\s*"([^"]*)"/.exec(doc.text.slice(alias.el.start, afterStartTag(doc, alias.el)));
    if (a) for (const at of rootUses(a[1]!, tag.name)) put(alias.el.start + a.index + a[0].indexOf('"') + 1 + at, tag.name.length);
  }
  return n;
}

/**
 * Rename an internal tag: a program-scope tag (the program's own, not I/O) that is not part of the safety
 * function, not named in site.yaml or a scenario, and not an alias. Its `<Tag Name=...>`, every rung operand
 * and ST line that reads or writes it, and every alias for it get the new name.
 */
export function ladderRenameInternal(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = l5xDocs(ctx).flatMap((doc) =>
    doc.tags
      .filter((t) => t.program !== null && t.alias === null && !isSafetyName(ctx, t.name) && !new RegExp(`\\b${t.name}\\b`, 'i').test(ctx.scenarioText))
      .filter((t) => allRungs(doc).some((g) => g.routine.program.name === t.program && g.text && rootUses(g.text.text, t.name).length))
      .map((tag) => ({ doc, tag })),
  );
  if (!found.length) return 'no program-scope tag outside the safety names and scenarios is used in a rung';
  return rng.shuffle(found).map(({ doc, tag }) => (ed) => {
    const to = freshTagName(ctx, doc, `${tag.name}_mm`);
    const n = renameTag(ed, doc, tag, to);
    return { description: `renamed the ${tag.dataType} tag ${tag.program}.${tag.name} to ${to} in the L5X (declaration and ${n - 1} use(s) in rungs, ST lines and aliases)` };
  });
}
