export * from './app-error.js';
export * from './paths.js';
export * from './clock.js';
