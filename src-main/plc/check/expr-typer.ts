import { key, type Binary, type Expression, type Identifier, type Index, type Literal, type Member, type Name, type Unary } from '../st/ast.js';
import type { Body } from './body.js';
import { typeCall } from './check-calls.js';
import { commonType, fitsRange } from './conversions.js';
import { constNumber } from './const-eval.js';
import { pouType } from './resolve-types.js';
import type { Resolved } from './scopes.js';
import { findPouMember } from './symbols.js';
import {
  ANY, BOOL, BYTE, DWORD, ELEMENTARY, ERROR, LITERAL_TYPES, LITINT, LITREAL, LREAL, LWORD, REAL, TIME, WORD, elemOf, isIntClass, isLoose, typeName,
  type ElemType, type Type,
} from './types.js';

/**
 * Types expressions bottom-up in one pass, marks every variable it meets as used, and reports undeclared
 * names, unknown members, bad indices and operator/operand mismatches. Returns ERROR after a report so the
 * enclosing expression stays quiet.
 */
export function typeOf(b: Body, e: Expression): Type {
  const t = typeOfInner(b, e);
  b.cx.resolution?.types.set(e, t);
  return t;
}

function typeOfInner(b: Body, e: Expression): Type {
  switch (e.kind) {
    case 'Literal':
      return literalType(b, e);
    case 'Paren':
      return typeOf(b, e.expr);
    case 'Name':
      return nameType(b, e);
    case 'Member':
      return memberType(b, e);
    case 'BitAccess': {
      const t = typeOf(b, e.object);
      const el = elemOf(t);
      if (isLoose(t)) return BOOL;
      if (!el || !(el.cls === 'bits' || isIntClass(el.cls))) {
        b.cx.report('ST2022', b.file, e, `bit access .${e.bit} needs an integer or bit string, not ${typeName(t)}`);
      } else if (e.bit >= el.bits) {
        b.cx.report('ST2050', b.file, e, `bit ${e.bit} is out of bounds 0..${el.bits - 1} of ${el.name}`);
      }
      return BOOL;
    }
    case 'Index':
      return indexType(b, e);
    case 'Deref': {
      const t = typeOf(b, e.object);
      if (t.kind === 'ref') return t.target;
      if (!isLoose(t)) b.cx.report('ST2054', b.file, e, `^ needs a pointer or reference, not ${typeName(t)}`);
      return ERROR;
    }
    case 'Call':
      return typeCall(b, e);
    case 'Binary':
      return binaryType(b, e);
    case 'Unary':
      return unaryType(b, e);
    case 'EnumValue': {
      const t = b.sc.lookupGlobal(key(e.type.name));
      if (t?.kind === 'type' && t.type?.kind === 'enum') {
        if (t.type.members.has(key(e.value.name))) return t.type;
        b.cx.report('ST2008', b.file, e.value, `enumeration ${t.name} has no value ${e.value.name}`, t);
        return ERROR;
      }
      b.cx.report('ST2001', b.file, e.type, `undeclared enumeration type ${e.type.name}`);
      return ERROR;
    }
    case 'DirectAddress':
      return addressType(e.address);
    case 'This': {
      const self = b.sc.self;
      if (!self) {
        b.cx.report('ST2054', b.file, e, 'THIS is only available in a function block and its methods');
        return ERROR;
      }
      return { kind: 'ref', refKind: 'POINTER_TO', target: pouType(self) };
    }
    case 'Super': {
      const base = b.sc.self?.base;
      if (!base) {
        b.cx.report('ST2054', b.file, e, 'SUPER needs a function block that EXTENDS another one');
        return ERROR;
      }
      return { kind: 'ref', refKind: 'POINTER_TO', target: pouType(base) };
    }
    case 'ErrorExpr':
      return ERROR;
  }
}

function addressType(a: string): Type {
  if (a.length < 3 || a.charCodeAt(2) === 42 /* * */) return ANY;
  switch (a.charCodeAt(2) | 32) {
    case 120: // x
      return BOOL;
    case 98: // b
      return BYTE;
    case 119: // w
      return WORD;
    case 100: // d
      return DWORD;
    case 108: // l
      return LWORD;
  }
  return BOOL;
}

