export { proveSafety, type ProveOptions } from './bmc.js';
export { proveBooleanEquivalence, type Atom, type EquivalenceResult } from './equivalence.js';
export { formalFindings, equivalenceFinding } from './findings.js';
export type { FormalResult, PropertyResult, PropertyStatus, UnsupportedConstruct } from './formal-result.js';
export { replayTrace, firstViolation } from './replay.js';
export { safetyProperties, reactionScans, type SafetySignals, type PropertyId } from './properties.js';
export { unroll, type Unrolling, type UnrollOptions } from './encode.js';
