export * from './bridge-server.js';
export * from './content-security.js';
export * from './static-files.js';