function literalType(b: Body, e: Literal): Type {
  switch (e.litKind) {
    case 'int':
    case 'real': {
      if (e.typePrefix === null) return e.litKind === 'int' ? LITINT : LITREAL;
      const t = ELEMENTARY.get(key(e.typePrefix));
      if (!t) return e.litKind === 'int' ? LITINT : LITREAL;
      if (e.litKind === 'int' && e.value !== null && typeof e.value !== 'boolean' && typeof e.value !== 'string' && !fitsRange(e.value, t)) {
        b.cx.report('ST2023', b.file, e, `${e.text} does not fit ${t.name} (${t.min}..${t.max})`);
      }
      return t;
    }
    case 'bool':
      return BOOL;
    case 'string':
    case 'wstring':
      return { kind: 'string', wide: e.litKind === 'wstring', length: typeof e.value === 'string' ? e.value.length : 0, literal: true };
    default:
      return LITERAL_TYPES[e.litKind] ?? TIME;
  }
}

/** Looks a name up as written: `#x` among locals, `"X"` among globals, a plain name everywhere. */
export function resolveName(b: Body, id: Identifier, reportMissing: boolean): Resolved | null {
  const k = key(id.name);
  if (id.quoting === 'hash') {
    const s = b.sc.lookupLocal(k);
    if (!s && reportMissing) b.cx.report('ST2006', b.file, id, `#${id.name} is not a local variable of ${b.sc.current?.name ?? 'this block'}`);
    return s;
  }
  if (id.quoting === 'quoted') {
    const s = b.sc.lookupGlobal(k);
    if (!s && reportMissing) b.cx.report('ST2007', b.file, id, `"${id.name}" is not a global tag, data block or block of the site`);
    return s;
  }
  const s = b.sc.lookup(k);
  if (s || !reportMissing) return s;
  const q = b.cx.qualifiedEnumValues.get(k);
  if (q) {
    b.cx.report('ST2009', b.file, id, `enumeration value ${id.name} must be written ${q.type.name}.${q.member.name} (qualified_only)`, q.member);
    return q;
  }
  b.cx.report('ST2001', b.file, id, `undeclared identifier ${id.name}`);
  return null;
}

/** The value type of a resolved name; marks variables used. */
export function symbolType(s: Resolved): Type {
  switch (s.kind) {
    case 'var':
      s.used = true;
      return s.type ?? ERROR;
    case 'prop':
      return s.type ?? ERROR;
    case 'enumval':
      return s.type;
    case 'pou':
      return s.pouKind === 'PROGRAM' ? pouType(s) : ERROR;
    default:
      return ERROR;
  }
}

function nameType(b: Body, e: Name): Type {
  const s = resolveName(b, e.id, true);
  if (s) b.cx.resolution?.ids.set(e.id, s);
  return s ? symbolType(s) : ERROR;
}

function memberType(b: Body, e: Member): Type {
  const obj = e.object;
  const k = key(e.member.name);
  if (obj.kind === 'Name' && obj.id.quoting !== 'hash') {
    const s = resolveName(b, obj.id, false);
    if (s?.kind === 'gvl') {
      const v = s.vars.get(k);
      if (v) {
        b.cx.resolution?.ids.set(obj.id, s);
        b.cx.resolution?.ids.set(e.member, v);
        return symbolType(v);
      }
      b.cx.report('ST2008', b.file, e.member, `${s.name} has no variable ${e.member.name}`, s);
      return ERROR;
    }
    if (s?.kind === 'type') {
      const t = s.type;
      if (t?.kind === 'enum') {
        if (t.members.has(k)) {
          b.cx.resolution?.ids.set(obj.id, s);
          b.cx.resolution?.ids.set(e.member, t.members.get(k));
          return t;
        }
        b.cx.report('ST2008', b.file, e.member, `enumeration ${s.name} has no value ${e.member.name}`, s);
        return ERROR;
      }
    }
  }
  return memberOf(b, typeOf(b, obj), e.member);
}

