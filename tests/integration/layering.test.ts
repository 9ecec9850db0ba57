import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/temp.js';

// Proves that each layering rule in eslint.config.js fires where it should and stays quiet where it should not,
// by linting small snippets as if they were files at the given paths.
const eslint = new ESLint({ cwd: REPO });

interface Finding {
  ruleId: string | null;
  message: string;
}

async function lint(path: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO, path) });
  expect(result, path).toBeDefined();
  // A snippet the config ignores would pass every check below without being linted at all.
  expect(result!.messages.filter((m) => /ignored/i.test(m.message)), path).toEqual([]);
  return result!.messages.filter((m) => m.severity === 2).map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

async function expectRule(path: string, code: string, ruleId: string, message?: RegExp): Promise<void> {
  const errors = await lint(path, code);
  const hit = errors.find((e) => e.ruleId === ruleId && (!message || message.test(e.message)));
  expect(hit, `${path}: expected ${ruleId} ${message ?? ''} for:\n${code}\ngot ${JSON.stringify(errors)}`).toBeDefined();
}

async function expectClean(path: string, code: string): Promise<void> {
  expect(await lint(path, code), `${path}:\n${code}`).toEqual([]);
}

describe('src-shared runs anywhere', () => {
  it.each([
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['fs', "import { readFileSync } from 'fs';\nexport const f = readFileSync;\n"],
    ['fs/promises', "import { readFile } from 'fs/promises';\nexport const f = readFile;\n"],
    ['path', "import { join } from 'path';\nexport const f = join;\n"],
  ])('refuses the Node module %s', async (_name, code) => {
    await expectRule('src-shared/x.ts', code, 'no-restricted-imports', /no Node APIs/);
  });

  it('refuses electron', async () => {
    await expectRule('src-shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'no-restricted-imports', /Electron/);
  });

  it.each([
    ['src-shared/x.ts', '../src-main/app/paths.js'],
    ['src-shared/api/x.ts', '../../src-main/app/paths.js'],
    ['src-shared/model/x.ts', '../../src-renderer/state/store.js'],
  ])('%s refuses importing %s', async (path, spec) => {
    await expectRule(path, `import { thing } from '${spec}';\nexport const t = thing;\n`, 'no-restricted-imports', /src-shared imports nothing/);
  });

  it.each([
    ['window', 'export const w = window.innerWidth;\n'],
    ['document', "export const d = document.title;\n"],
    ['process', "export const p = process.env['X'];\n"],
    ['Buffer', "export const b = Buffer.from('x');\n"],
  ])('refuses the global %s', async (name, code) => {
    await expectRule('src-shared/x.ts', code, 'no-restricted-globals', new RegExp(name === 'window' || name === 'document' ? 'DOM' : 'Node globals'));
  });

  it('allows zod and imports inside src-shared', async () => {
    await expectClean(
      'src-shared/api/x.ts',
      "import { z } from 'zod';\nimport { PlatformSchema } from '../model/site.js';\nexport const s = z.object({ p: PlatformSchema });\n",
    );
  });
});

describe('src-renderer goes through the contract', () => {
  it.each(['../src-main/anything.js', '../src-main/api/handlers.js', '../../src-main/app/paths.js'])('refuses importing %s', async (spec) => {
    const path = spec.startsWith('../../') ? 'src-renderer/components/x.ts' : 'src-renderer/x.ts';
    await expectRule(path, `import { thing } from '${spec}';\nexport const t = thing;\n`, 'no-restricted-imports', /src-renderer never imports src-main/);
  });

  it.each([
    ['node:path', 'no Node APIs'],
    ['electron', 'Electron'],
  ])('refuses %s', async (spec, message) => {
    await expectRule('src-renderer/x.ts', `import { thing } from '${spec}';\nexport const t = thing;\n`, 'no-restricted-imports', new RegExp(message));
  });

  it('refuses Node globals in a .tsx file', async () => {
    await expectRule('src-renderer/x.tsx', "export const p = process.env['X'];\n", 'no-restricted-globals');
  });

  it('allows the shared contract', async () => {
    await expectClean('src-renderer/x.ts', "import { CHANNELS } from '../src-shared/api/contract.js';\nexport const c = CHANNELS;\n");
  });
});

describe('src-main', () => {
  it('refuses raw ipcRenderer outside the preload', async () => {
    await expectRule('src-main/api/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'no-restricted-imports', /ipcRenderer/);
  });

  it('refuses raw ipcRenderer in the Electron main process too', async () => {
    await expectRule('src-main/electron/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'no-restricted-imports', /ipcRenderer/);
  });

  it('refuses electron outside src-main/electron', async () => {
    await expectRule('src-main/fleet/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'no-restricted-imports', /only src-main\/electron/);
  });

  it.each(['src-main/plc/x.ts', 'src-main/sim/x.ts', 'src-main/safety/x.ts', 'src-main/change/x.ts'])('%s is pure: no node:fs', async (path) => {
    await expectRule(path, "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'no-restricted-imports', /no Node APIs/);
  });

  it('the pure cores refuse Node globals', async () => {
    await expectRule('src-main/plc/x.ts', "export const p = process.env['X'];\n", 'no-restricted-globals');
  });

  it('allows node:fs in the fleet reader', async () => {
    await expectClean('src-main/fleet/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
  });

  it('allows electron in src-main/electron', async () => {
    await expectClean('src-main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n");
  });

  it('allows require of electron and ipcRenderer in the preload', async () => {
    await expectClean(
      'src-main/electron/preload.cts',
      "const { contextBridge, ipcRenderer } = require('electron');\ncontextBridge.exposeInMainWorld('x', { send: () => ipcRenderer.send('y') });\n",
    );
  });

  it('refuses require of electron in any other .cts', async () => {
    await expectRule('src-main/api/x.cts', "const { ipcRenderer } = require('electron');\nipcRenderer.send('y');\n", '@typescript-eslint/no-require-imports');
  });
});

describe('the repository', () => {
  it('lints with no errors', async () => {
    const results = await eslint.lintFiles(['.']);
    expect(results.length).toBeGreaterThan(20);
    const linted = results.map((r) => r.filePath);
    expect(linted).toContain(join(REPO, 'src-shared', 'api', 'contract.ts'));
    expect(linted).toContain(join(REPO, 'src-main', 'electron', 'preload.cts'));
    const errors = ESLint.getErrorResults(results).flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}: ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  }, 120_000);
});
