export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_EnableSwitch } from './sim-model.js';
