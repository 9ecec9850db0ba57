import { key, type Expression, type NodeBase } from '../st/ast.js';
import type { Body } from './body.js';
import { Conv, conversion, fitsRange } from './conversions.js';
import { constValue } from './const-eval.js';
import { resolveName } from './expr-typer.js';
import { findPouMember, type PouSym, type VarSym } from './symbols.js';
import { elemOf, isLoose, typeName, type Type } from './types.js';

/**
 * Checks a value against the type it is assigned or passed to: constants against ranges and subranges,
 * string literals against the declared length, everything else against the implicit conversion rules.
 */
export function checkValue(b: Body, value: Expression, vt: Type, target: Type, at: NodeBase, what: string): void {
  if (isLoose(vt) || isLoose(target)) return;
  const ve = elemOf(vt);
  const te = elemOf(target);
  if (ve && te && (ve.cls === 'litint' || target.kind === 'subrange')) {
    const v = ve.cls === 'litint' || ve.cls === 'signed' || ve.cls === 'unsigned' ? constValue(value, b.sc) : null;
    if (v !== null) {
      if (target.kind === 'subrange') {
        const n = Number(v);
        if (n < target.lo || n > target.hi) {
          b.cx.report('ST2026', b.file, at, `${v} is outside the subrange ${target.lo}..${target.hi} of ${target.name}`);
          return;
        }
      }
      if (ve.cls === 'litint' && (te.cls === 'signed' || te.cls === 'unsigned' || te.cls === 'bits' || te.cls === 'char') && !fitsRange(v, te)) {
        b.cx.report('ST2023', b.file, at, `${v} does not fit ${te.name} (${te.min}..${te.max})`);
        return;
      }
    }
  }
  if (vt.kind === 'string' && target.kind === 'string' && vt.literal && !target.literal && vt.length > target.length) {
    b.cx.report('ST2025', b.file, at, `the string literal has ${vt.length} characters but ${typeName(target)} holds ${target.length}`);
  }
  const c = conversion(vt, target, b.cx.lenient);
  if (c === Conv.Error) b.cx.report('ST2020', b.file, at, `${what}: cannot convert ${typeName(vt)} to ${typeName(target)}`);
  else if (c === Conv.Lenient) b.cx.report('ST2021', b.file, at, `${what}: implicit conversion from ${typeName(vt)} to ${typeName(target)}`);
}

/**
 * Reports writes that are not allowed or suspicious: to constants, own inputs, FB inputs from outside, FOR
 * variables, located inputs, and to things that are not variables at all. Types are checked separately.
 */
export function checkWritable(b: Body, target: Expression): boolean {
  switch (target.kind) {
    case 'Name': {
      const s = resolveName(b, target.id, false);
      if (!s) return true; // reported when typed
      if (s.kind === 'var') {
        checkVarWrite(b, s, target, true);
        return true;
      }
      if (s.kind === 'prop') {
        if (s.node.setter) return true;
        b.cx.report('ST2015', b.file, target, `property ${s.name} has no SET accessor`, s);
        return false;
      }
      b.cx.report('ST2015', b.file, target, `${target.id.name} is not a variable and cannot be assigned`);
      return false;
    }
    case 'Member': {
      const obj = target.object;
      const k = key(target.member.name);
      if (obj.kind === 'Name') {
        const s = resolveName(b, obj.id, false);
        if (s?.kind === 'gvl') {
          const v = s.vars.get(k);
          if (v) checkVarWrite(b, v, target, false);
          return true;
        }
        if (s?.kind === 'type') {
          b.cx.report('ST2015', b.file, target, `${s.name}.${target.member.name} is an enumeration value and cannot be assigned`);
          return false;
        }
        if (s?.kind === 'var' && s.constant) {
          b.cx.report('ST2012', b.file, target, `${s.name} is a constant and cannot be written`, s);
          return true;
        }
      }
      const own = obj.kind === 'Deref' && (obj.object.kind === 'This' || obj.object.kind === 'Super');
      const ot = objectPou(b, obj);
      if (ot) {
        const m = findPouMember(ot, k);
        if (m?.kind === 'var') {
          if (m.section === 'VAR_INPUT' && !own) {
            b.cx.report('ST2011', b.file, target, `input ${m.name} of ${ot.name} is written from outside a call; pass it as an argument`, m);
          } else if (m.section === 'VAR_INPUT' && own) {
            b.cx.report('ST2010', b.file, target, `${m.name} is an input of ${ot.name}; writing it here is overwritten by the next call`, m);
          } else if (m.constant) b.cx.report('ST2012', b.file, target, `${m.name} is a constant and cannot be written`, m);
        } else if (m?.kind === 'prop' && !m.node.setter) {
          b.cx.report('ST2015', b.file, target, `property ${m.name} has no SET accessor`, m);
          return false;
        }
        return true;
      }
      checkWritableRoot(b, obj);
      return true;
    }
    case 'Index':
    case 'BitAccess':
      checkWritableRoot(b, target.object);
      return true;
    case 'Paren':
      return checkWritable(b, target.expr);
    case 'Deref':
    case 'ErrorExpr':
      return true;
    case 'DirectAddress':
      if (target.address.length > 1 && (target.address.charCodeAt(1) | 32) === 105 /* i */) {
        b.cx.report('ST2014', b.file, target, `${target.address} is an input address; the input image is overwritten every cycle`);
      }
      return true;
    default:
      b.cx.report('ST2015', b.file, target, 'this expression is not a variable and cannot be assigned');
      return false;
  }
}

