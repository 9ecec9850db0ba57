import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic, RelatedInfo } from '../diagnostics/diagnostic.js';
import type { Call, Expression, Identifier } from '../st/ast.js';
import type { Dialect } from '../st/dialect.js';
import { isCodesysFamily } from '../st/dialect.js';
import { BUILTIN_FILE } from './builtins-fbs.js';
import type { Globals } from './symbols.js';
import type { EnumMemberSym, EnumT, Type } from './types.js';

/** An enumeration value found by its bare name. */
export interface EnumHit {
  kind: 'enumval';
  type: EnumT;
  member: EnumMemberSym;
}

/** Something declared somewhere, for the `related` part of a diagnostic. */
export interface Declared {
  id: Identifier;
  file: string;
}

/** What a checked site's names and calls resolved to, kept when a caller needs more than diagnostics. */
export interface Resolution {
  /** The type of every expression the checker typed. */
  types: Map<Expression, Type>;
  /** What each name or member identifier in a body stands for. */
  ids: Map<Identifier, unknown>;
  /** What each call calls: a standard function, or a POU/method/action/FB instance symbol. */
  calls: Map<Call, { kind: 'std'; name: string } | { kind: 'sym'; sym: unknown }>;
}

/** The state of one checkProgram run: the site's symbols, the dialect and the diagnostics so far. */
export class Ctx {
  readonly out: Diagnostic[] = [];
  readonly lenient: boolean;
  readonly scl: boolean;
  readonly enumValues = new Map<string, EnumHit>();
  readonly qualifiedEnumValues = new Map<string, EnumHit>();
  /** Diagnostics are dropped while this is set (builtin declarations). */
  silent = false;
  /** Set by analyzeProgram: record types and resolutions for the simulator and the safety rules. */
  resolution: Resolution | null = null;

  constructor(
    readonly dialect: Dialect,
    readonly globals: Globals,
  ) {
    this.lenient = isCodesysFamily(dialect) || dialect === 'scl';
    this.scl = dialect === 'scl';
  }

  report(code: string, file: string, node: { start: number; end: number }, message: string, decl?: Declared | null, relMessage?: string): void {
    if (this.silent || file === BUILTIN_FILE) return;
    let related: RelatedInfo[] = [];
    if (decl && decl.file !== BUILTIN_FILE) {
      related = [{ span: { file: decl.file, start: decl.id.start, end: decl.id.end }, message: relMessage ?? `${decl.id.name} is declared here` }];
    }
    this.out.push(diag(code, { file, start: node.start, end: node.end }, message, related));
  }
}
