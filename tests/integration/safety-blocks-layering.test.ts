import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/temp.js';

// safety-blocks/ sits below sim/, formal/, safety/ and plc/check/ (ARCHITECTURE.md): lint refuses those imports
// there, and the Node and Electron ones every pure core refuses, while the tiny pure helpers below stay allowed.
const eslint = new ESLint({ cwd: REPO });

async function errors(path: string, spec: string): Promise<string[]> {
  const code = `import { thing } from '${spec}';\nexport const t = thing;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(REPO, path) });
  expect(result!.messages.filter((m) => /ignored/i.test(m.message)), path).toEqual([]);
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('safety-blocks layering', () => {
  it.each([
    ['src-main/safety-blocks/core/x.ts', '../../sim/native-fb.js'],
    ['src-main/safety-blocks/core/x.ts', '../../sim/safety/index.js'],
    ['src-main/safety-blocks/sf-espe/x.ts', '../../formal/z3-context.js'],
    ['src-main/safety-blocks/x.ts', '../safety/bool-expr.js'],
    ['src-main/safety-blocks/x.ts', '../plc/check/types.js'],
    ['src-main/safety-blocks/sf-edm/x.ts', '../../plc/check/index.js'],
  ])('%s refuses %s', async (path, spec) => {
    expect((await errors(path, spec)).join('\n')).toMatch(/^no-restricted-imports: .*safety-blocks sits below/);
  });

  it.each([
    ['node:fs', /no Node APIs/],
    ['electron', /Electron/],
  ])('is pure: refuses %s', async (spec, message) => {
    expect((await errors('src-main/safety-blocks/core/x.ts', spec)).join('\n')).toMatch(message);
  });

  it.each([
    ['src-main/safety-blocks/x.ts', '../plc/st/ast.js'],
    ['src-main/safety-blocks/sf-espe/x.ts', '../core/state-machine.js'],
    ['src-main/safety-blocks/sf-espe/x.ts', '../sf-emergency-stop/index.js'],
  ])('%s may import %s', async (path, spec) => {
    expect(await errors(path, spec)).toEqual([]);
  });

  it('sim, formal, safety and the checker may import safety-blocks', async () => {
    for (const path of ['src-main/sim/x.ts', 'src-main/formal/x.ts', 'src-main/safety/x.ts', 'src-main/plc/check/x.ts']) {
      expect(await errors(path, '../safety-blocks/index.js'), path).toEqual([]);
    }
  });
});
