export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_GuardLocking } from './sim-model.js';
