export * from './duration.js';
export * from './glob.js';
export * from './site-config.js';
export * from './load-fleet.js';
export * from './site-sources.js';
