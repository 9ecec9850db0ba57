export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_MutingSeq } from './sim-model.js';