/** The type of `object.member` given the type of the object. */
export function memberOf(b: Body, t: Type, m: Identifier): Type {
  const k = key(m.name);
  switch (t.kind) {
    case 'pou': {
      const s = findPouMember(t.pou, k);
      if (s) b.cx.resolution?.ids.set(m, s);
      if (s) return symbolType(s);
      b.cx.report('ST2008', b.file, m, `${t.pou.name} has no member ${m.name}`, t.pou);
      return ERROR;
    }
    case 'struct': {
      const f = t.fields.get(k);
      if (f) b.cx.resolution?.ids.set(m, f);
      if (f) return f.type ?? ERROR;
      b.cx.report('ST2008', b.file, m, `${t.name} has no member ${m.name}`);
      return ERROR;
    }
    case 'interface': {
      const p = t.sym.properties.get(k);
      if (p) return p.type ?? ERROR;
      if (t.sym.methods.has(k)) return ERROR;
      b.cx.report('ST2008', b.file, m, `${t.sym.name} has no member ${m.name}`, t.sym);
      return ERROR;
    }
    case 'error':
    case 'any':
      return ERROR;
    case 'ref':
      b.cx.report('ST2008', b.file, m, `${typeName(t)} has no member ${m.name}: dereference it first with ^`);
      return ERROR;
    default:
      b.cx.report('ST2008', b.file, m, `${typeName(t)} has no member ${m.name}`);
      return ERROR;
  }
}

function indexType(b: Body, e: Index): Type {
  const t = typeOf(b, e.object);
  const n = e.indices.length;
  for (let i = 0; i < n; i++) {
    const idx = e.indices[i]!;
    const it = typeOf(b, idx);
    const el = elemOf(it);
    if (!isLoose(it) && !(el && (isIntClass(el.cls) || (b.cx.lenient && el.cls === 'bits'))) && !(it.kind === 'enum' && b.cx.lenient)) {
      b.cx.report('ST2022', b.file, idx, `an array index must be an integer, not ${typeName(it)}`);
    }
  }
  if (t.kind === 'array') {
    if (n !== t.dims.length) {
      b.cx.report('ST2051', b.file, e, `${t.dims.length} ${t.dims.length === 1 ? 'index' : 'indices'} expected for ${typeName(t)}, found ${n}`);
    }
    const m = n < t.dims.length ? n : t.dims.length;
    for (let i = 0; i < m; i++) {
      const d = t.dims[i];
      if (!d) continue;
      const idx = e.indices[i]!;
      if (idx.kind === 'Name' || idx.kind === 'Literal' || idx.kind === 'Unary' || idx.kind === 'Binary' || idx.kind === 'Member' || idx.kind === 'Paren') {
        const v = constNumber(idx, b.sc);
        if (v !== null && (v < d.lo || v > d.hi)) b.cx.report('ST2050', b.file, idx, `index ${v} is out of the bounds ${d.lo}..${d.hi}`);
      }
    }
    return t.element;
  }
  if (isLoose(t)) return ERROR;
  if (b.cx.lenient && t.kind === 'ref') return t.target;
  if (b.cx.lenient && t.kind === 'string') return BYTE;
  b.cx.report('ST2052', b.file, e.object, `${typeName(t)} is not an array and cannot be indexed`);
  return ERROR;
}

const OP_NAMES: Record<string, string> = { AND_THEN: 'AND_THEN', OR_ELSE: 'OR_ELSE' };

function mismatch(b: Body, e: Binary, l: Type, r: Type): Type {
  b.cx.report('ST2022', b.file, e, `operator ${OP_NAMES[e.op] ?? e.op} is not defined for ${typeName(l)} and ${typeName(r)}`);
  return ERROR;
}

