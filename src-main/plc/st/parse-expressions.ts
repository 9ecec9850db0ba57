import type { BinaryOp, Call, CallArg, Expression, Identifier, Literal } from './ast.js';
import type { Cursor } from './cursor.js';
import { decodeInt, decodeReal, decodeString, decodeTyped } from './literals.js';
import { T, type Token } from './tokens.js';

/** Binding power of each binary operator (higher binds tighter), per IEC 61131-3 table 71. */
function binaryOp(c: Cursor, t: Token): [BinaryOp, number] | null {
  switch (t.kind) {
    case T.Eq:
      return ['=', 4];
    case T.Ne:
      return ['<>', 4];
    case T.Lt:
      return ['<', 5];
    case T.Gt:
      return ['>', 5];
    case T.Le:
      return ['<=', 5];
    case T.Ge:
      return ['>=', 5];
    case T.Plus:
      return ['+', 6];
    case T.Minus:
      return ['-', 6];
    case T.Star:
      return ['*', 7];
    case T.Slash:
      return ['/', 7];
    case T.Pow:
      return ['**', 8];
    case T.Amp:
      return ['AND', 3];
    case T.Ident:
      switch (t.upper) {
        case 'OR':
          return ['OR', 1];
        case 'OR_ELSE':
          return c.scl ? null : ['OR_ELSE', 1];
        case 'XOR':
          return ['XOR', 2];
        case 'AND':
          return ['AND', 3];
        case 'AND_THEN':
          return c.scl ? null : ['AND_THEN', 3];
        case 'MOD':
          return ['MOD', 7];
      }
  }
  return null;
}

const MAX_DEPTH = 500;
let depth = 0;

export function parseExpression(c: Cursor, minPrec = 1): Expression {
  // Deeply nested input (fuzzers, generated code) must give a diagnostic, never a stack overflow.
  if (++depth > MAX_DEPTH) {
    depth--;
    c.errorHere('ST1007', 'expression nested too deeply');
    const t = c.peek();
    return { kind: 'ErrorExpr', start: t.start, end: t.start };
  }
  try {
    let left = parseUnary(c);
    for (;;) {
      const t = c.peek();
      const op = binaryOp(c, t);
      if (!op || op[1] < minPrec) return left;
      c.next();
      const right = parseExpression(c, op[1] + 1);
      left = { kind: 'Binary', op: op[0], left, right, start: left.start, end: right.end };
    }
  } finally {
    depth--;
  }
}

function parseUnary(c: Cursor): Expression {
  const t = c.peek();
  if (t.kind === T.Minus || t.kind === T.Plus) {
    c.next();
    const operand = parseUnary(c);
    return { kind: 'Unary', op: t.kind === T.Minus ? '-' : '+', operand, start: t.start, end: operand.end };
  }
  if (t.kind === T.Ident && t.upper === 'NOT' && c.ahead(1).kind !== T.Arrow) {
    c.next();
    const operand = parseUnary(c);
    return { kind: 'Unary', op: 'NOT', operand, start: t.start, end: operand.end };
  }
  return parsePostfix(c, parsePrimary(c));
}

export function parsePostfix(c: Cursor, expr: Expression): Expression {
  for (;;) {
    const t = c.peek();
    if (t.kind === T.Dot) {
      c.next();
      const m = c.peek();
      if (m.kind === T.Int) {
        c.next();
        expr = { kind: 'BitAccess', object: expr, bit: Number(c.text.slice(m.start, m.end)), start: expr.start, end: m.end };
      } else if (m.kind === T.Address && /^%X\d+$/i.test(c.text.slice(m.start, m.end))) {
        c.next();
        expr = { kind: 'BitAccess', object: expr, bit: Number(c.text.slice(m.start + 2, m.end)), start: expr.start, end: m.end };
      } else if (m.kind === T.Ident || m.kind === T.QuotedIdent) {
        // After a dot any word is a member name, even one that is a keyword elsewhere (e.g. `fb.Q`, `x.TYPE`).
        c.next();
        const member: Identifier = c.identFrom(m);
        expr = { kind: 'Member', object: expr, member, start: expr.start, end: m.end };
      } else {
        c.errorHere('ST1005', `expected a member name after '.', found ${c.describe(m)}`);
        return expr;
      }
    } else if (t.kind === T.LBracket) {
      c.next();
      const indices: Expression[] = [parseExpression(c)];
      while (c.eat(T.Comma)) indices.push(parseExpression(c));
      c.expect(T.RBracket, 'to close the index');
      expr = { kind: 'Index', object: expr, indices, start: expr.start, end: c.lastEnd };
    } else if (t.kind === T.Caret) {
      c.next();
      expr = { kind: 'Deref', object: expr, start: expr.start, end: t.end };
    } else if (t.kind === T.LParen) {
      expr = parseCall(c, expr);
    } else return expr;
  }
}

