export { DECLARATION } from './declaration.js';
export { PINS } from './pins.js';
export { SF_ModeSelector } from './sim-model.js';
