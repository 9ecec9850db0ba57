import { key, type Call, type CallArg, type Expression } from '../st/ast.js';
import type { Body } from './body.js';
import { stdFunction, type Constraint, type StdFunction } from './builtins-std.js';
import { checkValue, checkWritable } from './check-assign.js';
import { commonType, sameType } from './conversions.js';
import { memberOf, resolveName, typeOf } from './expr-typer.js';
import type { Resolved } from './scopes.js';
import { findPouMember, findPouVar, isParamSection, type PouSym, type VarSym } from './symbols.js';
import { ERROR, VOID, elemOf, isIntClass, isLoose, typeName, type Type } from './types.js';

/**
 * Calls: user functions and methods (positional or named arguments), FB instances and programs (named
 * only), actions, and the standard functions with their generic signatures. Checks parameter names,
 * directions, types, unconnected in-outs and inputs, and that the callee can be called at all.
 */
export function typeCall(b: Body, call: Call): Type {
  const callee = call.callee;
  if (callee.kind === 'Name') {
    const id = callee.id;
    const s = resolveName(b, id, false);
    if (!s) {
      if (id.quoting !== 'hash') {
        const f = stdFunction(id.name);
        if (f) {
          b.cx.resolution?.calls.set(call, { kind: 'std', name: f.name });
          return stdCall(b, call, f);
        }
      }
      resolveName(b, id, true);
      argsLoose(b, call);
      return ERROR;
    }
    b.cx.resolution?.ids.set(id, s);
    return callSymbol(b, call, s, callee);
  }
  if (callee.kind === 'Member') {
    const obj = callee.object;
    const k = key(callee.member.name);
    if (obj.kind === 'Name' && obj.id.quoting !== 'hash') {
      const g = resolveName(b, obj.id, false);
      if (g?.kind === 'gvl') {
        const v = g.vars.get(k);
        if (v) return callSymbol(b, call, v, callee);
      }
    }
    const ot = typeOf(b, obj);
    if (ot.kind === 'pou') {
      const m = findPouMember(ot.pou, k);
      if (m) return callSymbol(b, call, m, callee);
      memberOf(b, ot, callee.member);
      argsLoose(b, call);
      return ERROR;
    }
    if (ot.kind === 'interface') {
      const m = ot.sym.methods.get(k);
      if (m) b.cx.resolution?.calls.set(call, { kind: 'sym', sym: m });
      if (m) return functionCall(b, call, m);
      memberOf(b, ot, callee.member);
      argsLoose(b, call);
      return ERROR;
    }
    return valueCall(b, call, memberOf(b, ot, callee.member));
  }
  return valueCall(b, call, typeOf(b, callee));
}

function valueCall(b: Body, call: Call, t: Type): Type {
  if (t.kind === 'pou') b.cx.resolution?.calls.set(call, { kind: 'sym', sym: t.pou });
  if (t.kind === 'pou') return fbCall(b, call, t.pou);
  if (!isLoose(t)) b.cx.report('ST2030', b.file, call.callee, `a value of type ${typeName(t)} cannot be called`);
  argsLoose(b, call);
  return ERROR;
}

function callSymbol(b: Body, call: Call, s: Resolved, at: Expression): Type {
  b.cx.resolution?.calls.set(call, { kind: 'sym', sym: s });
  switch (s.kind) {
    case 'pou':
      if (s.pouKind === 'FUNCTION' || s.pouKind === 'METHOD') return functionCall(b, call, s);
      if (s.pouKind === 'PROGRAM') return fbCall(b, call, s);
      b.cx.report('ST2030', b.file, at, `${s.name} is a function block type; declare an instance and call that`, s);
      break;
    case 'action':
      if (call.args.length > 0) b.cx.report('ST2034', b.file, call, `action ${s.name} takes no arguments`, s);
      return VOID;
    case 'var': {
      s.used = true;
      const t = s.type ?? ERROR;
      if (t.kind === 'pou') return fbCall(b, call, t.pou);
      if (!isLoose(t)) b.cx.report('ST2030', b.file, at, `${s.name} is a variable of type ${typeName(t)} and cannot be called`, s);
      break;
    }
    default:
      b.cx.report('ST2030', b.file, at, `${s.kind === 'enumval' ? s.member.name : s.name} cannot be called`);
  }
  argsLoose(b, call);
  return ERROR;
}

