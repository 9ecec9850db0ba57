import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { key, type CompilationUnit, type Initializer, type Statement, type VarBlock, type VarDecl } from '../st/ast.js';
import type { Dialect } from '../st/dialect.js';
import type { Body } from './body.js';
import { builtinUnit } from './builtins-fbs.js';
import { checkValue } from './check-assign.js';
import { checkStatements, collectLabels } from './check-statements.js';
import { Ctx, type Resolution } from './context.js';
import { sameType } from './conversions.js';
import { addVarBlocks, declareUnits, emptyGlobals, type Declared } from './declare.js';
import { typeOf } from './expr-typer.js';
import { resolveTypeSpec, resolveTypeSym } from './resolve-types.js';
import { Scope } from './scopes.js';
import { makeVar, type Globals, type PouSym, type PropSym, type VarSym } from './symbols.js';
import { ERROR, isLoose, typeName, type Type } from './types.js';

export interface CheckOptions {
  dialect: Dialect;
  /** File texts by name; not needed by the checks themselves (spans are offsets). */
  texts?: Map<string, string>;
}

/**
 * Checks all parsed files of one site together: names resolve across files. Three passes: declare every
 * symbol; resolve every declared type (so bodies never resolve lazily); check each body once; then report
 * unused locals, after every reference anywhere in the site has been seen.
 */
export function checkProgram(units: CompilationUnit[], options: CheckOptions): Diagnostic[] {
  return analyze(units, options, null).diagnostics;
}

/** A checked site: its diagnostics and what every name, call and expression resolved to. */
export interface SemanticModel {
  diagnostics: Diagnostic[];
  globals: Globals;
  /** Every POU of the site, then the built-in ones (standard and safety FBs, marked `builtin`). */
  pous: PouSym[];
  globalVars: VarSym[];
  resolution: Resolution;
}

/** Checks like checkProgram and keeps the resolution, for the simulator and the safety rules. */
export function analyzeProgram(units: CompilationUnit[], options: CheckOptions): SemanticModel {
  return analyze(units, options, { types: new Map(), ids: new Map(), calls: new Map() }) as SemanticModel;
}

function analyze(units: CompilationUnit[], options: CheckOptions, resolution: Resolution | null): Omit<SemanticModel, 'resolution'> & { resolution: Resolution | null } {
  const cx = new Ctx(options.dialect, emptyGlobals());
  cx.resolution = resolution;
  const declared: Declared = { pous: [], globalVars: [], bodyless: new Set() };
  declareUnits(cx, units, declared);
  const userPous = declared.pous.length;
  cx.silent = true;
  declareUnits(cx, [builtinUnit(options.dialect)], declared);
  for (let i = userPous; i < declared.pous.length; i++) declared.pous[i]!.builtin = true;
  cx.silent = false;

  const global = new Scope(cx, '', null, null, null, null, null, null);
  resolveBases(cx, declared.pous);
  for (const s of cx.globals.names.values()) {
    if (s.kind === 'type') resolveTypeSym(cx, s, global);
  }
  const cache = new Map<VarDecl, Type>();
  for (const v of declared.globalVars) resolveVar(cx, v, global, cache);
  const scopes = new Map<PouSym, Scope>();
  for (const p of declared.pous) {
    cx.silent = p.builtin;
    const sc = pouScope(cx, p);
    scopes.set(p, sc);
    for (const v of p.vars.values()) resolveVar(cx, v, sc, cache);
    if (p.retVar) resolveVar(cx, p.retVar, sc, cache);
    for (const pr of p.properties.values()) pr.type = resolveTypeSpec(cx, pr.node.type, p.file, sc);
  }
  for (const s of cx.globals.names.values()) {
    if (s.kind !== 'interface') continue;
    for (const pr of s.properties.values()) pr.type = resolveTypeSpec(cx, pr.node.type, s.file, global);
  }
  cx.silent = false;

  // Bodies.
  const gb = body(cx, global, '');
  const seenInit = new Set<VarDecl>();
  for (const v of declared.globalVars) {
    gb.file = v.file;
    checkInit(gb, v, seenInit);
  }
  checkTypeInits(gb, cx, seenInit);
  const accessorLocals: Map<string, VarSym>[] = [];
  for (const p of declared.pous) {
    if (p.builtin) continue;
    const sc = scopes.get(p)!;
    const b = body(cx, sc, p.file);
    checkDeclarations(b, p, seenInit);
    if (!declared.bodyless.has(p)) checkBody(b, p.node.body);
    for (const a of p.actions.values()) checkBody(body(cx, sc, a.file), a.node.body);
    for (const pr of p.properties.values()) {
      for (const acc of [pr.node.getter, pr.node.setter]) {
        if (acc) accessorLocals.push(checkAccessor(cx, p, pr, acc.varBlocks, acc.body));
      }
    }
  }

  // Unused locals, now that every reference of the site has been seen.
  for (const p of declared.pous) {
    if (p.builtin || declared.bodyless.has(p)) continue;
    for (const v of p.vars.values()) reportUnused(cx, v);
  }
  for (const m of accessorLocals) for (const v of m.values()) reportUnused(cx, v);
  return { diagnostics: cx.out, globals: cx.globals, pous: declared.pous, globalVars: declared.globalVars, resolution };
}

function body(cx: Ctx, sc: Scope, file: string): Body {
  return { cx, sc, file, forVars: [], loopDepth: 0, labels: new Set() };
}

function checkBody(b: Body, list: Statement[]): void {
  collectLabels(b, list);
  checkStatements(b, list);
}

