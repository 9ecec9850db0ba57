export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_SafelyLimitSpeed } from './sim-model.js';
