export * from './read-source-file.js';
export * from './compile-project.js';
