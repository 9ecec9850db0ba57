export * from './line-diff.js';
export * from './change-file-bytes.js';
