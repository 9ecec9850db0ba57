import type { CodeInfo } from './catalog.js';

/** IL1xxx: IEC 61131-3 Instruction List, read and translated to ST (il/*.ts). */
export const IL_CODES: CodeInfo[] = [
  {
    code: 'IL1001',
    severity: 'error',
    title: 'unknown IL operator',
    explanation:
      'The first word of an IL instruction is neither a standard operator (LD, ST, S, R, AND, OR, XOR, NOT, ADD, SUB, ' +
      'MUL, DIV, MOD, GT, GE, EQ, NE, LE, LT, JMP, CAL, RET and the function block input operators), nor a standard ' +
      'function, nor a function declared in the project. It may be a typo or a vendor extension. The instruction is ' +
      'not translated and the current result after it is unknown, so nothing that depends on it is translated either.',
  },
  {
    code: 'IL1002',
    severity: 'error',
    title: 'IL operator needs an operand',
    explanation:
      'Operators such as LD, ST, AND or JMP take exactly one operand (a variable, a literal or a label), and CAL takes ' +
      'a function block instance. The line ends without one, so there is nothing to load, store, combine or jump to. ' +
      'The instruction is not translated. Add the operand that was meant.',
  },
  {
    code: 'IL1003',
    severity: 'error',
    title: 'invalid or unexpected IL operand',
    explanation:
      'The operand is not a variable, direct address or literal as IEC 61131-3 writes them, the operator takes no ' +
      'operand (RET, NOT, `)`) or only one, or an operand that must be written to (ST, S, R) is a literal. The ' +
      'instruction is not translated. Check the spelling and the number of operands.',
  },
  {
    code: 'IL1004',
    severity: 'error',
    title: 'unbalanced parenthesis in IL',
    explanation:
      'A deferred operator such as `AND(` opens a nested instruction sequence that must be closed by a line holding ' +
      '`)`, and a CAL or formal function call argument list opened with `(` must be closed too. Here a `(` is never ' +
      'closed, or a `)` closes nothing. Without the matching parenthesis the extent of the sub-expression is unknown, ' +
      'so it is not translated.',
  },
  {
    code: 'IL1005',
    severity: 'error',
    title: 'current result undefined',
    explanation:
      'An instruction reads the current result (CR) where it has no defined value: at the start of the body, after ' +
      'CAL (which leaves the CR undefined), right after a label that is only reached by jumps that carry no value, ' +
      'or inside a parenthesised sequence that starts without an operand or a LD. A PLC would compute with whatever ' +
      'happens to be in its accumulator; the translation does not guess, so the instruction is not translated. Load ' +
      'the value explicitly with LD.',
  },
  {
    code: 'IL1006',
    severity: 'error',
    title: 'jump to an unknown IL label',
    explanation:
      'JMP, JMPC or JMPCN names a label that no line of this body defines (labels are written `Name:` before an ' +
      'instruction). The translated ST keeps the JMP, which will not compile. Rename the jump or add the label.',
  },
  {
    code: 'IL1007',
    severity: 'error',
    title: 'IL label defined twice',
    explanation:
      'Two lines of the same body carry the same label, so a jump to it is ambiguous. The second label is dropped in ' +
      'the translation. Rename one of them.',
  },
  {
    code: 'IL1008',
    severity: 'error',
    title: 'current result needs a temporary of unknown type',
    explanation:
      'To keep the IL meaning, the current result has to be saved in a generated temporary variable: it is carried ' +
      'past a label reached by a jump, or a later write would change a value it still reads, or it calls a user ' +
      'function that must not run twice. The temporary needs a declared type, which is taken from the last LD of a ' +
      'typed variable or typed literal (comparisons give BOOL). Here the type cannot be inferred (an untyped literal, ' +
      'an undeclared variable, or different types on different paths), so the temporary is not declared and the ST ' +
      'will not compile until it is. Load a typed value (for example INT#0) or declare the variable.',
  },
  {
    code: 'IL1009',
    severity: 'error',
    title: 'unterminated IL comment or string',
    explanation:
      'A `(*` comment or a quoted string literal is not closed before the end of the body. Everything after it would ' +
      'be swallowed, so the rest of the body is not translated. Close the comment with `*)` or the string with its ' +
      'quote.',
  },
  {
    code: 'IL1010',
    severity: 'error',
    title: 'IL construct not translated',
    explanation:
      'The instruction is valid IL, or a vendor variant of it, but has no faithful ST equivalent in this translation: ' +
      'a jump, call, return or label inside a parenthesised sequence, or a nested instruction list as a CAL argument. ' +
      'Rather than guess, the instruction is skipped and reported; review that part of the body by hand or rewrite it ' +
      'with explicit LD and ST.',
  },
  {
    code: 'IL1011',
    severity: 'error',
    title: 'malformed IL argument list',
    explanation:
      'A CAL or formal function call argument list must hold `Input := operand` and `Output => variable` items ' +
      'separated by commas, possibly over several lines. An item is missing its name, its `:=` or `=>`, or its value. ' +
      'The call is not translated, because passing arguments by guess could change which input receives which value.',
  },
  {
    code: 'IL1012',
    severity: 'error',
    title: 'modifier not allowed on this IL operator',
    explanation:
      'IEC 61131-3 allows the N modifier on LD, ST, AND, OR, XOR and on the conditional JMPC, CALC and RETC, the C ' +
      'modifier only on JMP, CAL and RET, and the `(` modifier only on the Boolean, arithmetic and comparison operators. ' +
      'The operator is written with a modifier it does not take (LDC, STC, ADDN, LD(), so its meaning is unclear and it ' +
      'is not translated.',
  },
];
