// Child process for the formal stage: Z3 runs as WebAssembly with a heap that only grows, and a solver abort
// takes its whole process down. Each proof therefore runs here, in a process of its own that the parent can
// time out and that leaves nothing behind. Input on stdin, the FormalResult as JSON on stdout.
import { Worker } from 'node:worker_threads';
import { buildSiteProgram } from '../fleet/site-program.js';
import { toSiteVersion } from '../fleet/site-version-loader.js';
import { proveSafety } from '../formal/bmc.js';
import type { SiteConfig } from '../../src-shared/model/site.js';

interface Job {
  dir: string;
  config: SiteConfig;
  sources: { path: string; text: string }[];
  version: 'before' | 'after';
  bound: number;
  timeoutMs: number;
}

// The proof must not outlive the process that asked for it, even one killed with SIGKILL (no exit handler of
// its runs then). A parent that is gone shows as a changed parent pid (this process is handed to init or a
// subreaper). The check runs on a thread of its own, because this thread may be inside a long synchronous
// solver call; SIGKILL from there ends the whole process at once.
const parentArg = process.argv.find((a) => a.startsWith('--parent='));
const parent = parentArg ? Number(parentArg.slice('--parent='.length)) : process.ppid;
if (process.ppid !== parent) process.exit(3);
const watchdog = new Worker(
  `const { workerData } = require('node:worker_threads');
   setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, 'SIGKILL'); }, 200);`,
  { eval: true, workerData: parent },
);
watchdog.unref();

const chunks: Buffer[] = [];
for await (const c of process.stdin) chunks.push(c as Buffer);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Job;
const v = toSiteVersion(buildSiteProgram(job.dir, job.config, job.sources), job.version);
const result = await proveSafety(v, { bound: job.bound, timeoutMs: job.timeoutMs });
process.stdout.write(JSON.stringify(result));
process.exit(0);
