export { SAFETY_FBS } from '../../safety-blocks/registry.js';
