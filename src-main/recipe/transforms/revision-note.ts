import { nestedCommentEnd } from '../../plc/source/nested-comment.js';
import type { SourceFile } from '../../fleet/site-sources.js';
import type { Transform, TransformContext } from './transform.js';

/** Finds the `(* ... *)` comment a file opens with (nested comments allowed), as [start, endAfterClose). */
function leadingBlockComment(text: string, from: number): [number, number] | null {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (!text.startsWith('(*', i)) return null;
  const end = nestedCommentEnd(text, i);
  return end < 0 ? null : [i, end];
}

/** The file that declares the site's entry PROGRAM, ignoring comments only roughly (a name in a comment is rare). */
function findEntryFile(files: readonly SourceFile[], entry: string): SourceFile | null {
  const re = new RegExp(`^\\s*PROGRAM\\s+${entry}\\b`, 'im');
  return files.find((f) => re.test(f.text)) ?? null;
}

const HISTORY_HEADING = /\b(revision|change|modification)s?\s*(history|log)\b|^\s*\*?\s*history\b/i;

interface Line {
  start: number;
  end: number;
  text: string;
}

function linesOf(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  let pos = from;
  while (pos < to) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 || nl >= to ? to : nl + 1;
    out.push({ start: pos, end, text: text.slice(pos, end).replace(/\r?\n$/, '') });
    pos = end;
  }
  return out;
}

const prefixOf = (line: string): string => /^(\s*\*?\s*)/.exec(line)?.[1] ?? '  ';
const isBlank = (line: string): boolean => line.replace(/^\s*\*?/, '').trim() === '';
const isClosing = (line: string): boolean => /^\s*\**\)\s*$/.test(line);

/**
 * Adds `note` where a person keeping the file would: as the last entry of a "Revision history" section in the
 * header comment, in that section's indentation; else just above a closing line that holds only `*)` or a
 * banner of stars; else as a comment of its own after the header (or at the top when there is none).
 */
export function addRevisionNote(text: string, note: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const block = leadingBlockComment(text, bom);
  if (!block) return text.slice(0, bom) + `(* ${note} *)` + eol + text.slice(bom);
  const [start, end] = block;
  const lines = linesOf(text, start, end);
  const heading = lines.findIndex((l, i) => i > 0 && HISTORY_HEADING.test(l.text));
  if (heading > 0) {
    let last = heading;
    for (let i = heading + 1; i < lines.length - 1 && !isBlank(lines[i]!.text) && !isClosing(lines[i]!.text); i++) last = i;
    if (last > heading) {
      const entry = lines[last]!;
      return text.slice(0, entry.end) + prefixOf(entry.text) + note + eol + text.slice(entry.end);
    }
  }
  const closing = lines[lines.length - 1]!;
  if (lines.length > 1 && isClosing(closing.text)) {
    const above = [...lines.slice(1, -1)].reverse().find((l) => !isBlank(l.text)) ?? lines[lines.length - 2]!;
    return text.slice(0, closing.start) + prefixOf(above.text) + note + eol + text.slice(closing.start);
  }
  return text.slice(0, end) + eol + `(* ${note} *)` + text.slice(end);
}

/**
 * Records the migration in the entry program's header comment, as plants keep a revision history there. It
 * touches a comment only, never code, so it is the safe thin slice every later transform builds on.
 */
export const revisionNote: Transform = {
  id: 'revision-note',
  description: "Adds a dated line for this run to the revision history in the entry program's header comment.",
  apply(files: readonly SourceFile[], ctx: TransformContext): SourceFile[] {
    const file = findEntryFile(files, ctx.site.entry);
    if (!file) return [];
    const note = `${ctx.date}  Plantshift run ${ctx.runId}: ${ctx.recipeTitle}`;
    if (file.text.includes(note)) return [];
    return [{ path: file.path, text: addRevisionNote(file.text, note) }];
  },
};
