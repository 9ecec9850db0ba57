export * from './run-recipe.js';
