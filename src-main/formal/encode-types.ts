import type { SemanticModel } from '../plc/check/check-program.js';
import type { TypeSym, VarSym } from '../plc/check/symbols.js';
import { ELEMENTARY, type ArrayT, type Type } from '../plc/check/types.js';
import { key, type Expression, type Initializer, type TypeSpec } from '../plc/st/ast.js';

/**
 * Structs and arrays are encoded member-wise: one cell per scalar leaf (`Main.tank.Temp`, `Main.cells[3].On`),
 * named the way the soft-PLC names its leaves. A leaf starts as the soft-PLC's `gen-init.ts` starts it:
 *   1. the variable's own initializer, followed to the leaf (a struct initializer names members, an array
 *      initializer lists elements in order, `3(x)` repeats);
 *   2. else the default of the declared type: a TYPE's own initializer (through aliases), a struct member's
 *      declared default, an array element type's default, each by these same rules;
 *   3. else the IEC default: 0, FALSE, the first enumeration value, a subrange's low limit.
 */

/** One step from a variable to a leaf: a struct member (upper-case name) or an array element (offset from 0). */
export type Step = { field: string } | { offset: number };

/** The most leaves one variable may have before it is havocked instead (an array of 16 structs of 16 members). */
export const MAX_LEAVES = 512;

export function stepText(t: Type, s: Step, fieldName: string): string {
  if ('field' in s) return `.${fieldName}`;
  const a = t as ArrayT;
  const idx: number[] = [];
  let rest = s.offset;
  for (let i = a.dims.length - 1; i >= 0; i--) {
    const d = a.dims[i]!;
    const n = d.hi - d.lo + 1;
    idx.unshift(d.lo + (rest % n));
    rest = Math.floor(rest / n);
  }
  return `[${idx.join(',')}]`;
}

/** Number of elements of an array type with known bounds; null when a dimension is open. */
export function arraySize(t: ArrayT): number | null {
  let n = 1;
  for (const d of t.dims) {
    if (!d) return null;
    n *= d.hi - d.lo + 1;
  }
  return n;
}

/** Every scalar leaf below a type (itself when scalar); null when there are too many or some have no bounds. */
export function leavesOf(t: Type, depth = 0): { steps: Step[]; suffix: string; type: Type }[] | null {
  if (depth > 8) return null;
  if (t.kind === 'struct') {
    const out: { steps: Step[]; suffix: string; type: Type }[] = [];
    for (const [k, f] of t.fields) {
      if (!f.type) return null;
      const inner = leavesOf(f.type, depth + 1);
      if (!inner) return null;
      for (const l of inner) out.push({ steps: [{ field: k }, ...l.steps], suffix: `.${f.name}${l.suffix}`, type: l.type });
      if (out.length > MAX_LEAVES) return null;
    }
    return out;
  }
  if (t.kind === 'array') {
    const n = arraySize(t);
    if (n === null || n > MAX_LEAVES) return null;
    const inner = leavesOf(t.element, depth + 1);
    if (!inner || inner.length * n > MAX_LEAVES) return null;
    const out: { steps: Step[]; suffix: string; type: Type }[] = [];
    for (let i = 0; i < n; i++) for (const l of inner) out.push({ steps: [{ offset: i }, ...l.steps], suffix: `${stepText(t, { offset: i }, '')}${l.suffix}`, type: l.type });
    return out;
  }
  return [{ steps: [], suffix: '', type: t }];
}

/** The user TYPE a declared type names (an elementary name wins, as in the checker and the soft-PLC). */
function typeSymOf(model: SemanticModel, spec: TypeSpec | null | undefined): TypeSym | null {
  if (spec?.kind !== 'NamedType') return null;
  const parts = spec.name.parts;
  const last = parts[parts.length - 1];
  if (!last || (parts.length === 1 && ELEMENTARY.has(key(last.name)))) return null;
  const s = model.globals.names.get(key(last.name));
  return s?.kind === 'type' ? s : null;
}

/** Follows aliases to the spec that says what the type is (for an array's element spec). */
function structuralSpec(model: SemanticModel, spec: TypeSpec | null | undefined): TypeSpec | null {
  let s = spec ?? null;
  for (let i = 0; i < 16; i++) {
    const sym = typeSymOf(model, s);
    if (!sym) return s;
    s = sym.item.type;
  }
  return s;
}

