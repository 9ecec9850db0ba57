import { describe, it } from 'vitest';
import { check, type CheckCaseOptions, type CheckInput } from '../../helpers/check.js';

/** One golden case: input, the expected `CODE [file:]line:col message-substring` list, and options. */
export interface Case {
  name: string;
  input: CheckInput;
  expected: string[];
  options?: CheckCaseOptions;
}

export function runCases(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => void check(c.input, c.expected, c.options));
  });
}

/** Wraps declarations and statements in a PROGRAM, so line 3 is the first declaration line. */
export function prog(decls: string, body: string): string {
  return `PROGRAM Main\nVAR\n${decls}\nEND_VAR\n${body}\nEND_PROGRAM`;
}
