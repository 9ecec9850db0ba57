import type { SiteSafety } from '../../src-shared/model/site.js';
import type { VarSym } from '../plc/check/symbols.js';
import { key } from '../plc/st/ast.js';
import { atom, FALSE, TRUE, type BoolExpr } from './bool-expr.js';

/**
 * The atoms of a site version's conditions and what each stands for. An atom is free to the decision apart
 * from its `constraint` (a sound implication: atom TRUE ⇒ constraint). Ids are stable across the two versions
 * of a change where the meaning is the same (same variable, same call with the same inputs), so conditions of
 * before and after can be compared over one set of atoms.
 */

export type AtomKind =
  /** A declared e-stop or guard input, never written by the program: the physical device. */
  | 'input'
  /** A declared e-stop or guard variable that the program also writes: no longer the device. */
  | 'overwritten-input'
  /** A variable's value when the body starts (written elsewhere, or in an earlier scan). */
  | 'var'
  /** An FB output right after a call, with what the FB guarantees. */
  | 'fb-output'
  /** A non-Boolean comparison or a function result. */
  | 'expr'
  /** A value the analysis does not follow (after a loop, a jump, a user POU call). */
  | 'havoc';

export interface AtomInfo {
  id: string;
  text: string;
  kind: AtomKind;
  constraint: BoolExpr | null;
  /** Variable keys this atom depends on (for the dependency closure of an output). */
  refs: string[];
  /**
   * For FB outputs: the instance, its type, the output, the call's inputs by parameter as shown, and their
   * Boolean values by upper-case parameter (null where not Boolean or not followed).
   */
  fb: { instKey: string; type: string; output: string; args: Map<string, string>; values: Map<string, BoolExpr | null> } | null;
}

/** A variable taken as constant, and why (shown as a fact: "Bypass is TRUE: initialised TRUE, never written"). */
export interface ConstantFact {
  key: string;
  value: boolean;
  reason: string;
}

export class AtomTable {
  readonly atoms = new Map<string, AtomInfo>();
  readonly constants = new Map<string, ConstantFact>();
  private readonly inputs: Map<string, string>;

  constructor(
    safety: SiteSafety,
    private readonly writtenAnywhere: ReadonlySet<string>,
  ) {
    this.inputs = new Map([...safety.estops, ...safety.guards].map((n) => [key(n), n]));
  }

  add(info: AtomInfo): BoolExpr {
    if (!this.atoms.has(info.id)) this.atoms.set(info.id, info);
    return atom(info.id);
  }

  text(id: string): string {
    return this.atoms.get(id)?.text ?? id;
  }

  constraintOf = (id: string): BoolExpr | null => this.atoms.get(id)?.constraint ?? null;

  /** The id of a declared safety input's device atom. */
  static inputId(name: string): string {
    return `in:${key(name)}`;
  }

  /**
   * The value a BOOL variable has when a body starts reading it. `writtenKey` is the key the site's writes
   * use for it (an FB member inlined per instance is written as `FB::M` in the FB's own body).
   */
  entry(varKey: string, text: string, sym: VarSym | null, writtenKey = varKey): BoolExpr {
    const declared = this.inputs.get(varKey);
    if (declared !== undefined) {
      if (!this.writtenAnywhere.has(varKey)) {
        return this.add({ id: AtomTable.inputId(declared), text: declared, kind: 'input', constraint: null, refs: [varKey], fb: null });
      }
      return this.add({ id: `ow:${varKey}`, text: `${text} (as written by the program)`, kind: 'overwritten-input', constraint: null, refs: [varKey], fb: null });
    }
    const c = this.constant(varKey, text, sym, writtenKey);
    if (c) return c.value ? TRUE : FALSE;
    return this.add({ id: `v:${varKey}`, text, kind: 'var', constraint: null, refs: [varKey], fb: null });
  }

  private constant(varKey: string, text: string, sym: VarSym | null, writtenKey: string): ConstantFact | null {
    const known = this.constants.get(varKey);
    if (known) return known;
    const init = sym?.decl?.init;
    if (!sym || !init || init.kind !== 'Literal' || init.litKind !== 'bool' || typeof init.value !== 'boolean') return null;
    if (sym.location?.startsWith('%I') || sym.section === 'VAR_INPUT' || sym.section === 'VAR_IN_OUT') return null;
    let reason: string | null = null;
    if (sym.constant) reason = `${text} is a constant ${init.value ? 'TRUE' : 'FALSE'}`;
    else if (!this.writtenAnywhere.has(varKey) && !this.writtenAnywhere.has(writtenKey)) reason = `${text} is never written and initialised ${init.value ? 'TRUE' : 'FALSE'}`;
    if (!reason) return null;
    const fact = { key: varKey, value: init.value, reason };
    this.constants.set(varKey, fact);
    return fact;
  }
}
