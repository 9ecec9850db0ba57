import { stdFunction } from '../plc/check/builtins-std.js';
import { bindArgs } from '../plc/st/bind-args.js';
import type { ActionSym, PouSym, VarSym } from '../plc/check/symbols.js';
import type { Type } from '../plc/check/types.js';
import type { Call, CallArg, Expression } from '../plc/st/ast.js';
import { fnName, isNativePou, keyOf, prop, type GenContext, type PouGen } from './gen-context.js';
import { dispatch, isOverridden, isSuperAccess } from './gen-dispatch.js';
import { elemBits, genExpr, lvalue, objectOf, type Code } from './gen-expr.js';
import { convert, isBig, isFloat, reprOf, wrap, type Repr } from './repr.js';
import { FB_ALIASES, PIN_ALIASES } from './std-fbs.js';

type CallTarget = { kind: 'std'; name: string } | { kind: 'sym'; sym: { kind: string } };


function valueOf(g: GenContext, pg: PouGen, a: CallArg | undefined, to: Type | null | undefined): string | null {
  if (!a?.value) return null;
  const v = genExpr(g, pg, a.value);
  return convert(v.code, v.repr, to ? reprOf(to) : v.repr);
}

/** Code for a function-style call in an expression: standard functions, user functions and methods. */
export function genCall(g: GenContext, pg: PouGen, call: Call): Code {
  const target = g.model.resolution.calls.get(call) as CallTarget | undefined;
  const r = reprOf(g.typeOf(call));
  if (target?.kind === 'std') return stdCall(g, pg, call, target.name, r);
  if (target?.kind === 'sym') {
    const s = target.sym as PouSym;
    if (s.kind === 'pou' && (s.pouKind === 'FUNCTION' || s.pouKind === 'METHOD')) {
      const params = s.params;
      const bound = bindArgs(call.args, params.map((p) => keyOf(p.name)));
      const args = params.map((p) => {
        const a = bound.get(keyOf(p.name));
        if (p.section === 'VAR_INPUT') return valueOf(g, pg, a, p.type) ?? 'undefined';
        const lv = a?.value ? lvalue(g, pg, a.value) : null;
        return lv ? lv.ref : 'null';
      });
      if (s.pouKind === 'FUNCTION') return { code: `${fnName('fn', s.name)}(G, P, rt${args.map((a) => ', ' + a).join('')})`, repr: r };
      // A method: through an interface (no owner), or one a derived FB overrides, it runs the implementation of
      // the instance's own type; SUPER^.M() and a method nothing overrides are direct calls.
      const object = call.callee.kind === 'Member' ? call.callee.object : null;
      const inst = object ? objectOf(g, pg, object) : 'self';
      if (inst === null) return { code: g.unsupported(pg.file, call.start, `a call of ${s.name} on this object`), repr: r };
      const owner = s.owner;
      const viaInterface = !owner || (object !== null && g.typeOf(object)?.kind === 'interface');
      if (viaInterface || (!isSuperAccess(object) && isOverridden(g, owner, keyOf(s.name), 'methods'))) return { code: dispatch(g, pg, inst, 'M', s.name, call.start, args), repr: r };
      return { code: `${fnName('m', owner.name, s.name)}(${inst}, G, P, rt${args.map((a) => ', ' + a).join('')})`, repr: r };
    }
  }
  const stmt = blockCall(g, pg, call);
  if (stmt) return { code: `(() => { ${stmt} })()`, repr: 'other' };
  return { code: g.unsupported(pg.file, call.start, `this call of ${call.callee.kind === 'Name' ? call.callee.id.name : 'a member'}`), repr: 'other' };
}

/** A call used as a statement: FB instances, programs and actions, or any function call. */
export function genCallStatement(g: GenContext, pg: PouGen, call: Call): string {
  return blockCall(g, pg, call) ?? `${genCall(g, pg, call).code};`;
}

