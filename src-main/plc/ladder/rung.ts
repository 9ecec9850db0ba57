import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';

/**
 * Rockwell relay ladder logic as written in L5X/L5K rung text. Offsets are into the container file, so a
 * diagnostic or a translated line points at the rung text a person sees in the export.
 */
export interface Instruction {
  kind: 'Instruction';
  mnemonic: string;
  /** Operands as written, trimmed; `?` placeholders kept. */
  operands: string[];
  /** File offsets of each operand's text (parallel to `operands`). */
  operandStarts: number[];
  start: number;
  end: number;
}

export interface Branch {
  kind: 'Branch';
  /** Parallel legs, top to bottom; an empty leg is a wire (`[,XIC(b)]`). */
  legs: RungElement[][];
  start: number;
  end: number;
}

export type RungElement = Instruction | Branch;

export interface Rung {
  /** The rung number as exported (0-based in Logix). */
  number: number;
  comment: string | null;
  elements: RungElement[];
  /** The rung text's range in the file. */
  span: Span;
}

export interface ParsedRung {
  rung: Rung;
  diagnostics: Diagnostic[];
}
