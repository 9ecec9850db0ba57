import type { SemanticModel } from '../plc/check/check-program.js';
import type { PouSym, VarSym } from '../plc/check/symbols.js';
import type { StructT, Type } from '../plc/check/types.js';
import type { Expression, Identifier } from '../plc/st/ast.js';
import { ROCKWELL_TYPES_FILE } from '../plc/ladder/rockwell-types.js';
import type { NativeFbType } from './native-fb.js';
import type { CodeSite } from './runtime.js';

/** Where a variable lives at run time, as the JS expression that holds it. */
export type Storage =
  | { kind: 'self'; key: string }
  | { kind: 'local'; name: string }
  | { kind: 'global'; key: string }
  /** A VAR_IN_OUT: a reference object `{o, k}` kept in `self` or a local. */
  | { kind: 'ref'; holder: string };

export interface GenProblem {
  message: string;
  file: string;
  offset: number;
}

/** A property name in generated code: `.NAME` where possible, else `["NAME"]`. */
export function prop(k: string): string {
  return /^[A-Z_$][A-Z0-9_$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}

export function keyOf(name: string): string {
  return name.toUpperCase();
}

/** JS identifier for a POU-level function: `body_MAIN`, `fn_SCALE`, `m_FB_MOTOR$START`. */
export function fnName(prefix: string, ...parts: string[]): string {
  return `${prefix}_${parts.map((p) => keyOf(p).replace(/[^A-Z0-9_]/g, (c) => `$${c.charCodeAt(0).toString(16)}`)).join('$')}`;
}

/**
 * Blocks whose bodies the simulator supplies: the standard library (built into the checker) and the Logix
 * instructions the RLL translation declares without a body.
 */
export function isNativePou(p: PouSym): boolean {
  return p.builtin || p.file === ROCKWELL_TYPES_FILE;
}

/**
 * A program the soft-PLC runs as a task's (or the site's entry) body: a PROGRAM, or a Siemens organization
 * block (OB1 and the like), which the PLC calls itself each cycle.
 */
export function isProgramPou(p: PouSym): boolean {
  return (p.pouKind === 'PROGRAM' || p.pouKind === 'ORGANIZATION_BLOCK') && !p.builtin && !p.owner;
}

/** State shared by the code generators while compiling one site. */
export class GenContext {
  readonly sites: CodeSite[] = [];
  readonly problems: GenProblem[] = [];
  readonly globals = new Map<VarSym, string>();
  /** Per struct type, the generated function that builds a value with its member defaults (`gen-init.ts`). */
  readonly structInits = new Map<StructT, string>();
  readonly usedStructInitNames = new Set<string>();
  readonly structInitCode: string[] = [];
  private tempCounter = 0;

  constructor(
    readonly model: SemanticModel,
    readonly natives: ReadonlyMap<string, NativeFbType>,
    /** Line of an offset in a (virtual) file, for fault messages. */
    readonly lineOf: (file: string, offset: number) => number,
  ) {
    const used = new Set<string>();
    for (const v of model.globalVars) {
      let k = keyOf(v.name);
      if (used.has(k)) k = `${keyOf(v.gvl ?? 'G')}$${k}`;
      used.add(k);
      this.globals.set(v, k);
    }
  }

  typeOf(e: Expression): Type | undefined {
    return this.model.resolution.types.get(e);
  }

  symbolOf(id: Identifier): unknown {
    return this.model.resolution.ids.get(id);
  }

  /** Registers a place generated code may fault at; returns its index for `rt` calls. */
  site(pou: string, file: string, offset: number): number {
    this.sites.push({ pou, file, line: this.lineOf(file, offset) });
    return this.sites.length - 1;
  }

  temp(prefix = 't'): string {
    return `$${prefix}${++this.tempCounter}`;
  }

  unsupported(file: string, offset: number, what: string): string {
    this.problems.push({ message: `${what} is not supported by the simulator yet`, file, offset });
    return 'undefined';
  }
}

/** The POU being generated: how its variables are reached and what `self` means. */
export interface PouGen {
  pou: PouSym;
  /** Name shown in faults: `Main`, `FB_Motor.Start`. */
  label: string;
  file: string;
  storage: Map<VarSym, Storage>;
  /** The implicit result variable's local (functions, methods, getters). */
  result: string | null;
  /** Locals met in the body but declared elsewhere (property accessor variables): declared at the top. */
  lazy: Map<VarSym, string>;
}
