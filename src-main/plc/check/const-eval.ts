import { key, type Expression } from '../st/ast.js';
import type { Scope } from './scopes.js';
import type { EnumT } from './types.js';

/**
 * Evaluates constant expressions: literals, CONSTANT variables (local and global, `GVL.MaxN`), enumeration
 * values (`E.A`, `E#A`, bare `A`) and arithmetic on them. Returns null for anything not constant. Used for
 * array bounds, string lengths, subranges, CASE labels, indices and range checks.
 */

const MAX_DEPTH = 64;
let depth = 0;

export function constValue(e: Expression, sc: Scope): number | bigint | null {
  if (++depth > MAX_DEPTH) {
    depth--;
    return null;
  }
  try {
    return evaluate(e, sc);
  } finally {
    depth--;
  }
}

/** A constant as a plain number (bigints beyond 2^53 lose precision, fine for bounds and labels). */
export function constNumber(e: Expression, sc: Scope): number | null {
  const v = constValue(e, sc);
  return v === null ? null : Number(v);
}

function enumMember(t: EnumT, name: string): number | null {
  return t.members.get(key(name))?.value ?? null;
}

function evaluate(e: Expression, sc: Scope): number | bigint | null {
  switch (e.kind) {
    case 'Literal':
      if (e.litKind === 'int' || e.litKind === 'real') return typeof e.value === 'number' || typeof e.value === 'bigint' ? e.value : null;
      if (e.litKind === 'bool') return e.value === true ? 1 : 0;
      if (typeof e.value === 'bigint' && e.litKind === 'time') return e.value;
      return null;
    case 'Paren':
      return constValue(e.expr, sc);
    case 'Unary': {
      const v = constValue(e.operand, sc);
      if (v === null) return null;
      if (e.op === '-') return typeof v === 'bigint' ? -v : -v;
      if (e.op === '+') return v;
      return null;
    }
    case 'Binary': {
      const a = constValue(e.left, sc);
      if (a === null) return null;
      const b = constValue(e.right, sc);
      if (b === null) return null;
      if (typeof a === 'bigint' || typeof b === 'bigint') return bigOp(e.op, BigInt(a), BigInt(b));
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b;
        case 'MOD':
          return b === 0 ? null : a % b;
        case '**':
          return a ** b;
        case 'AND':
          return a & b;
        case 'OR':
          return a | b;
        case 'XOR':
          return a ^ b;
      }
      return null;
    }
    case 'EnumValue': {
      const t = sc.lookupGlobal(key(e.type.name));
      if (t?.kind === 'type' && t.type?.kind === 'enum') return enumMember(t.type, e.value.name);
      return null;
    }
    case 'Name': {
      const s = e.id.quoting === 'hash' ? sc.lookupLocal(key(e.id.name)) : sc.lookup(key(e.id.name));
      if (!s) return null;
      if (s.kind === 'enumval') return s.member.value;
      if (s.kind === 'var' && s.constant && s.decl?.init && s.decl.init.kind !== 'ArrayInit' && s.decl.init.kind !== 'StructInit') {
        s.used = true;
        return constValue(s.decl.init, sc);
      }
      return null;
    }
    case 'Member': {
      if (e.object.kind !== 'Name') return null;
      const o = sc.lookup(key(e.object.id.name));
      if (o?.kind === 'type' && o.type?.kind === 'enum') return enumMember(o.type, e.member.name);
      if (o?.kind === 'gvl') {
        const v = o.vars.get(key(e.member.name));
        if (v && v.constant && v.decl?.init && v.decl.init.kind !== 'ArrayInit' && v.decl.init.kind !== 'StructInit') {
          v.used = true;
          return constValue(v.decl.init, sc);
        }
      }
      return null;
    }
  }
  return null;
}

function bigOp(op: string, a: bigint, b: bigint): bigint | null {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0n ? null : a / b;
    case 'MOD':
      return b === 0n ? null : a % b;
  }
  return null;
}
