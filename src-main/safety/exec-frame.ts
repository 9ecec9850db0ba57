import { key, type Call, type Expression } from '../plc/st/ast.js';
import type { BoolExpr } from './bool-expr.js';
import type { BodyRun } from './exec-body.js';
import type { SiteExec } from './exec-site.js';
import type { BodyRef } from './site-index.js';
import type { SymState } from './sym-state.js';

/**
 * Where a body runs during symbolic execution. A body run on its own (`inst` null) sees its variables under
 * their POU keys (`FB_X::M`). Inlined as an FB instance, the owner's members are that instance's
 * (`PRG::FBCHAIN.M`), so two instances of one FB keep two states. Method and function locals keep their
 * POU-level keys and are renewed at every call (a new generation), since they are temporaries.
 */
export interface Frame {
  body: BodyRef;
  /** The instance key the owner's members live under, or null (a program, a function, a body on its own). */
  inst: string | null;
  /** States at each RETURN of this body (joined with the fall-through when it ends). */
  exits: SymState[];
}

/** What one symbolic run shares across the bodies it executes. */
export interface ExecCtx {
  site: SiteExec;
  /** Where writes, calls and skips are recorded. */
  run: BodyRun;
  nextGen(k: string): number;
  /** Calls so far per instance key (FB output atoms of a second call differ from the first's). */
  callCount: Map<string, number>;
  /** Follow calls into user POUs (one scan in execution order) instead of havocking what they write. */
  inline: boolean;
  /** Bodies on the current call stack (recursion is not followed) and every body entered. */
  stack: BodyRef[];
  reached: Set<BodyRef>;
  /** The value of a user function or method called in an expression, followed into its body (inline mode). */
  callValue(fr: Frame, st: SymState, call: Call): BoolExpr | null;
  /** Keys whose reads stay opaque atoms (statement latches, for the rules that must not look through them). */
  opaque: ReadonlySet<string>;
  /** The value of a BOOL property read (`inst.Prop`), its getter followed (inline mode). */
  propValue(fr: Frame, st: SymState, e: Expression): BoolExpr | null;
}

/** Inlining depth beyond which a call is havocked instead (deep nesting is rare and costly). */
export const MAX_INLINE_DEPTH = 12;

/** A variable key as seen in a frame: owner members under the instance, programs under their POU key. */
export function mapKey(cx: ExecCtx, fr: Frame, k: string): string {
  const owner = key(fr.body.owner.name);
  if (fr.inst !== null && k.startsWith(`${owner}::`)) return `${fr.inst}.${k.slice(owner.length + 2)}`;
  if (cx.inline) {
    // `PRG.x` read from another program is PRG's own variable `PRG::X`.
    const dot = k.indexOf('.');
    if (dot > 0 && !k.includes('::')) {
      const head = k.slice(0, dot);
      if (cx.site.programKeys.has(head) && !cx.site.v.model.globals.vars.has(head)) return `${head}::${k.slice(dot + 1)}`;
    }
  }
  return k;
}

/** The key of an lvalue or read in a frame (null where the analysis cannot name it). */
export function frameVarKey(cx: ExecCtx, fr: Frame, e: Expression): { key: string; weak: boolean; raw: string } | null {
  const k = cx.site.idx.varKey(e, fr.body);
  return k ? { key: mapKey(cx, fr, k.key), weak: k.weak, raw: k.key } : null;
}

/** Variables read by an expression, as frame keys. */
export function frameReads(cx: ExecCtx, fr: Frame, e: Expression): string[] {
  return cx.site.readsOf(e, fr.body).map((k) => mapKey(cx, fr, k));
}

/** The scope that makes an expression atom of a frame distinct from the same text elsewhere. */
export function frameScope(fr: Frame): string {
  return fr.inst ?? key(fr.body.owner.name);
}
