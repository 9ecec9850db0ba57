import type { CaseBranch, CaseLabel, Expression, IfBranch, Statement } from './ast.js';
import { HARD_STOP, STATEMENT_SYNC, type Cursor } from './cursor.js';
import { parseExpression } from './parse-expressions.js';
import { T } from './tokens.js';

/**
 * Reads statements until one of `stop` (upper-case keywords) or the end of the file. Guarantees progress:
 * a token that starts nothing is reported and skipped, so no input can make the parser loop.
 */
export function parseStatements(c: Cursor, stop: ReadonlySet<string>, caseBody = false): Statement[] {
  const out: Statement[] = [];
  for (;;) {
    const t = c.peek();
    if (t.kind === T.EOF) return out;
    if (t.kind === T.Ident && (stop.has(t.upper) || HARD_STOP.has(t.upper))) return out;
    if (caseBody && isCaseLabelAhead(c)) return out;
    c.pending = [];
    const before = c.pos;
    const s = parseStatement(c);
    if (s) out.push(s);
    if (c.pos === before) {
      c.errorHere('ST1008', `unexpected ${c.describe(c.peek())}: a statement was expected`);
      c.next();
    }
  }
}

/** Skips to just after the next `;`, or to a keyword where a statement or block boundary begins. */
export function syncStatement(c: Cursor): void {
  for (;;) {
    const t = c.peek();
    if (t.kind === T.EOF) return;
    if (t.kind === T.Semi) {
      c.next();
      return;
    }
    if (t.kind === T.Ident && STATEMENT_SYNC.has(t.upper)) return;
    c.next();
  }
}

function endStatement(c: Cursor): void {
  if (c.eat(T.Semi)) return;
  c.errorHere('ST1005', `expected ';' after the statement, found ${c.describe(c.peek())}`);
  syncStatement(c);
}

/** `END_IF` and friends: the `;` after them is required by IEC but commonly left out; accept both. */
function endBlock(c: Cursor, word: string, opener: string, openAt: number): void {
  if (!c.eatKw(word)) {
    const t = c.peek();
    const line = c.text.slice(0, openAt).split('\n').length;
    c.errorAt('ST1006', t.start, t.end, `expected ${word} to close the ${opener} opened on line ${line}, found ${c.describe(t)}`);
    return;
  }
  c.eat(T.Semi);
}

const IF_STOP = new Set(['ELSIF', 'ELSE', 'END_IF']);
const CASE_STOP = new Set(['ELSE', 'END_CASE']);
const FOR_STOP = new Set(['END_FOR']);
const WHILE_STOP = new Set(['END_WHILE']);
const REPEAT_STOP = new Set(['UNTIL', 'END_REPEAT']);
const ELSE_CASE_STOP = new Set(['END_CASE']);
const REGION_STOP = new Set(['END_REGION']);

const MAX_NESTING = 300;
let nesting = 0;

export function parseStatement(c: Cursor): Statement | null {
  if (nesting >= MAX_NESTING) {
    // Pathological nesting: give up on the rest of the file with one clear error rather than overflow the stack.
    c.errorHere('ST1008', `statements nested more than ${MAX_NESTING} levels deep; the rest of the file is not read`);
    while (!c.at(T.EOF)) c.next();
    return null;
  }
  nesting++;
  try {
    return parseStatementInner(c);
  } finally {
    nesting--;
  }
}

