export { checkProgram, type CheckOptions } from './check-program.js';
export { STD_FUNCTIONS, stdFunction, type StdFunction } from './builtins-std.js';
export { builtinUnit, BUILTIN_FILE } from './builtins-fbs.js';
export { SAFETY_FBS_ST } from './builtins-safety.js';
export type { Type } from './types.js';
