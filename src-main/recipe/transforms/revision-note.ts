import type { SourceFile } from '../../fleet/site-sources.js';
import type { Transform, TransformContext } from './transform.js';

/** Finds the `(* ... *)` comment a file opens with (nested comments allowed), as [start, endAfterClose). */
function leadingBlockComment(text: string, from: number): [number, number] | null {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (!text.startsWith('(*', i)) return null;
  const start = i;
  let depth = 0;
  while (i < text.length - 1) {
    if (text.startsWith('(*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*)', i)) {
      depth--;
      i += 2;
      if (depth === 0) return [start, i];
    } else i++;
  }
  return null;
}

/** The file that declares the site's entry PROGRAM, ignoring comments only roughly (a name in a comment is rare). */
function findEntryFile(files: readonly SourceFile[], entry: string): SourceFile | null {
  const re = new RegExp(`^\\s*PROGRAM\\s+${entry}\\b`, 'im');
  return files.find((f) => re.test(f.text)) ?? null;
}

export function addRevisionNote(text: string, note: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const block = leadingBlockComment(text, bom);
  if (block) {
    const [, end] = block;
    const closeLineStart = text.lastIndexOf('\n', end - 1) + 1;
    const closeLine = text.slice(closeLineStart, end);
    if (closeLine.trim() === '*)') {
      // Match the indentation and leading-star style of the history line above the closing `*)`.
      const prevEnd = closeLineStart - eol.length;
      const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
      const prev = text.slice(prevStart, Math.max(prevStart, prevEnd));
      const prefix = /^(\s*\*?\s*)/.exec(prev)?.[1] ?? '  ';
      return text.slice(0, closeLineStart) + prefix + note + eol + text.slice(closeLineStart);
    }
    return text.slice(0, end) + eol + `(* ${note} *)` + text.slice(end);
  }
  return text.slice(0, bom) + `(* ${note} *)` + eol + text.slice(bom);
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