/**
 * What initialises one leaf of a variable: the scalar initializer expression that applies to it, or `default`
 * for the IEC default of its type (rule 3), or `unknown` when an initializer cannot be followed (an array
 * initializer whose repeat count is not a constant): then the leaf starts free.
 */
export type LeafInit = { kind: 'expr'; e: Expression } | { kind: 'default' } | { kind: 'unknown' };

export function leafInit(model: SemanticModel, v: VarSym, steps: readonly Step[], constInt: (e: Expression) => number | null): LeafInit {
  return initAt(model, v.decl?.init ?? null, v.typeSpec, v.type, steps, constInt, 0);
}

function initAt(model: SemanticModel, init: Initializer | null, spec: TypeSpec | null | undefined, t: Type | null | undefined, steps: readonly Step[], constInt: (e: Expression) => number | null, depth: number): LeafInit {
  if (depth > 24 || !t) return { kind: 'unknown' };
  if (!init) return defaultAt(model, spec, t, steps, constInt, depth + 1);
  if (steps.length === 0) return init.kind === 'ArrayInit' || init.kind === 'StructInit' ? { kind: 'unknown' } : { kind: 'expr', e: init };
  const [s, ...rest] = steps;
  if (init.kind === 'StructInit' && t.kind === 'struct' && s && 'field' in s) {
    const f = init.fields.find((x) => key(x.name.name) === s.field);
    const member = t.fields.get(s.field);
    if (f && member) return initAt(model, f.value, member.typeSpec, member.type, rest, constInt, depth + 1);
    return defaultAt(model, spec, t, steps, constInt, depth + 1);
  }
  if (init.kind === 'ArrayInit' && t.kind === 'array' && s && 'offset' in s) {
    const el = structuralSpec(model, spec);
    const elSpec = el?.kind === 'ArrayType' ? el.element : null;
    let at = 0;
    for (const it of init.items) {
      const n = it.repeat ? constInt(it.repeat) : 1;
      if (n === null) return { kind: 'unknown' };
      if (s.offset < at + n) return it.value ? initAt(model, it.value, elSpec, t.element, rest, constInt, depth + 1) : defaultAt(model, elSpec, t.element, rest, constInt, depth + 1);
      at += n;
    }
    return defaultAt(model, elSpec, t.element, rest, constInt, depth + 1);
  }
  if (init.kind === 'ArrayInit' || init.kind === 'StructInit') return { kind: 'unknown' };
  return { kind: 'unknown' };
}

function defaultAt(model: SemanticModel, spec: TypeSpec | null | undefined, t: Type, steps: readonly Step[], constInt: (e: Expression) => number | null, depth: number): LeafInit {
  if (depth > 24) return { kind: 'unknown' };
  const sym = typeSymOf(model, spec);
  if (sym) {
    if (sym.item.init) return initAt(model, sym.item.init, sym.item.type, t, steps, constInt, depth + 1);
    return defaultAt(model, sym.item.type, t, steps, constInt, depth + 1);
  }
  if (steps.length === 0) return { kind: 'default' };
  const [s, ...rest] = steps;
  if (t.kind === 'struct' && s && 'field' in s) {
    const f = t.fields.get(s.field);
    if (!f?.type) return { kind: 'unknown' };
    return initAt(model, f.decl?.init ?? null, f.typeSpec, f.type, rest, constInt, depth + 1);
  }
  if (t.kind === 'array' && s && 'offset' in s) {
    const el = structuralSpec(model, spec);
    return defaultAt(model, el?.kind === 'ArrayType' ? el.element : null, t.element, rest, constInt, depth + 1);
  }
  return { kind: 'unknown' };
}

/** The IEC default (rule 3) of a scalar type as a number, boolean or bigint. */
export function iecDefault(t: Type | null | undefined): bigint | boolean | number {
  if (!t) return 0n;
  if (t.kind === 'enum') return BigInt(t.members.values().next().value?.value ?? 0);
  if (t.kind === 'subrange') return BigInt(t.lo);
  if (t.kind === 'elem') return t.cls === 'bool' ? false : t.cls === 'real' ? 0 : 0n;
  return 0n;
}

/** IEC type name of a type, for traces. */
export function typeName(t: Type | null | undefined): string {
  if (!t) return '?';
  if (t.kind === 'elem' || t.kind === 'enum' || t.kind === 'subrange' || t.kind === 'struct') return t.name;
  return t.kind;
}
