import type { PouSym, PropSym, VarSym } from '../plc/check/symbols.js';
import type { PropertyAccessor, Statement } from '../plc/st/ast.js';
import { fnName, isNativePou, isProgramPou, keyOf, prop, type GenContext, type PouGen, type Storage } from './gen-context.js';
import { genVtable, vtableName } from './gen-dispatch.js';
import { specDefault, varInit } from './gen-init.js';
import { genStatements } from './gen-stmt.js';

const localName = (v: VarSym): string => `v_${keyOf(v.name).replace(/[^A-Z0-9_]/g, '_')}`;

function pouGen(g: GenContext, pou: PouSym, label: string): PouGen {
  return { pou, label, file: pou.file, storage: new Map(), result: null, lazy: new Map() };
}

/** Storage of a program's or FB's own variables: in the instance, except temporaries and externals. */
function instanceStorage(g: GenContext, pg: PouGen, pou: PouSym): void {
  for (let p: PouSym | null = pou; p; p = p.base) {
    for (const v of p.vars.values()) {
      if (v.section === 'VAR_TEMP') pg.storage.set(v, { kind: 'local', name: localName(v) });
      else if (v.section === 'VAR_EXTERNAL') {
        const gv = g.model.globals.vars.get(keyOf(v.name));
        const k = gv ? g.globals.get(gv) : undefined;
        pg.storage.set(v, k ? { kind: 'global', key: k } : { kind: 'self', key: keyOf(v.name) });
      } else if (v.section === 'VAR_IN_OUT' || isReference(v)) pg.storage.set(v, { kind: 'ref', holder: `self${prop(keyOf(v.name))}` });
      else pg.storage.set(v, { kind: 'self', key: keyOf(v.name) });
    }
  }
}

function functionStorage(pg: PouGen, vars: Iterable<VarSym>): string[] {
  const params: string[] = [];
  for (const v of vars) {
    const name = localName(v);
    if (v.section === 'VAR_IN_OUT' || v.section === 'VAR_OUTPUT') {
      pg.storage.set(v, { kind: 'ref', holder: name });
      params.push(name);
    } else if (isReference(v)) {
      pg.storage.set(v, { kind: 'ref', holder: name });
    } else {
      pg.storage.set(v, { kind: 'local', name });
      if (v.section === 'VAR_INPUT') params.push(name);
    }
  }
  return params;
}

/**
 * Function text: temporaries and lazily found locals declared first, then the body. `own` are locals the caller declares with their initial value (a property getter's value); a lazy local
 * of the same name, or one named like a parameter (a setter's value), is that variable and not declared again.
 */
function fn(g: GenContext, pg: PouGen, name: string, params: string[], locals: VarSym[], body: readonly Statement[], ret: string | null, own: readonly (readonly [string, string])[] = []): string {
  const code = genStatements(g, pg, body, '  ');
  const decls: string[] = own.map(([n, init]) => `  let ${n} = ${init};\n`);
  const declared = new Set([...params, ...own.map(([n]) => n)]);
  for (const v of locals) decls.push(`  let ${localName(v)} = ${isReference(v) ? 'null' : varInit(g, pg, v)};\n`);
  for (const [v, n] of pg.lazy) if (!locals.includes(v) && !declared.has(n)) decls.push(`  let ${n} = ${varInit(g, pg, v)};\n`);
  return `function ${name}(${params.join(', ')}) {\n${decls.join('')}${code}${ret ? `  return ${ret};\n` : ''}}\n`;
}

/** A REFERENCE TO variable holds a `{o, k}` reference and reads and writes as its target (set with REF=). */
export function isReference(v: VarSym): boolean {
  return v.typeSpec?.kind === 'RefType' && v.typeSpec.refKind === 'REFERENCE_TO';
}

function genInstancePou(g: GenContext, pou: PouSym): string {
  const pg = pouGen(g, pou, pou.name);
  instanceStorage(g, pg, pou);
  let out = '';
  // Instance constructor: base fields first, then own fields in declaration order.
  // `$vt`: the dispatch table of the instance's own type (a derived FB's replaces its base's), see gen-dispatch.ts.
  const init: string[] = [`function ${fnName('init', pou.name)}(G, P, rt) {\n  const self = ${pou.base ? `${fnName('init', pou.base.name)}(G, P, rt)` : '{}'};\n  self.$vt = ${vtableName(pou)};\n`];
  for (const v of pou.vars.values()) {
    if (v.section === 'VAR_TEMP' || v.section === 'VAR_EXTERNAL') continue;
    if (v.section === 'VAR_IN_OUT' || isReference(v)) init.push(`  self${prop(keyOf(v.name))} = null;\n`);
    else init.push(`  self${prop(keyOf(v.name))} = ${varInit(g, pg, v)};\n`);
  }
  out += `${init.join('')}  return self;\n}\n`;
  const temps = [...pou.vars.values()].filter((v) => v.section === 'VAR_TEMP');
  out += fn(g, pg, fnName('body', pou.name), ['self', 'G', 'P', 'rt'], temps, pou.node.body, null);
  for (const a of pou.actions.values()) {
    const ag = { ...pouGen(g, pou, `${pou.name}.${a.name}`), storage: new Map<VarSym, Storage>(pg.storage) };
    out += fn(g, ag, fnName('act', pou.name, a.name), ['self', 'G', 'P', 'rt'], temps, a.node.body, null);
  }
  for (const m of pou.methods.values()) out += genMethod(g, pou, m, pg);
  for (const pr of pou.properties.values()) out += genProperty(g, pou, pr, pg);
  return out;
}

