import type { CodeInfo } from './catalog.js';

/** ST1xxx: what the lexer and parser report. The parser recovers after each, so one file can have many. */
export const SYNTAX_CODES: CodeInfo[] = [
  {
    code: 'ST1001',
    severity: 'error',
    title: 'Unterminated comment',
    explanation:
      'A `(*` or `/*` comment is never closed before the end of the file. Everything after it would be ignored by a PLC compiler, so code you expect to run would silently vanish. Close the comment with `*)` or `*/`. Note that `(* *)` comments nest in CODESYS and TwinCAT: every `(*` inside needs its own `*)`.',
  },
  {
    code: 'ST1002',
    severity: 'error',
    title: 'Unterminated string literal',
    explanation:
      "A string literal starts with ' (or \" for WSTRING) but the line ends before its closing quote. String literals may not span lines; write a line break inside a string as $N or $L, and a quote as $' or $\".",
  },
  {
    code: 'ST1003',
    severity: 'error',
    title: 'Invalid character',
    explanation:
      'This character cannot start any Structured Text token. It often comes from copying code out of a word processor (curly quotes, non-breaking spaces) or from a file saved in the wrong encoding. Replace it with the intended ASCII character.',
  },
  {
    code: 'ST1004',
    severity: 'error',
    title: 'Malformed literal',
    explanation:
      'A numeric, typed, time or date literal does not follow IEC 61131-3 syntax: for example a base other than 2, 8 or 16 (`3#12`), digits not valid in the base (`2#102`), a duration with unknown units (`T#5x`), or a date out of range. The value cannot be decided, so the literal is rejected.',
  },
  {
    code: 'ST1005',
    severity: 'error',
    title: 'Unexpected token',
    explanation:
      'The parser expected something else at this point, for example a `;` after a statement, `THEN` after an IF condition, or `END_VAR` to close a variable block. The message says what was expected. The parser skips ahead to the next statement or declaration and goes on, so later errors may be consequences of this one: fix the first error first.',
  },
  {
    code: 'ST1006',
    severity: 'error',
    title: 'Missing end keyword',
    explanation:
      'A block (IF, CASE, FOR, WHILE, REPEAT, a POU, a VAR section, a TYPE, a STRUCT) is not closed by its END_ keyword before the enclosing block or the file ends. A compiler would report the whole rest of the file; Plantshift names the block that is still open and where it started.',
  },
  {
    code: 'ST1007',
    severity: 'error',
    title: 'Expression expected',
    explanation:
      'A value was expected here (a variable, literal, call or parenthesised expression) but the text does not start one. Typical causes: a missing operand after an operator (`a AND`), a doubled operator, or a stray keyword.',
  },
  {
    code: 'ST1008',
    severity: 'error',
    title: 'Statement expected',
    explanation:
      'Statements are assignments (`x := y;`), calls (`fb(IN := x);`), or control statements (IF, CASE, FOR, WHILE, REPEAT, EXIT, CONTINUE, RETURN, JMP). An expression on its own, such as `a + b;` or a bare variable, does nothing and is not a statement.',
  },
  {
    code: 'ST1009',
    severity: 'error',
    title: 'Declaration expected',
    explanation:
      'At the top level of a file only declarations may appear: PROGRAM, FUNCTION_BLOCK, FUNCTION, METHOD, INTERFACE, TYPE, VAR_GLOBAL, CONFIGURATION, ACTION and, in SCL, DATA_BLOCK and ORGANIZATION_BLOCK. Text outside them is ignored by PLC compilers and is almost always a leftover of an edit.',
  },
  {
    code: 'ST1010',
    severity: 'warning',
    title: 'Construct not valid in this dialect',
    explanation:
      'The construct is valid in another vendor dialect but not in the one this site declares (its `platform` in site.yaml): for example SCL `#local` names in a CODESYS project, or CODESYS `S=`/`R=` assignments in Siemens SCL. The target controller would reject it.',
  },
  {
    code: 'ST1011',
    severity: 'error',
    title: 'Invalid type specification',
    explanation:
      'A type is expected here: an elementary type (BOOL, INT, REAL, TIME, ...), a user type name, STRING[n], ARRAY[lo..hi] OF type, a subrange `INT(0..100)`, an enumeration `(A, B)`, or REF_TO / REFERENCE TO / POINTER TO a type.',
  },
  {
    code: 'ST1013',
    severity: 'error',
    title: 'Character not allowed in an identifier',
    explanation:
      'IEC 61131-3 identifiers are made of the letters A-Z and a-z, the digits 0-9 and the underscore; PLC compilers reject any other character in a name, and the same name can turn into different bytes depending on the encoding a tool saves the file in. Rename the variable, POU or type with ASCII letters only (`Drehzahl_Ist`, not `Drehzahl_Ä`). When the character is U+FFFD (the replacement character), the file itself holds bytes that were lost when another tool saved or converted it in the wrong encoding: check the file in the PLC IDE and restore the name from a good copy.',
  },
];
