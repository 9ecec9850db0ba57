#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build`, which `npm ci` runs through `prepare`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src-main', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(`plantshift: not built yet (${entry} is missing); run "npm run build" in the Plantshift folder\n`);
  process.exit(2);
}
const { cliMain, processIo } = await import(pathToFileURL(entry).href);
process.exitCode = await cliMain(process.argv.slice(2), processIo());
