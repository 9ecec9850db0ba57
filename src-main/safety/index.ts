export * from './bool-expr.js';
export * from './decide.js';
export * from './guard-analysis.js';
export * from './safety-model.js';
export * from './check-safety.js';
export { SAFETY_RULES, SAFETY_RULE_INFOS } from './rules/index.js';
export type { SafetyRule } from './rule-kit.js';
