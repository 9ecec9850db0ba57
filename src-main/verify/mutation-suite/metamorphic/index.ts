export * from './attempt.js';
export * from './generate.js';
export * from './random.js';
export * from './site-context.js';
export * from './site-editor.js';
export * from './site-facts.js';
export * from './variant.js';
export * from './verify-variant.js';