function genMethod(g: GenContext, owner: PouSym, m: PouSym, ownerGen: PouGen): string {
  const pg: PouGen = { ...pouGen(g, m, `${owner.name}.${m.name}`), storage: new Map(ownerGen.storage) };
  const params = functionStorage(pg, m.params);
  const locals = [...m.vars.values()].filter((v) => !m.params.includes(v));
  functionStorage(pg, locals);
  if (m.retVar) {
    pg.storage.set(m.retVar, { kind: 'local', name: localName(m.retVar) });
    pg.result = localName(m.retVar);
    locals.push(m.retVar);
  }
  return fn(g, pg, fnName('m', owner.name, m.name), ['self', 'G', 'P', 'rt', ...params], locals, m.node.body, pg.result);
}

function genProperty(g: GenContext, owner: PouSym, pr: PropSym, ownerGen: PouGen): string {
  const accessor = (acc: PropertyAccessor | null, kind: 'get' | 'set'): string => {
    if (!acc) return '';
    const pg: PouGen = { ...pouGen(g, owner, `${owner.name}.${pr.name}`), storage: new Map(ownerGen.storage) };
    const value = `v_${keyOf(pr.name)}`;
    pg.result = kind === 'get' ? value : null;
    // The property's own name is its value inside the accessor; the checker resolves it to a VarSym made there.
    // A getter's value starts at the property type's default; a setter's value is its parameter.
    const own = kind === 'get' ? [[value, specDefault(g, pr.node.type, pr.type)] as const] : [];
    return fn(g, pg, fnName(kind, owner.name, pr.name), kind === 'get' ? ['self', 'G', 'P', 'rt'] : ['self', 'G', 'P', 'rt', value], [], acc.body, pg.result, own);
  };
  return accessor(pr.node.getter, 'get') + accessor(pr.node.setter, 'set');
}

function genFunction(g: GenContext, f: PouSym): string {
  const pg = pouGen(g, f, f.name);
  const params = functionStorage(pg, f.params);
  const locals = [...f.vars.values()].filter((v) => !f.params.includes(v));
  functionStorage(pg, locals);
  if (f.retVar) {
    pg.storage.set(f.retVar, { kind: 'local', name: localName(f.retVar) });
    pg.result = localName(f.retVar);
    locals.push(f.retVar);
  }
  return fn(g, pg, fnName('fn', f.name), ['G', 'P', 'rt', ...params], locals, f.node.body, pg.result);
}

/**
 * The whole site as one JS module text: an init and a body function per program and FB, a function per
 * function, method, action and property accessor, and the globals' initializer. Evaluated once with
 * `new Function`, so V8 optimises the scan code like any other JS.
 */
export function genModule(g: GenContext): string {
  const parts: string[] = ['"use strict";\n'];
  const user = g.model.pous.filter((p) => !isNativePou(p) && !p.owner);
  for (const p of user) {
    if (p.pouKind === 'FUNCTION') parts.push(genFunction(g, p));
    else if (isProgramPou(p) || p.pouKind === 'FUNCTION_BLOCK') parts.push(genInstancePou(g, p));
  }
  const gpg: PouGen = { pou: user[0] ?? g.model.pous[0]!, label: 'globals', file: '', storage: new Map(), result: null, lazy: new Map() };
  // Constants first: a struct default or another initializer may name one declared further down.
  const ordered = [...g.model.globalVars.filter((v) => v.constant), ...g.model.globalVars.filter((v) => !v.constant)];
  const inits = ordered.map((v) => {
    gpg.file = v.file;
    return `  G${prop(g.globals.get(v)!)} = ${varInit(g, gpg, v)};\n`;
  });
  parts.push(`function initGlobals(G, P, rt) {\n  const self = null;\n${inits.join('')}}\n`);
  // Struct builders, generated on first use by any of the above (function declarations are hoisted).
  parts.push(...g.structInitCode);
  // Dispatch tables: read by instance constructors, which run only after the module text has been evaluated.
  for (const p of user) if (isProgramPou(p) || p.pouKind === 'FUNCTION_BLOCK') parts.push(genVtable(p));
  const programs = user.filter(isProgramPou);
  parts.push(
    `return { initGlobals, programs: { ${programs.map((p) => `${JSON.stringify(keyOf(p.name))}: { init: ${fnName('init', p.name)}, body: ${fnName('body', p.name)} }`).join(', ')} } };\n`,
  );
  return parts.join('');
}
