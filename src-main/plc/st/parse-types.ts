import type { ArrayInit, ArrayInitItem, ArrayRange, EnumMember, EnumType, Expression, Initializer, NamedType, QualifiedName, StructInit, StructInitField, TypeSpec } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseVarDecls } from './parse-declarations.js';
import { parseExpression } from './parse-expressions.js';
import { T } from './tokens.js';

export function parseQualifiedName(c: Cursor, context: string): QualifiedName {
  const first = c.ident(context);
  const parts = [first];
  while (c.at(T.Dot) && c.isIdentLike(c.ahead(1))) {
    c.next();
    parts.push(c.identFrom(c.next()));
  }
  return { kind: 'QualifiedName', parts, start: first.start, end: parts[parts.length - 1]!.end };
}

function namedType(c: Cursor): NamedType {
  const name = parseQualifiedName(c, 'as a type');
  return { kind: 'NamedType', name, start: name.start, end: name.end };
}

/** `(A, B := 5, C)`: enumeration members; the cursor is at `(`. */
function parseEnumMembers(c: Cursor): EnumMember[] {
  c.expect(T.LParen, 'to open the enumeration');
  const members: EnumMember[] = [];
  do {
    if (c.at(T.RParen)) break;
    const name = c.ident('as an enumeration value');
    const value = c.eat(T.Assign) ? parseExpression(c) : null;
    members.push({ kind: 'EnumMember', name, value, start: name.start, end: value ? value.end : name.end });
  } while (c.eat(T.Comma));
  c.expect(T.RParen, 'to close the enumeration');
  return members;
}

/** After `(`: is this an enumeration `(Ident [:= v], ...)` rather than a subrange `(lo..hi)`? */
function enumAhead(c: Cursor): boolean {
  const a = c.ahead(1);
  const b = c.ahead(2);
  return c.isIdentLike(a) && (b.kind === T.Comma || b.kind === T.Assign || b.kind === T.RParen);
}

export function parseTypeSpec(c: Cursor): TypeSpec {
  const t = c.peek();
  if (t.kind === T.LParen) {
    const members = parseEnumMembers(c);
    const base = c.isIdentLike(c.peek()) && !c.peek().newlineBefore ? namedType(c) : null;
    return { kind: 'EnumType', members, base, start: t.start, end: c.lastEnd };
  }
  if (t.kind === T.Ident) {
    switch (t.upper) {
      case 'ARRAY': {
        c.next();
        c.expect(T.LBracket, 'after ARRAY');
        const ranges: ArrayRange[] = [];
        let variableLength = false;
        do {
          if (c.eat(T.Star)) {
            variableLength = true;
            continue;
          }
          const lo = parseExpression(c);
          c.expect(T.DotDot, 'in the array range');
          const hi = parseExpression(c);
          ranges.push({ kind: 'ArrayRange', lo, hi, start: lo.start, end: hi.end });
        } while (c.eat(T.Comma));
        c.expect(T.RBracket, 'to close the array ranges');
        c.expectKw('OF', 'after the array ranges');
        const element = parseTypeSpec(c);
        return { kind: 'ArrayType', ranges, variableLength, element, start: t.start, end: element.end };
      }
      case 'STRING':
      case 'WSTRING': {
        c.next();
        let length: Expression | null = null;
        if (c.at(T.LBracket) || (c.at(T.LParen) && !enumAhead(c))) {
          const close = c.next().kind === T.LBracket ? T.RBracket : T.RParen;
          length = parseExpression(c);
          c.expect(close, 'to close the string length');
        }
        return { kind: 'StringType', wide: t.upper === 'WSTRING', length, start: t.start, end: c.lastEnd };
      }
      case 'REF_TO':
      case 'REFERENCE':
      case 'POINTER': {
        c.next();
        if (t.upper !== 'REF_TO') c.expectKw('TO', `after ${t.upper}`);
        const target = parseTypeSpec(c);
        const refKind = t.upper === 'REF_TO' ? 'REF_TO' : t.upper === 'REFERENCE' ? 'REFERENCE_TO' : 'POINTER_TO';
        return { kind: 'RefType', refKind, target, start: t.start, end: target.end };
      }
      case 'STRUCT': {
        c.next();
        const ext = c.eatKw('EXTENDS') ? parseQualifiedName(c, 'after EXTENDS') : null;
        const members = parseVarDecls(c, new Set(['END_STRUCT']));
        if (!c.eatKw('END_STRUCT')) c.errorHere('ST1006', `expected END_STRUCT to close the STRUCT, found ${c.describe(c.peek())}`);
        return { kind: 'StructType', extends: ext, members, start: t.start, end: c.lastEnd };
      }
    }
  }
  if (!c.isIdentLike(t)) {
    c.errorHere('ST1011', `expected a type, found ${c.describe(t)}`);
    return { kind: 'NamedType', name: { kind: 'QualifiedName', parts: [], start: t.start, end: t.start }, start: t.start, end: t.start };
  }
  const base = namedType(c);
  if (c.at(T.LParen)) {
    if (enumAhead(c)) {
      // IEC 3rd edition named values: `INT (A := 1, B := 2)`.
      const members = parseEnumMembers(c);
      const e: EnumType = { kind: 'EnumType', members, base, start: base.start, end: c.lastEnd };
      return e;
    }
    c.next();
    const lo = parseExpression(c);
    c.expect(T.DotDot, 'in the subrange');
    const hi = parseExpression(c);
    c.expect(T.RParen, 'to close the subrange');
    return { kind: 'SubrangeType', base, lo, hi, start: base.start, end: c.lastEnd };
  }
  return base;
}

