export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_OutControl } from './sim-model.js';
export { SMT_MODEL } from './smt-model.js';
