import type { IlLine, IlSpan } from './il-parser.js';
import { splitOperator } from './il-operators.js';
import type { IlOutput } from './il-state.js';

export interface LabelInfo {
  name: string;
  line: number;
  /** Temporary carrying the CR across the label, when code after it reads the CR and a jump arrives there. */
  temp: string | null;
  /** Some jump names this label. */
  reached: boolean;
  /** Types of the CR on the paths that reach the label (filled while translating). */
  types: (string | null)[];
  span: IlSpan;
}

/**
 * Whether the code after line `from` (a labelled line) reads the current result before it sets it: then the CR
 * must survive the label, in a temporary, because a jump may arrive there. Labels on the way do not change the
 * CR; LD and formal function calls set it; an unconditional jump, return or call ends the question.
 */
export function readsCrFirst(lines: readonly IlLine[], from: number): boolean {
  for (let k = from; k < lines.length; k++) {
    const instr = lines[k]!.instr;
    if (!instr) continue;
    if (instr.kind === 'close') return true;
    const split = splitOperator(instr.word);
    if (!split || !('base' in split)) return !(instr.args !== null || instr.argsOpen !== null);
    const { info, c } = split;
    if (info.cls === 'load') return false;
    if (info.cls === 'jump' || info.cls === 'return' || info.cls === 'call') return c;
    return true;
  }
  return false;
}

/** Finds every label (the first of each name; a repeated one is IL1007) and whether it needs a CR temporary. */
export function collectLabels(lines: readonly IlLine[], prefix: string, labels: Map<string, LabelInfo>, out: IlOutput): void {
  const jumped = new Set<string>();
  for (const l of lines) {
    const s = l.instr?.kind === 'op' ? splitOperator(l.instr.word) : null;
    if (s && 'base' in s && s.base === 'JMP' && l.instr?.kind === 'op' && l.instr.operands[0]) jumped.add(l.instr.operands[0].text.toUpperCase());
  }
  lines.forEach((l, i) => {
    if (!l.label) return;
    const key = l.label.name.toUpperCase();
    const first = labels.get(key);
    if (first) return out.error('IL1007', l.label, `label ${l.label.name} is already defined on IL line ${first.line + 1}`);
    const temp = jumped.has(key) && readsCrFirst(lines, i) ? `${prefix}_cr_${l.label.name}` : null;
    labels.set(key, { name: l.label.name, line: l.line, temp, reached: jumped.has(key), types: [], span: l.label });
  });
}

/** The label temporaries with the one type every path gave them; IL1008 where the paths disagree or give none. */
export function labelTemporaries(labels: Map<string, LabelInfo>, out: IlOutput): { name: string; type: string }[] {
  const temps: { name: string; type: string }[] = [];
  for (const info of labels.values()) {
    // No path brought a value: each one was reported already (IL1005) or failed earlier.
    if (!info.temp || info.types.length === 0) continue;
    const known = [...new Set(info.types)];
    if (known.length === 1 && known[0]) temps.push({ name: info.temp, type: known[0] });
    else {
      const why = known.length > 1 ? `different types (${known.map((k) => k ?? 'unknown').join(', ')})` : 'no type that can be inferred';
      out.error('IL1008', info.span, `the current result carried past label ${info.name} has ${why} on the paths that reach it`);
    }
  }
  return temps;
}
