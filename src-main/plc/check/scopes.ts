import type { Ctx, EnumHit } from './context.js';
import { findPouMember, type ActionSym, type GvlSym, type InterfaceSym, type PouMember, type PouSym, type PropSym, type TypeSym, type VarSym } from './symbols.js';

/** What a bare name resolves to. */
export type Resolved = VarSym | PouSym | PropSym | ActionSym | TypeSym | InterfaceSym | GvlSym | EnumHit;

/**
 * The names visible in one body: its own locals (a method's or accessor's variables), the variables,
 * methods, properties and actions of its POU and the POUs that one extends, then the site's globals, POUs,
 * types, GVL names and unqualified enumeration values. Lookups are Map gets on upper-case keys.
 */
export class Scope {
  constructor(
    readonly cx: Ctx,
    readonly file: string,
    /** The POU whose members are visible: the FB/program/function itself, or the FB of a method or action. */
    readonly pou: PouSym | null,
    /** Variables of a method or property accessor. */
    readonly locals: Map<string, VarSym> | null,
    /** The FB that THIS refers to, if any. */
    readonly self: PouSym | null,
    /** The implicit result variable and the key it is written by (function, method, property getter). */
    readonly retVar: VarSym | null,
    readonly retKey: string | null,
    /** The POU or method whose own inputs are being checked (assignment to own input). */
    readonly current: PouSym | null,
  ) {}

  /** Locals and members of the POU only (SCL `#name`). */
  lookupLocal(k: string): VarSym | PouMember | null {
    if (this.locals) {
      const v = this.locals.get(k);
      if (v) return v;
    }
    if (this.retKey === k && this.retVar) return this.retVar;
    if (this.pou) return findPouMember(this.pou, k);
    return null;
  }

  /** Globals only (SCL `"Name"`). */
  lookupGlobal(k: string): VarSym | PouSym | TypeSym | InterfaceSym | GvlSym | null {
    const g = this.cx.globals;
    return g.vars.get(k) ?? g.names.get(k) ?? g.gvls.get(k) ?? null;
  }

  lookup(k: string): Resolved | null {
    return this.lookupLocal(k) ?? this.lookupGlobal(k) ?? this.cx.enumValues.get(k) ?? null;
  }
}
