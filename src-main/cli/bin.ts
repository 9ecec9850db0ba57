#!/usr/bin/env node
// The `plantshift` command. `npm ci` compiles it to dist/ through the `prepare` script.
import { cliMain, processIo } from './main.js';

process.exitCode = await cliMain(process.argv.slice(2), processIo());
