import type { Ctx } from './context.js';
import type { Scope } from './scopes.js';
import type { VarSym } from './symbols.js';

/** The state of checking one body: where names resolve, the FOR variables in force and the loop depth. */
export interface Body {
  cx: Ctx;
  sc: Scope;
  file: string;
  /** Control variables of the enclosing FOR loops. */
  forVars: VarSym[];
  loopDepth: number;
  /** Labels of the body (upper case), for JMP. */
  labels: Set<string>;
}