/** FB instance, program and action calls, which are statements; null for anything else. */
function blockCall(g: GenContext, pg: PouGen, call: Call): string | null {
  const target = g.model.resolution.calls.get(call) as CallTarget | undefined;
  const sym = target?.kind === 'sym' ? (target.sym as PouSym | VarSym | ActionSym) : null;
  if (sym?.kind === 'action') {
    const owner = ownerOfAction(g, sym);
    const inst = call.callee.kind === 'Member' ? objectOf(g, pg, call.callee.object) : 'self';
    return `${fnName('act', owner, sym.name)}(${inst}, G, P, rt);`;
  }
  if (sym?.kind === 'pou' && sym.pouKind === 'PROGRAM') return fbCall(g, pg, call, `P${prop(keyOf(sym.name))}`, sym);
  let fbType: PouSym | null = null;
  let inst: string | null = null;
  if (sym?.kind === 'var' && sym.type?.kind === 'pou') {
    fbType = sym.type.pou;
    inst = lvalue(g, pg, call.callee)?.read ?? null;
  } else if (sym?.kind === 'pou' && sym.pouKind === 'FUNCTION_BLOCK') {
    fbType = sym;
    inst = objectOf(g, pg, call.callee);
  }
  if (fbType && inst) return fbCall(g, pg, call, inst, fbType);
  return null;
}

function ownerOfAction(g: GenContext, a: ActionSym): string {
  for (const p of g.model.pous) if ([...p.actions.values()].includes(a)) return p.name;
  return 'UNKNOWN';
}

/** `inst(IN := a, Q => b)`: write inputs into the instance, run it, copy outputs out. */
function fbCall(g: GenContext, pg: PouGen, call: Call, inst: string, fb: PouSym): string {
  const typeKey = keyOf(FB_ALIASES[keyOf(fb.name)] ?? fb.name);
  const native = isNativePou(fb) ? g.natives.get(typeKey) : undefined;
  const aliases = PIN_ALIASES[typeKey] ?? {};
  const f = g.temp('f');
  const lines: string[] = [`{ const ${f} = ${inst};`];
  const outs: string[] = [];
  for (const a of call.args) {
    if (!a.name || !a.value) continue;
    const pin = keyOf(a.name.name);
    const key = native ? (aliases[pin] ?? pin) : pin;
    const param = fb.vars.get(pin) ?? null;
    if (a.assign === '=>') {
      const lv = lvalue(g, pg, a.value);
      if (!lv) continue;
      const v = `${f}${prop(key)}`;
      const val = convert(a.negated ? `!${v}` : v, reprOf(param?.type ?? undefined), reprOf(lv.type));
      outs.push(`${lv.write(val)};`);
    } else if (param?.section === 'VAR_IN_OUT') {
      const lv = lvalue(g, pg, a.value);
      lines.push(`${f}${prop(key)} = ${lv ? lv.ref : 'null'};`);
    } else {
      const v = genExpr(g, pg, a.value);
      lines.push(`${f}${prop(key)} = ${convert(v.code, v.repr, reprOf(param?.type ?? undefined))};`);
    }
  }
  if (native) lines.push(`N${prop(typeKey)}.step(${f}, rt.now);`);
  else if (isNativePou(fb)) return `${g.unsupported(pg.file, call.start, `the built-in block ${fb.name}`)};`;
  else lines.push(`${fnName('body', fb.name)}(${f}, G, P, rt);`);
  return [...lines, ...outs, '}'].join(' ');
}

function argList(g: GenContext, pg: PouGen, call: Call, names: readonly string[]): { values: Code[]; byName: Map<string, Code> } {
  const bound = bindArgs(call.args, names);
  const byName = new Map<string, Code>();
  const values: Code[] = [];
  for (const [k, a] of bound) {
    if (!a.value) continue;
    const c = genExpr(g, pg, a.value);
    byName.set(k, c);
    values.push(c);
  }
  return { values, byName };
}

