export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_EDM } from './sim-model.js';
export { SMT_MODEL } from './smt-model.js';