function parseStatementInner(c: Cursor): Statement | null {
  const t = c.peek();
  if (t.kind === T.Semi) {
    c.next();
    return { kind: 'Empty', start: t.start, end: t.end };
  }
  if (t.kind === T.RawC) {
    c.next();
    return { kind: 'RawC', text: c.text.slice(t.start + 2, t.end - 2), start: t.start, end: t.end };
  }
  if (t.kind === T.Ident) {
    switch (t.upper) {
      case 'IF': {
        c.next();
        const branches: IfBranch[] = [];
        let cond = parseExpression(c);
        c.expectKw('THEN', 'after the IF condition');
        let body = parseStatements(c, IF_STOP);
        branches.push({ kind: 'IfBranch', cond, body, start: t.start, end: c.lastEnd });
        let elseBody: Statement[] | null = null;
        while (c.atKw('ELSIF')) {
          const e = c.next();
          cond = parseExpression(c);
          c.expectKw('THEN', 'after the ELSIF condition');
          body = parseStatements(c, IF_STOP);
          branches.push({ kind: 'IfBranch', cond, body, start: e.start, end: c.lastEnd });
        }
        if (c.eatKw('ELSE')) elseBody = parseStatements(c, IF_STOP);
        endBlock(c, 'END_IF', 'IF', t.start);
        return { kind: 'If', branches, elseBody, start: t.start, end: c.lastEnd };
      }
      case 'CASE': {
        c.next();
        const selector = parseExpression(c);
        c.expectKw('OF', 'after the CASE selector');
        const branches: CaseBranch[] = [];
        let elseBody: Statement[] | null = null;
        while (!c.at(T.EOF) && !c.atKw('END_CASE')) {
          if (c.atKw('ELSE')) {
            c.next();
            c.eat(T.Colon);
            elseBody = parseStatements(c, ELSE_CASE_STOP);
            break;
          }
          const before = c.pos;
          const branchStart = c.peek().start;
          const labels = parseCaseLabels(c);
          c.expect(T.Colon, 'after the CASE labels');
          const body = parseStatements(c, CASE_STOP, true);
          if (c.pos === before) break;
          branches.push({ kind: 'CaseBranch', labels, body, start: branchStart, end: c.lastEnd });
        }
        endBlock(c, 'END_CASE', 'CASE', t.start);
        return { kind: 'Case', selector, branches, elseBody, start: t.start, end: c.lastEnd };
      }
      case 'FOR': {
        c.next();
        const variable = parseExpression(c);
        c.expect(T.Assign, 'after the FOR variable');
        const from = parseExpression(c);
        c.expectKw('TO', 'in the FOR statement');
        const to = parseExpression(c);
        const by = c.eatKw('BY') ? parseExpression(c) : null;
        c.expectKw('DO', 'in the FOR statement');
        const body = parseStatements(c, FOR_STOP);
        endBlock(c, 'END_FOR', 'FOR', t.start);
        return { kind: 'For', variable, from, to, by, body, start: t.start, end: c.lastEnd };
      }
      case 'WHILE': {
        c.next();
        const cond = parseExpression(c);
        c.expectKw('DO', 'after the WHILE condition');
        const body = parseStatements(c, WHILE_STOP);
        endBlock(c, 'END_WHILE', 'WHILE', t.start);
        return { kind: 'While', cond, body, start: t.start, end: c.lastEnd };
      }
      case 'REPEAT': {
        c.next();
        const body = parseStatements(c, REPEAT_STOP);
        let until: Expression;
        if (c.expectKw('UNTIL', 'to end the REPEAT body')) until = parseExpression(c);
        else until = { kind: 'ErrorExpr', start: c.peek().start, end: c.peek().start };
        endBlock(c, 'END_REPEAT', 'REPEAT', t.start);
        return { kind: 'Repeat', body, until, start: t.start, end: c.lastEnd };
      }
      case 'EXIT':
      case 'CONTINUE':
      case 'RETURN': {
        c.next();
        endStatement(c);
        const kind = t.upper === 'EXIT' ? 'Exit' : t.upper === 'CONTINUE' ? 'Continue' : 'Return';
        return { kind, start: t.start, end: c.lastEnd };
      }
      case 'JMP': {
        c.next();
        const label = c.ident('after JMP');
        endStatement(c);
        return { kind: 'Jmp', label, start: t.start, end: c.lastEnd };
      }
      case 'REGION':
        if (c.scl || c.dialect === 'twincat' || c.dialect === 'codesys') {
          c.next();
          const name = c.restOfLine();
          const body = parseStatements(c, REGION_STOP);
          endBlock(c, 'END_REGION', 'REGION', t.start);
          return { kind: 'Region', name, body, start: t.start, end: c.lastEnd };
        }
        break;
    }
  }
  return parseSimpleStatement(c);
}

