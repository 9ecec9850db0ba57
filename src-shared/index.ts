export * from './model/site.js';
export * from './model/change.js';
export * from './api/contract.js';
export * from './api/envelope.js';
export * from './api/client.js';
export * from './policy/approval-policy.js';
