/**
 * The PLCopen Safety function blocks (TC5 Safety, Part 1, v2.01) as declaration text, assembled from each block's
 * folder in safety-blocks/ (SAFE* types first). Kept here for plc/check/index.ts's public export.
 */
export { SAFETY_FBS_ST } from '../../safety-blocks/registry.js';
