import { key, type Case, type CaseLabel, type Expression, type For, type Statement } from '../st/ast.js';
import type { Body } from './body.js';
import { checkValue, checkWritable } from './check-assign.js';
import { constNumber } from './const-eval.js';
import { conversion, Conv } from './conversions.js';
import { resolveName, typeOf } from './expr-typer.js';
import { BOOL, elemOf, isIntClass, isLoose, typeName, type Type } from './types.js';

/**
 * Statements, one pass per body: assignments, calls, conditions, CASE labels, FOR loops, EXIT/CONTINUE,
 * JMP targets and unreachable code after RETURN/EXIT/CONTINUE/JMP.
 */

/** Collects the labels of a body (reporting duplicates) before the statements are checked. */
export function collectLabels(b: Body, list: Statement[]): void {
  for (const s of list) {
    switch (s.kind) {
      case 'Label': {
        const k = key(s.label.name);
        if (b.labels.has(k)) b.cx.report('ST2002', b.file, s.label, `duplicate label ${s.label.name}`);
        b.labels.add(k);
        break;
      }
      case 'If':
        for (const br of s.branches) collectLabels(b, br.body);
        if (s.elseBody) collectLabels(b, s.elseBody);
        break;
      case 'Case':
        for (const br of s.branches) collectLabels(b, br.body);
        if (s.elseBody) collectLabels(b, s.elseBody);
        break;
      case 'For':
      case 'While':
      case 'Repeat':
      case 'Region':
        collectLabels(b, s.body);
        break;
    }
  }
}

export function checkStatements(b: Body, list: Statement[]): void {
  let ended = false;
  let reported = false;
  for (const s of list) {
    if (s.kind === 'Label') {
      ended = false;
      continue;
    }
    if (ended && !reported && s.kind !== 'Empty') {
      b.cx.report('ST2040', b.file, s, 'unreachable code: this statement follows a RETURN, EXIT, CONTINUE or JMP');
      reported = true;
    }
    checkStatement(b, s);
    if (s.kind === 'Return' || s.kind === 'Jmp' || ((s.kind === 'Exit' || s.kind === 'Continue') && b.loopDepth > 0)) ended = true;
  }
}

function condition(b: Body, e: Expression, what: string): void {
  const t = typeOf(b, e);
  if (t !== BOOL && !isLoose(t)) b.cx.report('ST2024', b.file, e, `the ${what} condition must be BOOL, not ${typeName(t)}`);
}

function checkStatement(b: Body, s: Statement): void {
  switch (s.kind) {
    case 'Assign': {
      const writable = checkWritable(b, s.target);
      const tt = typeOf(b, s.target);
      const vt = typeOf(b, s.value);
      if (!writable) return;
      if (s.op === ':=') checkValue(b, s.value, vt, tt, s.value, `assignment to ${targetName(s.target)}`);
      else if (s.op === 'S=' || s.op === 'R=') {
        if (!isLoose(tt) && tt !== BOOL) b.cx.report('ST2020', b.file, s.target, `${s.op} needs a BOOL target, not ${typeName(tt)}`);
        if (!isLoose(vt) && vt !== BOOL) b.cx.report('ST2024', b.file, s.value, `the ${s.op} condition must be BOOL, not ${typeName(vt)}`);
      }
      return;
    }
    case 'CallStmt':
      typeOf(b, s.call);
      return;
    case 'If':
      for (const br of s.branches) {
        condition(b, br.cond, br === s.branches[0] ? 'IF' : 'ELSIF');
        checkStatements(b, br.body);
      }
      if (s.elseBody) checkStatements(b, s.elseBody);
      return;
    case 'Case':
      checkCase(b, s);
      return;
    case 'For':
      checkFor(b, s);
      return;
    case 'While':
      condition(b, s.cond, 'WHILE');
      b.loopDepth++;
      checkStatements(b, s.body);
      b.loopDepth--;
      return;
    case 'Repeat':
      b.loopDepth++;
      checkStatements(b, s.body);
      b.loopDepth--;
      condition(b, s.until, 'UNTIL');
      return;
    case 'Exit':
    case 'Continue':
      if (b.loopDepth === 0) b.cx.report('ST2041', b.file, s, `${s.kind === 'Exit' ? 'EXIT' : 'CONTINUE'} outside a loop`);
      return;
    case 'Jmp':
      if (!b.labels.has(key(s.label.name))) b.cx.report('ST2042', b.file, s.label, `JMP to unknown label ${s.label.name}`);
      return;
    case 'Region':
      checkStatements(b, s.body);
      return;
    default:
      return;
  }
}

function targetName(e: Expression): string {
  if (e.kind === 'Name') return e.id.name;
  if (e.kind === 'Member') return `${targetName(e.object)}.${e.member.name}`;
  if (e.kind === 'Index') return `${targetName(e.object)}[]`;
  if (e.kind === 'Deref') return `${targetName(e.object)}^`;
  if (e.kind === 'BitAccess') return `${targetName(e.object)}.${e.bit}`;
  if (e.kind === 'This') return 'THIS';
  if (e.kind === 'Super') return 'SUPER';
  return 'target';
}

