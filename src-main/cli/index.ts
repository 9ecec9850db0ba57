export * from './command.js';
export * from './main.js';
export * from './table.js';
