export * from './recipe.js';
export * from './load-recipes.js';
export * from './transforms/transform.js';
export * from './transforms/registry.js';
export * from './transforms/revision-note.js';