/** For an element or member write: a constant or located input as the root is still not writable. */
function checkWritableRoot(b: Body, e: Expression): void {
  let x: Expression = e;
  while (x.kind === 'Index' || x.kind === 'Member' || x.kind === 'BitAccess' || x.kind === 'Paren') x = x.kind === 'Paren' ? x.expr : x.object;
  if (x.kind !== 'Name') return;
  const s = resolveName(b, x.id, false);
  if (s?.kind !== 'var') return;
  if (s.constant) b.cx.report('ST2012', b.file, e, `${s.name} is a constant and cannot be written`, s);
  else if (isInputAddress(s)) b.cx.report('ST2014', b.file, e, `${s.name} is located at the input ${s.location}; the input image is overwritten every cycle`, s);
  else if (b.forVars.includes(s)) b.cx.report('ST2013', b.file, e, `${s.name} is the control variable of the enclosing FOR loop`, s);
}

function isInputAddress(s: VarSym): boolean {
  return s.location !== null && s.location.length > 1 && s.location.charCodeAt(1) === 73 /* I */;
}

function checkVarWrite(b: Body, s: VarSym, at: NodeBase, local: boolean): void {
  if (s.constant) {
    b.cx.report('ST2012', b.file, at, `${s.name} is a constant and cannot be written`, s);
    return;
  }
  if (isInputAddress(s)) {
    b.cx.report('ST2014', b.file, at, `${s.name} is located at the input ${s.location}; the input image is overwritten every cycle`, s);
    return;
  }
  if (b.forVars.includes(s)) {
    b.cx.report('ST2013', b.file, at, `${s.name} is the control variable of the enclosing FOR loop`, s);
    return;
  }
  if (local && s.section === 'VAR_INPUT' && b.sc.current) {
    b.cx.report('ST2010', b.file, at, `${s.name} is an input of ${b.sc.current.name}; the next call overwrites it`, s);
  }
}

/** The FB (or program) an object expression denotes, without reporting anything. */
function objectPou(b: Body, obj: Expression): PouSym | null {
  let t: Type | null = null;
  if (obj.kind === 'Name') {
    const s = resolveName(b, obj.id, false);
    if (s?.kind === 'var') t = s.type;
    else if (s?.kind === 'pou' && s.pouKind === 'PROGRAM') return s;
  } else if (obj.kind === 'Deref' && obj.object.kind === 'This') return b.sc.self;
  else if (obj.kind === 'Deref' && obj.object.kind === 'Super') return b.sc.self?.base ?? null;
  else if (obj.kind === 'Member') {
    const inner = objectPou(b, obj.object);
    const m = inner ? findPouMember(inner, key(obj.member.name)) : null;
    if (m?.kind === 'var') t = m.type;
  }
  return t?.kind === 'pou' ? t.pou : null;
}
