export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_TestableSafetySensor } from './sim-model.js';
