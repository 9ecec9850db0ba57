import { key, type CallArg } from './ast.js';

/**
 * Arguments of a call bound to parameter names (upper case): named ones by name, positional ones in the
 * callee's parameter order. Shared by every consumer of calls (simulator, formal encoder) so they agree.
 */
export function bindArgs(args: readonly CallArg[], order: readonly string[]): Map<string, CallArg> {
  const out = new Map<string, CallArg>();
  let pos = 0;
  for (const a of args) {
    if (a.name) out.set(key(a.name.name), a);
    else out.set(order[pos++] ?? `#${pos}`, a);
  }
  return out;
}
