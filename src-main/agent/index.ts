export * from './agent-loop.js';
export * from './site-check.js';
export * from './tools/index.js';
export * from './transcript.js';
export * from './unified-patch.js';
export * from './validate-args.js';
export * from './working-copy.js';
