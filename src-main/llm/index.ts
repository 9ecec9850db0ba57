export * from './provider.js';
export * from './gguf-check.js';
export * from './llama-cpp-provider.js';
export * from './openai-provider.js';
export * from './scripted-provider.js';
export * from './open-provider.js';
