export * from './codemod.js';
export * from './printer.js';
export * from './style.js';