function argsLoose(b: Body, call: Call): void {
  for (const a of call.args) if (a.value) typeOf(b, a.value);
}

function isLvalue(e: Expression): boolean {
  return e.kind === 'Name' || e.kind === 'Member' || e.kind === 'Index' || e.kind === 'Deref' || e.kind === 'BitAccess' || e.kind === 'DirectAddress';
}

/** A named argument against its parameter. */
function namedArg(b: Body, a: CallArg, p: VarSym, callee: PouSym): void {
  const v = a.value;
  if (a.assign === '=>') {
    if (p.section !== 'VAR_OUTPUT') b.cx.report('ST2032', b.file, a, `${p.name} is ${p.section === 'VAR_INPUT' ? 'an input' : 'an in-out'} of ${callee.name}; connect it with :=`, p);
    if (!v) return;
    const vt = typeOf(b, v);
    if (!isLvalue(v)) b.cx.report('ST2036', b.file, v, `output ${p.name} must be connected to a variable`);
    else checkWritable(b, v);
    if (p.section === 'VAR_OUTPUT') checkValue(b, v, p.type ?? ERROR, vt, v, `output ${p.name}`);
    return;
  }
  if (!v) return;
  const vt = typeOf(b, v);
  if (p.section === 'VAR_OUTPUT') {
    b.cx.report('ST2032', b.file, a, `${p.name} is an output of ${callee.name}; connect it with =>`, p);
    return;
  }
  if (p.section === 'VAR_IN_OUT') {
    if (!isLvalue(v)) b.cx.report('ST2036', b.file, v, `in-out ${p.name} must be connected to a variable`);
    else checkWritable(b, v);
  }
  checkValue(b, v, vt, p.type ?? ERROR, v, `argument ${p.name}`);
}

function paramsOf(p: PouSym): VarSym[] {
  if (!p.base) return p.params;
  const out: VarSym[] = [];
  for (let q: PouSym | null = p, n = 0; q && n < 32; q = q.base, n++) out.unshift(...q.params);
  return out;
}

/** Named arguments; then unconnected in-outs (error) and inputs without a default (warning). */
function namedArgs(b: Body, call: Call, callee: PouSym, positional: number): void {
  const connected: VarSym[] = [];
  for (const a of call.args) {
    if (!a.name) continue;
    const p = findPouVar(callee, key(a.name.name));
    if (!p || !isParamSection(p.section)) {
      b.cx.report('ST2031', b.file, a.name, `${callee.name} has no parameter ${a.name.name}`, callee);
      if (a.value) typeOf(b, a.value);
      continue;
    }
    connected.push(p);
    namedArg(b, a, p, callee);
  }
  const params = paramsOf(callee);
  for (let i = positional; i < params.length; i++) {
    const p = params[i]!;
    if (connected.includes(p)) continue;
    if (p.section === 'VAR_IN_OUT') {
      b.cx.report('ST2035', b.file, call.callee, `in-out ${p.name} of ${callee.name} is not connected`, p);
    } else if (p.section === 'VAR_INPUT' && connected.length > 0 && !p.hasInit && p.type && (p.type.kind === 'elem' || p.type.kind === 'string' || p.type.kind === 'enum' || p.type.kind === 'subrange')) {
      b.cx.report('ST2033', b.file, call.callee, `input ${p.name} of ${callee.name} is not connected and keeps its last value`, p);
    }
  }
}

/** FB instance or program call: named arguments only. */
function fbCall(b: Body, call: Call, fb: PouSym): Type {
  for (const a of call.args) {
    if (a.name) continue;
    b.cx.report('ST2034', b.file, a, `${fb.name} takes named arguments only (Name := value)`, fb);
    if (a.value) typeOf(b, a.value);
  }
  namedArgs(b, call, fb, 0);
  return VOID;
}