const MATH: Record<string, string> = { SQRT: 'Math.sqrt', LN: 'Math.log', LOG: 'Math.log10', EXP: 'Math.exp', SIN: 'Math.sin', COS: 'Math.cos', TAN: 'Math.tan', ASIN: 'Math.asin', ACOS: 'Math.acos', ATAN: 'Math.atan' };

function stdCall(g: GenContext, pg: PouGen, call: Call, name: string, r: Repr): Code {
  const f = stdFunction(name);
  const order = f ? f.inputs.map((i) => i.name) : [];
  const { values, byName } = argList(g, pg, call, order);
  const arg = (k: string, to: Repr = r): string => {
    const c = byName.get(k);
    return c ? convert(c.code, c.repr, to) : '0';
  };
  const all = (to: Repr = r): string[] => values.map((c) => convert(c.code, c.repr, to));
  const site = (): number => g.site(pg.label, pg.file, call.start);
  const big = isBig(r);
  const key = name.toUpperCase();
  if (MATH[key]) return { code: wrap(`${MATH[key]}(${arg('IN', 'f64')})`, r), repr: r };
  switch (key) {
    case 'ADD':
    case 'MUL':
      return { code: wrap(`(${all().join(key === 'ADD' ? ' + ' : ' * ')})`, r), repr: r };
    case 'SUB':
      return { code: wrap(`(${arg('IN1')} - ${arg('IN2')})`, r), repr: r };
    case 'DIV':
      if (isFloat(r)) return { code: wrap(`(${arg('IN1')} / ${arg('IN2')})`, r), repr: r };
      return { code: wrap(big ? `rt.bdiv(${arg('IN1')}, ${arg('IN2')}, ${site()})` : `rt.div(${arg('IN1')}, ${arg('IN2')}, ${site()})`, r), repr: r };
    case 'MOD':
      return { code: wrap(big ? `rt.bmod(${arg('IN1')}, ${arg('IN2')}, ${site()})` : `rt.mod(${arg('IN1')}, ${arg('IN2')}, ${site()})`, r), repr: r };
    case 'EXPT':
      return { code: wrap(`Math.pow(${arg('IN1', 'f64')}, ${arg('IN2', 'f64')})`, r), repr: r };
    case 'ATAN2':
      return { code: wrap(`Math.atan2(${arg('Y', 'f64')}, ${arg('X', 'f64')})`, r), repr: r };
    case 'ABS':
      return { code: big ? `((x) => (x < 0n ? ${wrap('-x', r)} : x))(${arg('IN')})` : wrap(`Math.abs(${arg('IN')})`, r), repr: r };
    case 'TRUNC':
      return { code: convert(`Math.trunc(${arg('IN', 'f64')})`, 'f64', r), repr: r };
    case 'SEL':
      return { code: `(${arg('G', 'bool')} ? ${arg('IN1')} : ${arg('IN0')})`, repr: r };
    case 'MUX': {
      const ins = values.slice(1).map((c) => convert(c.code, c.repr, r));
      return { code: `[${ins.join(', ')}][rt.idx(${arg('K', 'i32')}, 0, ${ins.length - 1}, ${site()})]`, repr: r };
    }
    case 'LIMIT':
      return big ? { code: `((mn, x, mx) => (x < mn ? mn : x > mx ? mx : x))(${arg('MN')}, ${arg('IN')}, ${arg('MX')})`, repr: r } : { code: `Math.min(Math.max(${arg('IN')}, ${arg('MN')}), ${arg('MX')})`, repr: r };
    case 'MAX':
    case 'MIN':
      if (big || r === 'str') return { code: `[${all().join(', ')}].reduce((a, b) => (a ${key === 'MAX' ? '>=' : '<='} b ? a : b))`, repr: r };
      return { code: `Math.${key.toLowerCase()}(${all().join(', ')})`, repr: r };
    case 'MOVE':
      return { code: arg('IN'), repr: r };
    case 'SHL':
    case 'SHR':
    case 'ROL':
    case 'ROR': {
      const bits = elemBits(g.typeOf(call));
      if (big) return { code: key === 'SHL' ? wrap(`(${arg('IN')} << BigInt(${arg('N', 'i32')}))`, r) : key === 'SHR' ? `(${arg('IN')} >> BigInt(${arg('N', 'i32')}))` : g.unsupported(pg.file, call.start, `${key} on 64-bit values`), repr: r };
      return { code: wrap(`rt.${key.toLowerCase()}(${arg('IN')}, ${arg('N', 'i32')}, ${bits})`, r), repr: r };
    }
    case 'AND':
    case 'OR':
    case 'XOR': {
      const op = r === 'bool' ? (key === 'AND' ? ' && ' : key === 'OR' ? ' || ' : ' !== ') : key === 'AND' ? ' & ' : key === 'OR' ? ' | ' : ' ^ ';
      return { code: r === 'bool' ? `(${all().join(op)})` : wrap(`(${all().join(op)})`, r), repr: r };
    }
    case 'NOT':
      return { code: r === 'bool' ? `!${arg('IN')}` : wrap(`~${arg('IN')}`, r), repr: r };
    case 'GT':
    case 'GE':
    case 'EQ':
    case 'LE':
    case 'LT':
    case 'NE': {
      const js = { GT: '>', GE: '>=', EQ: '===', LE: '<=', LT: '<', NE: '!==' }[key];
      const cr = values.some((c) => isBig(c.repr)) ? 'i64' : values.some((c) => c.repr === 'str') ? 'str' : 'f64';
      const vs = all(cr);
      return { code: `(${vs.slice(1).map((v, i) => `${vs[i]} ${js} ${v}`).join(' && ')})`, repr: 'bool' };
    }
    case 'LEN':
      return { code: `${arg('IN', 'str')}.length`, repr: r };
    case 'LEFT':
      return { code: `rt.left(${arg('IN', 'str')}, ${arg('L', 'i32')})`, repr: r };
    case 'RIGHT':
      return { code: `rt.right(${arg('IN', 'str')}, ${arg('L', 'i32')})`, repr: r };
    case 'MID':
      return { code: `rt.mid(${arg('IN', 'str')}, ${arg('L', 'i32')}, ${arg('P', 'i32')})`, repr: r };
    case 'CONCAT':
      return { code: `(${all('str').join(' + ')})`, repr: r };
    case 'INSERT':
      return { code: `rt.insert(${arg('IN1', 'str')}, ${arg('IN2', 'str')}, ${arg('P', 'i32')})`, repr: r };
    case 'DELETE':
      return { code: `rt.delete(${arg('IN', 'str')}, ${arg('L', 'i32')}, ${arg('P', 'i32')})`, repr: r };
    case 'REPLACE':
      return { code: `rt.replace(${arg('IN1', 'str')}, ${arg('IN2', 'str')}, ${arg('L', 'i32')}, ${arg('P', 'i32')})`, repr: r };
    case 'FIND':
      return { code: `rt.find(${arg('IN1', 'str')}, ${arg('IN2', 'str')})`, repr: r };
    case 'ADR':
    case 'REF': {
      const a = call.args[0]?.value;
      const lv = a ? lvalue(g, pg, a) : null;
      return { code: lv ? lv.ref : g.unsupported(pg.file, call.start, `${key} of a value that is not a variable`), repr: 'other' };
    }
    case '__ISVALIDREF':
      return { code: `(${arg('IN', 'other')} != null)`, repr: 'bool' };
  }
  // Conversions: X_TO_Y, TO_Y, TRUNC_Y.
  if (/^(TRUNC_|TO_|\w+_TO_)/.test(key) && values.length === 1) {
    const c = values[0]!;
    if (key.startsWith('TRUNC_')) return { code: convert(`Math.trunc(${convert(c.code, c.repr, 'f64')})`, 'f64', r), repr: r };
    return { code: convert(c.code, c.repr, r), repr: r };
  }
  return { code: g.unsupported(pg.file, call.start, `the standard function ${name}`), repr: r };
}

export function isExpressionStatement(e: Expression): boolean {
  return e.kind === 'Call';
}
