export * from './database.js';
export * from './migrations.js';
export * from './runs-repo.js';
export * from './changes-repo.js';
export * from './approvals-repo.js';
export * from './store.js';
export * from './verifications-repo.js';
export * from './steps-repo.js';
