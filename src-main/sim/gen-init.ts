import { findPouVar, type TypeSym, type VarSym } from '../plc/check/symbols.js';
import { ELEMENTARY, type ArrayT, type StructT, type Type } from '../plc/check/types.js';
import type { ArrayInit, Initializer, StructInit, TypeSpec } from '../plc/st/ast.js';
import { FB_ALIASES } from './std-fbs.js';
import { fnName, isNativePou, keyOf, prop, type GenContext, type PouGen } from './gen-context.js';
import { genExpr } from './gen-expr.js';
import { convert, reprOf } from './repr.js';

/*
 * Initial values. A place (variable, struct member, array element) starts as:
 *   1. its own initializer, if the declaration has one (`x : T := init`);
 *   2. else the default of its declared type: a TYPE's own initializer (`TYPE T_Level : REAL := 42.0;`,
 *      followed through aliases), an array's element default in every element, a struct's member
 *      defaults (each member by these same rules), an FB's instance initial values;
 *   3. else the IEC default: 0, FALSE, '', T#0s, the first enum value, the subrange's low limit.
 * A struct initializer `(A := 1)` changes only the members it names; every other member keeps what it
 * would hold without the initializer (nested struct initializers alike). An array initializer sets the
 * elements it lists in order (`3(x)` repeats); the remaining elements take the element type's default.
 */

/** The default value of a type as JS code (rules 2 and 3 above, without TYPE initializers). */
export function defaultValue(g: GenContext, t: Type | null | undefined): string {
  if (!t) return 'undefined';
  switch (t.kind) {
    case 'elem': {
      const r = reprOf(t);
      if (r === 'bool') return 'false';
      if (r === 'i64' || r === 'u64' || r === 'ltime') return '0n';
      return '0';
    }
    case 'string':
      return "''";
    case 'enum': {
      const first = t.members.values().next().value;
      return String(first?.value ?? 0);
    }
    case 'subrange':
      return String(t.lo);
    case 'array':
      return arrayOf(t, defaultValue(g, t.element));
    case 'struct':
      return `${structInitFn(g, t)}(G, P, rt)`;
    case 'pou': {
      const p = t.pou;
      if (isNativePou(p)) {
        const k = keyOf(FB_ALIASES[keyOf(p.name)] ?? p.name);
        return g.natives.has(k) ? `N${prop(k)}.create()` : g.unsupported(p.file, p.id.start, `the built-in block ${p.name}`);
      }
      return `${fnName('init', p.name)}(G, P, rt)`;
    }
    case 'ref':
    case 'interface':
      return 'null';
    default:
      return 'undefined';
  }
}

/** Each element evaluates `element` anew, so struct and FB elements are distinct objects. */
function arrayOf(t: ArrayT, element: string): string {
  let code = element;
  for (let i = t.dims.length - 1; i >= 0; i--) {
    const d = t.dims[i];
    code = `Array.from({ length: ${d ? d.hi - d.lo + 1 : 0} }, () => ${code})`;
  }
  return code;
}

/** The user TYPE a declared type names, if it names one (an elementary name wins, as in the checker). */
function typeSymOf(g: GenContext, spec: TypeSpec | null | undefined): TypeSym | null {
  if (spec?.kind !== 'NamedType') return null;
  const parts = spec.name.parts;
  const last = parts[parts.length - 1];
  if (!last || (parts.length === 1 && ELEMENTARY.has(keyOf(last.name)))) return null;
  const s = g.model.globals.names.get(keyOf(last.name));
  return s?.kind === 'type' ? s : null;
}

/** The default of a declared type: a TYPE's initializer (through aliases), else per element/member, else IEC. */
export function specDefault(g: GenContext, spec: TypeSpec | null | undefined, t: Type | null | undefined, depth = 0): string {
  const sym = depth < 16 ? typeSymOf(g, spec) : null;
  if (sym) {
    const base = (): string => specDefault(g, sym.item.type, t, depth + 1);
    if (sym.item.init) return initValue(g, typeGen(g, sym.file, sym.name), sym.item.init, t, sym.item.type, base);
    return base();
  }
  if (spec?.kind === 'ArrayType' && t?.kind === 'array') return arrayOf(t, specDefault(g, spec.element, t.element, depth + 1));
  return defaultValue(g, t);
}