function binaryType(b: Body, e: Binary): Type {
  const l = typeOf(b, e.left);
  const r = typeOf(b, e.right);
  const op = e.op;
  const cmp = op === '=' || op === '<>' || op === '<' || op === '>' || op === '<=' || op === '>=';
  if (isLoose(l) || isLoose(r)) {
    if (cmp) return BOOL;
    if (op === 'AND' || op === 'OR' || op === 'XOR' || op === 'AND_THEN' || op === 'OR_ELSE') return isLoose(l) ? r : l;
    return ERROR;
  }
  const le = elemOf(l);
  const re = elemOf(r);
  const lenient = b.cx.lenient;
  switch (op) {
    case 'AND':
    case 'OR':
    case 'XOR':
    case 'AND_THEN':
    case 'OR_ELSE': {
      if (l === BOOL && r === BOOL) return BOOL;
      if (le && re && op !== 'AND_THEN' && op !== 'OR_ELSE' && bitLogic(le, lenient) && bitLogic(re, lenient) && (le.cls === 'bool') === (re.cls === 'bool')) {
        return commonType(le, re, lenient) ?? mismatch(b, e, l, r);
      }
      if (le && re && le.cls === 'litint' && re.cls === 'litint') return LITINT;
      return mismatch(b, e, l, r);
    }
    case '=':
    case '<>':
    case '<':
    case '>':
    case '<=':
    case '>=': {
      if (le && re) {
        if ((op !== '=' && op !== '<>' && (le.cls === 'bool') !== (re.cls === 'bool')) || !commonType(le, re, lenient)) return mismatch(b, e, l, r);
        return BOOL;
      }
      if (l.kind === 'enum' && r.kind === 'enum') return l === r ? BOOL : mismatch(b, e, l, r);
      if (l.kind === 'enum' || r.kind === 'enum') {
        const other = l.kind === 'enum' ? re : le;
        return lenient && other && isIntClass(other.cls) ? BOOL : mismatch(b, e, l, r);
      }
      if (l.kind === 'string' && r.kind === 'string') return l.wide === r.wide ? BOOL : mismatch(b, e, l, r);
      if ((op === '=' || op === '<>') && (l.kind === 'ref' || r.kind === 'ref' || l.kind === 'interface' || r.kind === 'interface')) return BOOL;
      return mismatch(b, e, l, r);
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case 'MOD':
    case '**': {
      if (!le || !re) {
        if (lenient && l.kind === 'ref' && re && isIntClass(re.cls) && (op === '+' || op === '-')) return l;
        return mismatch(b, e, l, r);
      }
      return arithmetic(b, e, le, re);
    }
  }
}

function bitLogic(t: ElemType, lenient: boolean): boolean {
  return t.cls === 'bool' || t.cls === 'bits' || t.cls === 'litint' || (lenient && isIntClass(t.cls));
}

function isNum(t: ElemType, lenient: boolean): boolean {
  return isIntClass(t.cls) || t.cls === 'real' || t.cls === 'litreal' || (lenient && t.cls === 'bits');
}

function arithmetic(b: Body, e: Binary, l: ElemType, r: ElemType): Type {
  const lenient = b.cx.lenient;
  const op = e.op;
  // Durations, dates and times of day (IEC 61131-3 table 30).
  if (l.cls === 'time' || l.cls === 'date' || l.cls === 'tod' || l.cls === 'dt' || r.cls === 'time' || r.cls === 'date' || r.cls === 'tod' || r.cls === 'dt') {
    if (l.cls === 'time' && r.cls === 'time' && (op === '+' || op === '-')) return l.bits >= r.bits ? l : r;
    if (l.cls === 'time' && (op === '*' || op === '/') && isNum(r, false)) return l;
    if (r.cls === 'time' && op === '*' && isNum(l, false)) return r;
    if ((l.cls === 'tod' || l.cls === 'dt') && r.cls === 'time' && (op === '+' || op === '-')) return l;
    if ((l.cls === 'date' || l.cls === 'tod' || l.cls === 'dt') && l.cls === r.cls && op === '-') return l.bits === 64 || r.bits === 64 ? ELEMENTARY.get('LTIME')! : TIME;
    return mismatch(b, e, l, r);
  }
  if (!isNum(l, lenient) || !isNum(r, lenient)) return mismatch(b, e, l, r);
  if (op === 'MOD') {
    if (!(isIntClass(l.cls) || l.cls === 'bits') || !(isIntClass(r.cls) || r.cls === 'bits')) return mismatch(b, e, l, r);
  }
  if (op === '**') {
    if (l.cls === 'real') return l;
    if (l.cls === 'litint' || l.cls === 'litreal') return r.cls === 'real' ? r : LITREAL;
    return lenient ? LREAL : mismatch(b, e, l, r);
  }
  const c = commonType(l, r, lenient);
  if (!c) return mismatch(b, e, l, r);
  if (c.cls === 'litreal' && (l.cls === 'litint' || r.cls === 'litint') && l.cls !== r.cls) return LITREAL;
  return c === LITREAL && l.cls !== 'litreal' && r.cls !== 'litreal' ? REAL : c;
}

function unaryType(b: Body, e: Unary): Type {
  const t = typeOf(b, e.operand);
  if (isLoose(t)) return t;
  const el = elemOf(t);
  if (e.op === 'NOT') {
    if (el && bitLogic(el, b.cx.lenient)) return el;
    b.cx.report('ST2022', b.file, e, `NOT is not defined for ${typeName(t)}`);
    return ERROR;
  }
  if (el && (el.cls === 'signed' || el.cls === 'real' || el.cls === 'litint' || el.cls === 'litreal' || el.cls === 'time' || (b.cx.lenient && isNum(el, true)))) return el;
  b.cx.report('ST2022', b.file, e, `unary ${e.op} is not defined for ${typeName(t)}`);
  return ERROR;
}
