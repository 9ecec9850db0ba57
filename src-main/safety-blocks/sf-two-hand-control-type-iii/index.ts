export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_TwoHandControlTypeIII, TWO_HAND_SYNC_MS } from './sim-model.js';
export { SMT_MODEL } from './smt-model.js';
