import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { INSTRUCTIONS, type AoiTable } from './rll-instructions.js';
import type { Branch, Instruction, ParsedRung, RungElement } from './rung.js';

export interface RungSource {
  file: string;
  /** The rung text alone (what is inside the L5X CDATA, or after `N:` in L5K). */
  text: string;
  /** File offset of `text[0]`. */
  base: number;
  number: number;
  comment?: string | null;
  aois?: AoiTable;
}

/** Hostile files can nest thousands of brackets; real rungs stay far below this, and recursion must not overflow. */
const MAX_DEPTH = 100;

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdent = (c: string): boolean => /[A-Za-z0-9_]/.test(c);

/**
 * Parses one rung. Never throws: every problem becomes an LD2xxx diagnostic at its exact file offset and the
 * parser resynchronises at the next instruction, bracket or comma so one typo does not hide the next.
 */
export function parseRung(src: RungSource): ParsedRung {
  const { file, text, base } = src;
  const diagnostics: Diagnostic[] = [];
  const at = (s: number, e: number) => ({ file, start: base + s, end: base + Math.max(e, s) });
  let pos = 0;
  let terminated = false;

  const skipSpace = (): void => {
    while (pos < text.length && isSpace(text[pos]!)) pos++;
  };

  /** Returns the index just after the matching ')' or -1 when the list runs into ';' or the end. */
  const operandList = (open: number): { operands: string[]; starts: number[]; close: number } => {
    const operands: string[] = [];
    const starts: number[] = [];
    let depth = 0;
    let segStart = open + 1;
    let i = open + 1;
    const push = (endIdx: number): void => {
      const raw = text.slice(segStart, endIdx);
      const lead = raw.length - raw.trimStart().length;
      operands.push(raw.trim());
      starts.push(base + segStart + lead);
    };
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === "'" || c === '"') {
        const q = text.indexOf(c, i + 1);
        if (q < 0) break;
        i = q;
      } else if (c === '(' || c === '[') depth++;
      else if (c === ']') depth = Math.max(0, depth - 1);
      else if (c === ')') {
        if (depth === 0) {
          push(i);
          // `NOP()` has no operands, not one empty operand.
          if (operands.length === 1 && operands[0] === '') {
            operands.pop();
            starts.pop();
          }
          return { operands, starts, close: i + 1 };
        }
        depth--;
      } else if (c === ',' && depth === 0) {
        push(i);
        segStart = i + 1;
      } else if (c === ';') break;
    }
    push(i);
    return { operands, starts, close: -i - 1 };
  };

  const instruction = (): Instruction | null => {
    const start = pos;
    while (pos < text.length && isIdent(text[pos]!)) pos++;
    const mnemonic = text.slice(start, pos);
    let p = pos;
    while (p < text.length && isSpace(text[p]!)) p++;
    if (text[p] !== '(') {
      diagnostics.push(diag('LD2006', at(start, pos), `${mnemonic} has no operand list: expected '(' after it`));
      return null;
    }
    const list = operandList(p);
    let end: number;
    if (list.close < 0) {
      end = -list.close - 1;
      diagnostics.push(diag('LD2003', at(p, end), `operand list of ${mnemonic} is not closed with ')'`));
    } else end = list.close;
    pos = end;
    return { kind: 'Instruction', mnemonic, operands: list.operands, operandStarts: list.starts, start: base + start, end: base + end };
  };

  /** Reads elements until `]`, `,` (inside a branch), `;` or the end. */
  const sequence = (depth: number): RungElement[] => {
    const out: RungElement[] = [];
    let junkStart = -1;
    const flushJunk = (): void => {
      if (junkStart >= 0) diagnostics.push(diag('LD2006', at(junkStart, pos), `unexpected '${text.slice(junkStart, pos)}' in rung`));
      junkStart = -1;
    };
    for (;;) {
      skipSpace();
      if (pos >= text.length) break;
      const c = text[pos]!;
      if (c === ';' || ((c === ']' || c === ',') && depth > 0)) break;
      if (c === ']' || c === ',') {
        flushJunk();
        diagnostics.push(diag('LD2002', at(pos, pos + 1), c === ']' ? "']' closes no branch" : "',' separates branch legs but no branch is open"));
        pos++;
      } else if (c === '[') {
        flushJunk();
        if (depth >= MAX_DEPTH) {
          diagnostics.push(diag('LD2006', at(pos, pos + 1), `branches nested deeper than ${MAX_DEPTH} levels`));
          pos = text.length;
          break;
        }
        out.push(branch(depth + 1));
      } else if (isIdentStart(c)) {
        flushJunk();
        const ins = instruction();
        if (ins) out.push(ins);
      } else {
        if (junkStart < 0) junkStart = pos;
        pos++;
      }
    }
    flushJunk();
    return out;
  };

  const branch = (depth: number): Branch => {
    const start = pos;
    pos++;
    const legs: RungElement[][] = [sequence(depth)];
    while (text[pos] === ',') {
      pos++;
      legs.push(sequence(depth));
    }
    if (text[pos] === ']') pos++;
    else diagnostics.push(diag('LD2001', at(start, start + 1), "branch opened here is not closed with ']'"));
    return { kind: 'Branch', legs, start: base + start, end: base + pos };
  };

  const elements = sequence(0);
  if (text[pos] === ';') {
    terminated = true;
    pos++;
    skipSpace();
    if (pos < text.length) diagnostics.push(diag('LD2006', at(pos, text.length), 'text after the rung terminator'));
  }
  if (!terminated) diagnostics.push(diag('LD2007', at(text.trimEnd().length, text.trimEnd().length), `rung ${src.number} does not end with ';'`));

  validate(elements, src, diagnostics);
  const rung = { number: src.number, comment: src.comment ?? null, elements, span: { file, start: base, end: base + text.length } };
  return { rung, diagnostics };
}

function validate(elements: RungElement[], src: RungSource, out: Diagnostic[]): void {
  for (const el of elements) {
    if (el.kind === 'Branch') {
      for (const leg of el.legs) validate(leg, src, out);
      continue;
    }
    const span = { file: src.file, start: el.start, end: el.end };
    const key = el.mnemonic.toUpperCase();
    const info = INSTRUCTIONS.get(key);
    const aoi = info ? undefined : src.aois?.get(key);
    if (!info && !aoi) {
      out.push(diag('LD2004', { ...span, end: el.start + el.mnemonic.length }, `unknown instruction ${el.mnemonic}`));
      continue;
    }
    const min = info ? info.min : 1 + aoi!.required.length;
    const max = info ? info.max : min;
    const n = el.operands.length;
    if (n < min || n > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      out.push(diag('LD2005', span, `${el.mnemonic} takes ${want} operand${want === '1' ? '' : 's'}, found ${n}`));
      continue;
    }
    el.operands.forEach((op, i) => {
      if ((op === '?' || op === '') && !info?.placeholders?.includes(i)) {
        const s = el.operandStarts[i]!;
        out.push(diag('LD2008', { file: src.file, start: s, end: s + op.length }, `operand ${i + 1} of ${el.mnemonic} is not assigned`));
      }
    });
  }
}

/** True when any diagnostic is an error: such a rung is not translated. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