/** Assignment, call, set/reset assignment, or `label:`. */
function parseSimpleStatement(c: Cursor): Statement | null {
  const t = c.peek();
  // `label:` (a JMP target): a name followed by a single colon.
  if (t.kind === T.Ident && c.isIdentLike(t) && c.ahead(1).kind === T.Colon) {
    c.next();
    c.next();
    return { kind: 'Label', label: c.identFrom(t), start: t.start, end: c.lastEnd };
  }
  const before = c.pos;
  const target = parseExpression(c);
  if (target.kind === 'ErrorExpr') {
    if (c.pos === before) syncStatement(c);
    return c.pos === before ? null : { kind: 'ErrorStmt', start: t.start, end: c.lastEnd };
  }
  const n = c.peek();
  let op: ':=' | 'S=' | 'R=' | 'REF=' | '?=' | null = null;
  if (n.kind === T.Assign) op = ':=';
  else if (n.kind === T.Ident && (n.upper === 'S' || n.upper === 'R' || n.upper === 'REF') && c.ahead(1).kind === T.Eq) {
    op = n.upper === 'S' ? 'S=' : n.upper === 'R' ? 'R=' : 'REF=';
    c.next();
  } else if (n.kind === T.Question && c.ahead(1).kind === T.Eq) {
    op = '?=';
    c.next();
  }
  if (op) {
    c.next();
    if ((op === 'S=' || op === 'R=' || op === 'REF=' || op === '?=') && c.scl) c.errorAt('ST1010', n.start, n.end, `${op} is a CODESYS assignment, not valid in SCL`);
    const value = parseExpression(c);
    endStatement(c);
    return { kind: 'Assign', target, op, value, start: t.start, end: c.lastEnd };
  }
  if (target.kind === 'Call') {
    endStatement(c);
    return { kind: 'CallStmt', call: target, start: t.start, end: c.lastEnd };
  }
  // Lenient: a bare FB instance name followed by ';' is not a call in IEC; report and keep going.
  c.errorAt('ST1008', target.start, target.end, `'${c.text.slice(target.start, target.end)}' is not a statement: expected ':=' or a call`);
  syncStatement(c);
  return { kind: 'ErrorStmt', start: t.start, end: c.lastEnd };
}

function parseCaseLabels(c: Cursor): CaseLabel[] {
  const labels: CaseLabel[] = [];
  do {
    const lo = parseExpression(c);
    if (c.eat(T.DotDot)) {
      const hi = parseExpression(c);
      labels.push({ kind: 'CaseRange', lo, hi, start: lo.start, end: hi.end });
    } else labels.push(lo);
  } while (c.eat(T.Comma));
  return labels;
}

/**
 * Whether the tokens ahead form CASE labels (`1, 2, 5..9:` or `E.Idle:`) rather than a statement: a single
 * `:` comes before any `;`, `:=` or keyword. Bounded look-ahead: labels are short.
 */
function isCaseLabelAhead(c: Cursor): boolean {
  let depth = 0;
  for (let k = 0; k < 64; k++) {
    const t = c.ahead(k);
    switch (t.kind) {
      case T.EOF:
      case T.Semi:
      case T.Assign:
      case T.Arrow:
        return false;
      case T.LParen:
      case T.LBracket:
        depth++;
        break;
      case T.RParen:
      case T.RBracket:
        depth--;
        break;
      case T.Colon:
        return depth === 0;
      case T.Ident:
        if (k > 0 && STATEMENT_SYNC.has(t.upper)) return false;
        if (k === 0 && STATEMENT_SYNC.has(t.upper)) return false;
        break;
    }
  }
  return false;
}
