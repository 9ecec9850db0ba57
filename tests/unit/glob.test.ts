import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGlobs, globProblem, globToRegExp } from '../../src-main/fleet/glob.js';
import { tempDir } from '../helpers/temp.js';

describe('globs', () => {
  it('matches like a shell, case-insensitively', () => {
    expect(globToRegExp('src/*.st').test('src/Main.ST')).toBe(true);
    expect(globToRegExp('src/*.st').test('src/sub/Main.st')).toBe(false);
    expect(globToRegExp('src/**/*.st').test('src/Main.st')).toBe(true);
    expect(globToRegExp('src/**/*.st').test('src/a/b/Main.st')).toBe(true);
    expect(globToRegExp('src/*.{st,scl}').test('src/FB.scl')).toBe(true);
    expect(globToRegExp('src/?.st').test('src/ab.st')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  it('refuses globs that leave the site folder', () => {
    expect(globProblem('../other/*.st')).toMatch(/may not leave/);
    expect(globProblem('/etc/*')).toMatch(/relative/);
    expect(globProblem('C:/plc/*.st')).toMatch(/relative/);
    expect(globProblem('src/*.st')).toBeNull();
  });

  it('expands to sorted relative paths and skips vendor build folders', () => {
    const root = tempDir();
    mkdirSync(join(root, 'src', 'sub'), { recursive: true });
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    for (const f of ['src/b.st', 'src/a.st', 'src/sub/c.st', 'src/notes.txt', 'node_modules/x.st']) writeFileSync(join(root, f), '');
    expect(expandGlobs(root, ['src/**/*.st'])).toEqual(['src/a.st', 'src/b.st', 'src/sub/c.st']);
    expect(expandGlobs(root, ['**/*.st'])).toEqual(['src/a.st', 'src/b.st', 'src/sub/c.st']);
  });
});