/** User function or method: all positional (inputs and in-outs in order) or all named. */
function functionCall(b: Body, call: Call, f: PouSym): Type {
  let positional = 0;
  let named = 0;
  for (const a of call.args) if (a.name) named++;
  else positional++;
  if (positional > 0 && named > 0) {
    b.cx.report('ST2034', b.file, call, `the call of ${f.name} mixes positional and named arguments`, f);
    argsLoose(b, call);
  } else if (positional > 0) {
    const params = paramsOf(f);
    let n = 0;
    for (const p of params) if (p.section !== 'VAR_OUTPUT') n++;
    if (positional !== n) b.cx.report('ST2034', b.file, call, `${f.name} takes ${n} argument${n === 1 ? '' : 's'}, ${positional} given`, f);
    let i = 0;
    for (const p of params) {
      if (p.section === 'VAR_OUTPUT') continue;
      const a = call.args[i++];
      if (!a?.value) break;
      const vt = typeOf(b, a.value);
      if (p.section === 'VAR_IN_OUT' && !isLvalue(a.value)) b.cx.report('ST2036', b.file, a.value, `in-out ${p.name} must be connected to a variable`);
      checkValue(b, a.value, vt, p.type ?? ERROR, a.value, `argument ${p.name}`);
    }
    for (; i < call.args.length; i++) typeOf(b, call.args[i]!.value!);
  } else namedArgs(b, call, f, 0);
  return f.retVar?.type ?? VOID;
}

function satisfies(t: Type, c: Constraint, lenient: boolean): boolean {
  if (isLoose(t) || c === 'ANY') return true;
  const e = elemOf(t);
  switch (c) {
    case 'ANY_ELEM':
      return e !== null || t.kind === 'string' || t.kind === 'enum';
    case 'ANY_STRING':
      return t.kind === 'string';
  }
  if (!e) return false;
  const int = isIntClass(e.cls) || (lenient && e.cls === 'bits');
  switch (c) {
    case 'ANY_NUM':
      return int || e.cls === 'real' || e.cls === 'litreal';
    case 'ANY_MAGNITUDE':
      return int || e.cls === 'real' || e.cls === 'litreal' || e.cls === 'time';
    case 'ANY_INT':
      return int;
    case 'ANY_REAL':
      return e.cls === 'real' || e.cls === 'litreal' || e.cls === 'litint' || (lenient && int);
    case 'ANY_BIT':
      return e.cls === 'bool' || e.cls === 'bits' || e.cls === 'litint' || (lenient && int);
  }
}

function stdCall(b: Body, call: Call, f: StdFunction): Type {
  const args = call.args;
  const n = args.length;
  const min = f.inputs.length;
  if (n < min || (!f.extensible && n > min)) {
    b.cx.report('ST2034', b.file, call, `${f.name} takes ${f.extensible ? `at least ${min}` : min} argument${min === 1 ? '' : 's'}, ${n} given`);
  }
  let t: Type | null = null;
  let generic: Constraint | null = null;
  let first: Type = ERROR;
  for (let i = 0; i < n; i++) {
    const a = args[i]!;
    let input = f.inputs[i < min ? i : min - 1]!;
    if (a.name) {
      const k = key(a.name.name);
      const found = f.inputs.find((x) => x.name === k);
      if (found) input = found;
      else if (!f.extensible) b.cx.report('ST2031', b.file, a.name, `${f.name} has no parameter ${a.name.name}`);
    }
    if (!a.value) continue;
    const at = typeOf(b, a.value);
    if (i === 0) first = at;
    if (input.generic) {
      generic = input.type as Constraint;
      if (isLoose(at)) continue;
      if (!t) t = at;
      else {
        const te = elemOf(t);
        const ae = elemOf(at);
        const c: Type | null = te && ae ? commonType(te, ae, b.cx.lenient) : sameType(t, at) ? t : null;
        if (!c) {
          b.cx.report('ST2022', b.file, a.value, `${f.name}: ${typeName(at)} does not match the other arguments (${typeName(t)})`);
          return ERROR;
        }
        t = c;
      }
    } else if (typeof input.type === 'string') {
      if (!satisfies(at, input.type, b.cx.lenient)) b.cx.report('ST2022', b.file, a.value, `${f.name}: ${input.name} must be ${input.type}, not ${typeName(at)}`);
    } else checkValue(b, a.value, at, input.type, a.value, `${f.name} input ${input.name}`);
  }
  if (t && generic && !satisfies(t, generic, b.cx.lenient)) {
    b.cx.report('ST2022', b.file, call, `${f.name} needs ${generic} arguments, not ${typeName(t)}`);
    return ERROR;
  }
  switch (f.result) {
    case 'T':
      return t ?? ERROR;
    case 'ADR':
      return { kind: 'ref', refKind: 'POINTER_TO', target: first };
    case 'REF':
      return { kind: 'ref', refKind: 'REF_TO', target: first };
    default:
      return f.result;
  }
}