function reportUnused(cx: Ctx, v: VarSym): void {
  if (v.used) return;
  const s = v.section;
  if (s === 'VAR' || s === 'VAR_TEMP' || s === 'VAR_STAT' || s === 'VAR_INST') cx.report('ST2004', v.file, v.id, `unused variable ${v.name}`);
}

function pouScope(cx: Ctx, p: PouSym): Scope {
  const o = p.owner;
  if (o) return new Scope(cx, p.file, o, p.vars, o, p.retVar, key(p.name), p);
  const self = p.pouKind === 'FUNCTION_BLOCK' || p.pouKind === 'PROGRAM' ? p : null;
  return new Scope(cx, p.file, p, null, self, p.retVar, key(p.name), p);
}

function resolveVar(cx: Ctx, v: VarSym, sc: Scope, cache: Map<VarDecl, Type>): void {
  if (v.type || !v.typeSpec) return;
  if (v.decl) {
    const hit = cache.get(v.decl);
    if (hit) {
      v.type = hit;
      return;
    }
  }
  v.type = resolveTypeSpec(cx, v.typeSpec, v.file, sc);
  if (v.decl) cache.set(v.decl, v.type);
}

function resolveBases(cx: Ctx, pous: PouSym[]): void {
  for (const p of pous) {
    const ext = p.node.extends;
    if (!ext || p.owner) continue;
    const base = cx.globals.names.get(key(ext.parts[ext.parts.length - 1]!.name));
    if (base?.kind !== 'pou' || base.pouKind !== 'FUNCTION_BLOCK') {
      cx.report('ST2003', p.file, ext, `${p.name} EXTENDS ${ext.parts.map((x) => x.name).join('.')}, which is not a function block of the site`, base ?? null);
      continue;
    }
    p.base = base;
  }
  for (const p of pous) {
    let n = 0;
    for (let q = p.base; q; q = q.base) {
      if (q === p || ++n > 32) {
        cx.report('ST2003', p.file, p.node.extends ?? p.id, `${p.name} inherits from itself`);
        p.base = null;
        break;
      }
    }
  }
}

function checkDeclarations(b: Body, p: PouSym, seenInit: Set<VarDecl>): void {
  for (const v of p.vars.values()) {
    if (v.section === 'VAR_EXTERNAL') {
      const g = b.cx.globals.vars.get(key(v.name));
      if (!g) b.cx.report('ST2005', v.file, v.id, `VAR_EXTERNAL ${v.name} has no matching VAR_GLOBAL`);
      else if (v.type && g.type && !isLoose(v.type) && !isLoose(g.type) && !sameType(v.type, g.type)) {
        b.cx.report('ST2005', v.file, v.id, `VAR_EXTERNAL ${v.name} is ${typeName(v.type)} but the global is ${typeName(g.type)}`, g);
      }
      v.used = true;
    }
    checkInit(b, v, seenInit);
  }
}

/** Initial values written in TYPEs: struct member defaults and `TYPE T : INT := 5;`, in the global scope. */
function checkTypeInits(b: Body, cx: Ctx, seen: Set<VarDecl>): void {
  for (const s of cx.globals.names.values()) {
    if (s.kind !== 'type') continue;
    if (s.type?.kind === 'struct') {
      for (const f of s.type.fields.values()) {
        b.file = f.file;
        checkInit(b, f, seen);
      }
    }
    if (s.item.init) {
      b.file = s.file;
      initValue(b, s.item.init, s.type ?? ERROR, s.name);
    }
  }
}

function checkInit(b: Body, v: VarSym, seen: Set<VarDecl>): void {
  const d = v.decl;
  if (!d?.init || seen.has(d)) return;
  seen.add(d);
  initValue(b, d.init, v.type ?? ERROR, v.name);
}

function initValue(b: Body, init: Initializer, t: Type, name: string): void {
  if (init.kind === 'ArrayInit') {
    const el = t.kind === 'array' ? t.element : ERROR;
    for (const item of init.items) if (item.value) initValue(b, item.value, el, name);
    return;
  }
  if (init.kind === 'StructInit') {
    for (const f of init.fields) {
      let ft: Type = ERROR;
      if (t.kind === 'struct') {
        const fs = t.fields.get(key(f.name.name));
        if (!fs) b.cx.report('ST2008', b.file, f.name, `${t.name} has no member ${f.name.name}`);
        else ft = fs.type ?? ERROR;
      } else if (t.kind === 'pou') {
        const fs = t.pou.vars.get(key(f.name.name));
        if (!fs) b.cx.report('ST2008', b.file, f.name, `${t.pou.name} has no member ${f.name.name}`, t.pou);
        else ft = fs.type ?? ERROR;
      }
      initValue(b, f.value, ft, `${name}.${f.name.name}`);
    }
    return;
  }
  const vt = typeOf(b, init);
  checkValue(b, init, vt, t, init, `initial value of ${name}`);
}

function checkAccessor(cx: Ctx, p: PouSym, pr: PropSym, blocks: VarBlock[], list: Statement[]): Map<string, VarSym> {
  const locals = new Map<string, VarSym>();
  addVarBlocks(cx, blocks, p.file, locals, null, pr.name);
  const value = makeVar(pr.id, p.file, null, 'VAR', false);
  value.type = pr.type;
  value.used = true;
  const sc = new Scope(cx, p.file, p, locals, p, value, key(pr.name), p);
  const cache = new Map<VarDecl, Type>();
  for (const v of locals.values()) resolveVar(cx, v, sc, cache);
  const b = body(cx, sc, p.file);
  for (const v of locals.values()) checkInit(b, v, new Set());
  checkBody(b, list);
  return locals;
}
