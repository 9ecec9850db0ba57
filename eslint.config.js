// Lint enforces the layering in ARCHITECTURE.md; tests/integration/layering.test.ts proves each rule fires.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
];
const NO_NODE = [
  { group: ['node:*'], message: 'no Node APIs here: this layer must run anywhere (see ARCHITECTURE.md).' },
  ...NODE_BUILTINS.map((m) => ({ group: [m], message: 'no Node APIs here: this layer must run anywhere (see ARCHITECTURE.md).' })),
];
const NO_ELECTRON = [{ group: ['electron', 'electron/*'], message: 'only src-main/electron may use Electron.' }];
const NO_IPC_RENDERER = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'raw ipcRenderer is only allowed in the preload; use the typed API contract.',
};
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement'].map((name) => ({
  name,
  message: 'src-shared must not use the DOM.',
}));
const NODE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
  name,
  message: 'no Node globals in this layer.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'examples/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [NO_IPC_RENDERER] }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_IPC_RENDERER],
          patterns: [
            ...NO_NODE,
            ...NO_ELECTRON,
            { group: ['**/src-main/**', '**/src-renderer/**', '../../*', '../../../*'], message: 'src-shared imports nothing of ours outside src-shared.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_IPC_RENDERER],
          patterns: [
            ...NO_NODE,
            ...NO_ELECTRON,
            { group: ['**/src-main/**', '**/src-main'], message: 'src-renderer never imports src-main: go through the API contract in src-shared.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_IPC_RENDERER], patterns: [...NO_ELECTRON] }],
    },
  },
  {
    // The language, simulator and safety cores are pure: no file system, no Electron, no network.
    files: [
      'src-main/plc/**/*.ts', 'src-main/sim/**/*.ts', 'src-main/safety/**/*.ts', 'src-main/safety-blocks/**/*.ts', 'src-main/change/**/*.ts',
      'src-main/formal/**/*.ts', 'src-main/verify/html/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_IPC_RENDERER], patterns: [...NO_NODE, ...NO_ELECTRON] }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    // The PLCopen safety blocks sit below the simulator, formal/, safety/ and the checker, which all build on them.
    files: ['src-main/safety-blocks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_IPC_RENDERER],
          patterns: [
            ...NO_NODE,
            ...NO_ELECTRON,
            {
              group: ['**/sim', '**/sim/**', '**/formal', '**/formal/**', '**/safety', '**/safety/**', '**/plc/check', '**/plc/check/**'],
              message: 'safety-blocks sits below sim/, formal/, safety/ and plc/check/: it imports none of them (see ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/preload.cts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