/** Follows aliases to the spec that says what the type is (for an array's element spec). */
function structuralSpec(g: GenContext, spec: TypeSpec | null | undefined): TypeSpec | null {
  let s = spec ?? null;
  for (let i = 0; i < 16; i++) {
    const sym = typeSymOf(g, s);
    if (!sym) return s;
    s = sym.item.type;
  }
  return s;
}

/** Initial value of a variable: its declared initializer, else its declared type's default. */
export function varInit(g: GenContext, pg: PouGen, v: VarSym): string {
  const init = v.decl?.init ?? null;
  const base = (): string => specDefault(g, v.typeSpec, v.type);
  if (!init) return base();
  return initValue(g, pg, init, v.type, v.typeSpec, base);
}

/** `base` is the place's value without this initializer: what a struct initializer changes members of. */
function initValue(g: GenContext, pg: PouGen, init: Initializer, t: Type | null | undefined, spec: TypeSpec | null | undefined, base: () => string): string {
  if (init.kind === 'ArrayInit') return arrayInit(g, pg, init, t, spec);
  if (init.kind === 'StructInit') return structInit(g, pg, init, t, base());
  const v = genExpr(g, pg, init);
  return convert(v.code, v.repr, reprOf(t ?? undefined));
}

function arrayInit(g: GenContext, pg: PouGen, init: ArrayInit, t: Type | null | undefined, spec: TypeSpec | null | undefined): string {
  if (t?.kind !== 'array') return g.unsupported(pg.file, init.start, 'an array initializer for a non-array');
  const s = structuralSpec(g, spec);
  const elementSpec = s?.kind === 'ArrayType' ? s.element : null;
  const elementDefault = (): string => specDefault(g, elementSpec, t.element);
  // Flat list of element values, repeats expanded at run time; the rest keep the element default.
  const items = init.items.map((it) => {
    const value = it.value ? initValue(g, pg, it.value, t.element, elementSpec, elementDefault) : elementDefault();
    if (!it.repeat) return `[${value}]`;
    const n = genExpr(g, pg, it.repeat);
    return `Array.from({ length: ${convert(n.code, n.repr, 'i32')} }, () => ${value})`;
  });
  const total = t.dims.reduce((n, d) => n * (d ? d.hi - d.lo + 1 : 0), 1);
  const dims = t.dims.map((d) => (d ? d.hi - d.lo + 1 : 0));
  return `rt.shapeArray([${items.map((i) => `...${i}`).join(', ')}], ${JSON.stringify(dims)}, ${total}, () => ${elementDefault()})`;
}

/** Sets the named members on `base` (a fresh object); a nested struct initializer works on the member's value. */
function structInit(g: GenContext, pg: PouGen, init: StructInit, t: Type | null | undefined, base: string): string {
  const o = g.temp('s');
  const sets = init.fields.map((f) => {
    const k = keyOf(f.name.name);
    const member = t?.kind === 'struct' ? t.fields.get(k) : t?.kind === 'pou' ? findPouVar(t.pou, k) : undefined;
    const place = `${o}${prop(k)}`;
    return `${place} = ${initValue(g, pg, f.value, member?.type, member?.typeSpec, () => place)}; `;
  });
  return `((${o}) => { ${sets.join('')}return ${o}; })(${base})`;
}

/** A generation context for initial values written in a TYPE (global scope: constants and enum values). */
function typeGen(g: GenContext, file: string, label: string): PouGen {
  return { pou: g.model.pous[0]!, label, file, storage: new Map(), result: null, lazy: new Map() };
}

/** Name of the generated function that builds a struct with its member defaults; generated on first use. */
function structInitFn(g: GenContext, t: StructT): string {
  const known = g.structInits.get(t);
  if (known) return known;
  let name = fnName('st', t.name);
  for (let n = 2; g.usedStructInitNames.has(name); n++) name = fnName('st', t.name, String(n));
  g.usedStructInitNames.add(name);
  g.structInits.set(t, name);
  const pg = typeGen(g, '', t.name);
  const fields = [...t.fields.values()].map((f) => {
    pg.file = f.file;
    return `    ${JSON.stringify(keyOf(f.name))}: ${varInit(g, pg, f)},\n`;
  });
  if (pg.lazy.size > 0) g.unsupported(pg.file, [...pg.lazy.keys()][0]!.id.start, `a default of ${t.name} that names a local variable`);
  g.structInitCode.push(`function ${name}(G, P, rt) {\n  const self = null;\n  return {\n${fields.join('')}  };\n}\n`);
  return name;
}
