export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_SafetyRequest } from './sim-model.js';
export { SMT_MODEL } from './smt-model.js';