/** After `:=` in a declaration: an expression, `[array, 3(0)]`, or `(field := value, ...)`. */
export function parseInitializer(c: Cursor): Initializer {
  const t = c.peek();
  if (t.kind === T.LBracket) {
    c.next();
    const items: ArrayInitItem[] = [];
    do {
      if (c.at(T.RBracket)) break;
      items.push(parseArrayItem(c));
    } while (c.eat(T.Comma));
    c.expect(T.RBracket, 'to close the array initializer');
    const init: ArrayInit = { kind: 'ArrayInit', items, start: t.start, end: c.lastEnd };
    return init;
  }
  if (t.kind === T.LParen && c.isIdentLike(c.ahead(1)) && c.ahead(2).kind === T.Assign) {
    c.next();
    const fields: StructInitField[] = [];
    do {
      if (c.at(T.RParen)) break;
      const name = c.ident('as a structure field');
      c.expect(T.Assign, 'after the field name');
      const value = parseInitializer(c);
      fields.push({ kind: 'StructInitField', name, value, start: name.start, end: value.end });
    } while (c.eat(T.Comma));
    c.expect(T.RParen, 'to close the structure initializer');
    const init: StructInit = { kind: 'StructInit', fields, start: t.start, end: c.lastEnd };
    return init;
  }
  return parseExpression(c);
}

function parseArrayItem(c: Cursor): ArrayInitItem {
  const t = c.peek();
  // `3(0)` or `3(TRUE)` repeats a value; `2()` leaves two elements at their default.
  if (t.kind === T.Int && c.ahead(1).kind === T.LParen) {
    const repeat = parseExpression(c);
    if (repeat.kind === 'Call') {
      const arg = repeat.args[0]?.value ?? null;
      const count = repeat.callee;
      return { kind: 'ArrayInitItem', repeat: count, value: arg, start: t.start, end: repeat.end };
    }
    return { kind: 'ArrayInitItem', repeat: null, value: repeat, start: t.start, end: repeat.end };
  }
  const value = parseInitializer(c);
  return { kind: 'ArrayInitItem', repeat: null, value, start: value.start, end: value.end };
}
