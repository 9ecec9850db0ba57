export * from './line-diff.js';
