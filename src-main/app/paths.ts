import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | null = null;

/**
 * The installed package's root, found by walking up from this module. Works from the TypeScript sources
 * (tests) and from dist/ alike, so prompts/, models/ and the renderer bundle are found without a cwd.
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
      if (name === 'plantshift') return (cachedRoot = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('plantshift package root not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function promptsDir(): string {
  return join(packageRoot(), 'prompts');
}

export function rendererDistDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}

export function exampleFleetDir(): string {
  return join(packageRoot(), 'examples', 'fleet');
}

/** Per-user data folder; PLANTSHIFT_HOME overrides it (tests, portable installs on USB media). */
export function dataHome(): string {
  return process.env['PLANTSHIFT_HOME'] ?? join(homedir(), '.plantshift');
}

export function defaultDbPath(): string {
  return join(dataHome(), 'plantshift.db');
}