export function parseCall(c: Cursor, callee: Expression): Call {
  c.expect(T.LParen, 'to open the argument list');
  const args: CallArg[] = [];
  if (!c.at(T.RParen)) {
    do {
      if (c.at(T.RParen)) break;
      args.push(parseArg(c));
    } while (c.eat(T.Comma));
  }
  c.expect(T.RParen, 'to close the argument list');
  return { kind: 'Call', callee, args, start: callee.start, end: c.lastEnd };
}

function parseArg(c: Cursor): CallArg {
  const t = c.peek();
  let negated = false;
  let k = 0;
  if (t.kind === T.Ident && t.upper === 'NOT' && c.isIdentLike(c.ahead(1)) && c.ahead(2).kind === T.Arrow) {
    negated = true;
    k = 1;
  }
  const nameTok = c.ahead(k);
  const op = c.ahead(k + 1);
  if ((nameTok.kind === T.Ident || nameTok.kind === T.HashIdent) && (op.kind === T.Assign || op.kind === T.Arrow)) {
    if (negated) c.next();
    c.next();
    c.next();
    const name = c.identFrom(nameTok);
    const assign = op.kind === T.Assign ? ':=' : '=>';
    // An output may be left unconnected: `Q => ,` or `Q => )`.
    const empty = assign === '=>' && (c.at(T.Comma) || c.at(T.RParen));
    const value = empty ? null : parseExpression(c);
    return { kind: 'CallArg', name, assign, negated, value, start: t.start, end: value ? value.end : op.end };
  }
  const value = parseExpression(c);
  return { kind: 'CallArg', name: null, assign: null, negated: false, value, start: value.start, end: value.end };
}

function literal(c: Cursor, t: Token, litKind: Literal['litKind'], value: Literal['value'], typePrefix: string | null = null): Literal {
  const text = c.text.slice(t.start, t.end);
  if (value === null) c.errorAt('ST1004', t.start, t.end, `malformed literal ${text}`);
  return { kind: 'Literal', litKind, text, typePrefix, value, start: t.start, end: t.end };
}

function parsePrimary(c: Cursor): Expression {
  const t = c.peek();
  switch (t.kind) {
    case T.Int:
      c.next();
      return literal(c, t, 'int', decodeInt(c.text.slice(t.start, t.end)));
    case T.Real:
      c.next();
      return literal(c, t, 'real', decodeReal(c.text.slice(t.start, t.end)));
    case T.String:
      c.next();
      return literal(c, t, 'string', decodeString(c.text.slice(t.start + 1, t.end - 1), false));
    case T.WString:
      c.next();
      return literal(c, t, 'wstring', decodeString(c.text.slice(t.start + 1, t.end - 1), true));
    case T.Typed: {
      c.next();
      const d = decodeTyped(c.text.slice(t.start, t.end));
      if (d.enumValue) {
        const hash = c.text.indexOf('#', t.start);
        return {
          kind: 'EnumValue',
          type: { kind: 'Identifier', name: c.text.slice(t.start, hash), quoting: 'plain', start: t.start, end: hash },
          value: { kind: 'Identifier', name: c.text.slice(hash + 1, t.end), quoting: 'plain', start: hash + 1, end: t.end },
          start: t.start,
          end: t.end,
        };
      }
      return literal(c, t, d.litKind, d.value, d.typePrefix);
    }
    case T.Address:
      c.next();
      return { kind: 'DirectAddress', address: c.text.slice(t.start, t.end), start: t.start, end: t.end };
    case T.LParen: {
      c.next();
      const expr = parseExpression(c);
      c.expect(T.RParen, 'to close the parenthesis');
      return { kind: 'Paren', expr, start: t.start, end: c.lastEnd };
    }
    case T.QuotedIdent:
    case T.HashIdent:
      c.next();
      return { kind: 'Name', id: c.identFrom(t), start: t.start, end: t.end };
    case T.Ident: {
      if (t.upper === 'TRUE' || t.upper === 'FALSE') {
        c.next();
        return literal(c, t, 'bool', t.upper === 'TRUE');
      }
      if (t.upper === 'THIS' || t.upper === 'SUPER') {
        c.next();
        return { kind: t.upper === 'THIS' ? 'This' : 'Super', start: t.start, end: t.end };
      }
      // Operators written as functions: AND(a, b), OR(a, b, c), XOR(...), MOD(a, b).
      const asFunction = (t.upper === 'AND' || t.upper === 'OR' || t.upper === 'XOR' || t.upper === 'MOD') && c.ahead(1).kind === T.LParen;
      if (c.isIdentLike(t) || asFunction) {
        c.next();
        return { kind: 'Name', id: c.identFrom(t), start: t.start, end: t.end };
      }
      break;
    }
  }
  c.errorHere('ST1007', `expected an expression, found ${c.describe(t)}`);
  return { kind: 'ErrorExpr', start: t.start, end: t.start };
}
