import type { VarSym } from '../plc/check/symbols.js';
import type { Type } from '../plc/check/types.js';
import type { ArrayInit, Initializer, StructInit } from '../plc/st/ast.js';
import { FB_ALIASES } from './std-fbs.js';
import { fnName, isNativePou, keyOf, prop, type GenContext, type PouGen } from './gen-context.js';
import { genExpr } from './gen-expr.js';
import { convert, reprOf } from './repr.js';

/** The default value of a type as JS code (IEC defaults: 0, FALSE, '', first enum value, subrange low). */
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
    case 'array': {
      const dims = t.dims;
      let code = defaultValue(g, t.element);
      for (let i = dims.length - 1; i >= 0; i--) {
        const d = dims[i];
        const n = d ? d.hi - d.lo + 1 : 0;
        code = `Array.from({ length: ${n} }, () => ${code})`;
      }
      return code;
    }
    case 'struct': {
      const fields = [...t.fields.values()].map((f) => `${JSON.stringify(keyOf(f.name))}: ${varInit(g, null, f)}`);
      return `({ ${fields.join(', ')} })`;
    }
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

/** Initial value of a variable: its declared initializer, else the type's default. */
export function varInit(g: GenContext, pg: PouGen | null, v: VarSym): string {
  const init = v.decl?.init ?? null;
  if (!init || !pg) return defaultValue(g, v.type);
  return initValue(g, pg, init, v.type);
}

function initValue(g: GenContext, pg: PouGen, init: Initializer, t: Type | null | undefined): string {
  if (init.kind === 'ArrayInit') return arrayInit(g, pg, init, t);
  if (init.kind === 'StructInit') return structInit(g, pg, init, t);
  const v = genExpr(g, pg, init);
  return convert(v.code, v.repr, reprOf(t ?? undefined));
}

function arrayInit(g: GenContext, pg: PouGen, init: ArrayInit, t: Type | null | undefined): string {
  if (t?.kind !== 'array') return g.unsupported(pg.file, init.start, 'an array initializer for a non-array');
  // Flat list of element values, repeats expanded at run time; the rest keep the element default.
  const items = init.items.map((it) => {
    const value = it.value ? initValue(g, pg, it.value, t.element) : defaultValue(g, t.element);
    if (!it.repeat) return `[${value}]`;
    const n = genExpr(g, pg, it.repeat);
    return `Array.from({ length: ${convert(n.code, n.repr, 'i32')} }, () => ${value})`;
  });
  const total = t.dims.reduce((n, d) => n * (d ? d.hi - d.lo + 1 : 0), 1);
  const dims = t.dims.map((d) => (d ? d.hi - d.lo + 1 : 0));
  return `rt.shapeArray([${items.map((i) => `...${i}`).join(', ')}], ${JSON.stringify(dims)}, ${total}, () => ${defaultValue(g, t.element)})`;
}

function structInit(g: GenContext, pg: PouGen, init: StructInit, t: Type | null | undefined): string {
  const base = defaultValue(g, t);
  const fields = init.fields.map((f) => {
    const ft = t?.kind === 'struct' ? t.fields.get(keyOf(f.name.name))?.type : t?.kind === 'pou' ? t.pou.vars.get(keyOf(f.name.name))?.type : undefined;
    return `${JSON.stringify(keyOf(f.name.name))}: ${initValue(g, pg, f.value, ft)}`;
  });
  return `Object.assign(${base}, { ${fields.join(', ')} })`;
}
