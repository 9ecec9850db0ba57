export * from './event-hub.js';
export * from './services.js';
export * from './handlers.js';
export * from './dispatch.js';
