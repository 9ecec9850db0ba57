export { analyzeProgram, checkProgram, type CheckOptions, type SemanticModel } from './check-program.js';
export type { Resolution } from './context.js';
export type * from './symbols.js';
export { STD_FUNCTIONS, stdFunction, type StdFunction } from './builtins-std.js';
export { builtinUnit, BUILTIN_FILE } from './builtins-fbs.js';
export { SAFETY_FBS_ST } from '../../safety-blocks/registry.js';
export type { Type } from './types.js';