interface Interval {
  lo: number;
  hi: number;
  label: CaseLabel;
}

function checkCase(b: Body, s: Case): void {
  const st = typeOf(b, s.selector);
  const se = elemOf(st);
  const selOk = isLoose(st) || st.kind === 'enum' || (se !== null && (isIntClass(se.cls) || se.cls === 'bits'));
  if (!selOk) b.cx.report('ST2044', b.file, s.selector, `a CASE selector must be an integer, bit string or enumeration, not ${typeName(st)}`);
  const seen: Interval[] = [];
  for (const br of s.branches) {
    for (const label of br.labels) {
      const lo = label.kind === 'CaseRange' ? label.lo : label;
      const hi = label.kind === 'CaseRange' ? label.hi : label;
      const a = caseValue(b, lo, st, selOk);
      const z = hi === lo ? a : caseValue(b, hi, st, selOk);
      if (a === null || z === null) continue;
      seen.push({ lo: Math.min(a, z), hi: Math.max(a, z), label });
    }
    checkStatements(b, br.body);
  }
  if (s.elseBody) checkStatements(b, s.elseBody);
  if (seen.length < 2) return;
  const sorted = seen.slice().sort((x, y) => x.lo - y.lo || x.label.start - y.label.start);
  let prev = sorted[0]!;
  for (let i = 1; i < sorted.length; i++) {
    const cur = sorted[i]!;
    if (cur.lo <= prev.hi) {
      const later = cur.label.start > prev.label.start ? cur : prev;
      const earlier = later === cur ? prev : cur;
      const what = earlier.lo === earlier.hi ? `${earlier.lo}` : `${earlier.lo}..${earlier.hi}`;
      b.cx.report('ST2043', b.file, later.label, `CASE label ${later.lo === later.hi ? later.lo : `${later.lo}..${later.hi}`} overlaps the label ${what} on another branch`);
      if (cur.hi > prev.hi) prev = cur;
    } else prev = cur;
  }
}

function caseValue(b: Body, e: Expression, st: Type, selOk: boolean): number | null {
  const lt = typeOf(b, e);
  const v = constNumber(e, b.sc);
  if (v === null) {
    if (!isLoose(lt)) b.cx.report('ST2053', b.file, e, 'a CASE label must be a constant expression');
    return null;
  }
  if (!selOk || isLoose(st) || isLoose(lt)) return v;
  const se = elemOf(st);
  const le = elemOf(lt);
  if (st.kind === 'enum') {
    if (lt.kind === 'enum' ? lt !== st : !(b.cx.lenient && le && isIntClass(le.cls))) {
      b.cx.report('ST2044', b.file, e, `CASE label of type ${typeName(lt)} does not match the selector type ${st.name}`);
    }
    return v;
  }
  if (se && (lt.kind === 'enum' ? !b.cx.lenient : !le || conversion(lt, se, true) === Conv.Error)) {
    b.cx.report('ST2044', b.file, e, `CASE label of type ${typeName(lt)} does not match the selector type ${se.name}`);
  } else if (se && le && le.cls === 'litint' && (BigInt(Math.trunc(v)) < se.min || BigInt(Math.trunc(v)) > se.max)) {
    b.cx.report('ST2044', b.file, e, `CASE label ${v} is outside the range of the selector type ${se.name} (${se.min}..${se.max})`);
  }
  return v;
}

function checkFor(b: Body, s: For): void {
  const vt = typeOf(b, s.variable);
  let sym = null;
  if (s.variable.kind === 'Name') {
    const r = resolveName(b, s.variable.id, false);
    if (r?.kind === 'var') sym = r;
  }
  const ve = elemOf(vt);
  if (!sym) {
    if (!isLoose(vt)) b.cx.report('ST2045', b.file, s.variable, 'the FOR control variable must be a local variable');
  } else {
    checkWritable(b, s.variable);
    if (!isLoose(vt) && !(ve && (isIntClass(ve.cls) || (b.cx.lenient && ve.cls === 'bits')))) {
      b.cx.report('ST2045', b.file, s.variable, `the FOR control variable ${sym.name} must be an integer, not ${typeName(vt)}`, sym);
    }
  }
  for (const e of [s.from, s.to, s.by]) {
    if (!e) continue;
    const t = typeOf(b, e);
    const te = elemOf(t);
    if (!isLoose(t) && !(te && (isIntClass(te.cls) || (b.cx.lenient && te.cls === 'bits')))) {
      b.cx.report('ST2045', b.file, e, `FOR ${e === s.from ? 'start' : e === s.to ? 'end' : 'step'} value must be an integer, not ${typeName(t)}`);
    } else if (!isLoose(vt) && ve) checkValue(b, e, t, vt, e, `FOR ${e === s.from ? 'start' : e === s.to ? 'end' : 'step'}`);
  }
  if (s.by && constNumber(s.by, b.sc) === 0) b.cx.report('ST2045', b.file, s.by, 'a FOR step of 0 never ends the loop');
  if (sym) b.forVars.push(sym);
  b.loopDepth++;
  checkStatements(b, s.body);
  b.loopDepth--;
  if (sym) b.forVars.pop();
}
