// Child process for the formal stage: Z3 runs as WebAssembly with a heap that only grows, and a solver abort
// takes its whole process down. Each proof therefore runs here, in a process of its own that the parent can
// time out and that leaves nothing behind. Input on stdin, the FormalResult as JSON on stdout.
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

const chunks: Buffer[] = [];
for await (const c of process.stdin) chunks.push(c as Buffer);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Job;
const v = toSiteVersion(buildSiteProgram(job.dir, job.config, job.sources), job.version);
const result = await proveSafety(v, { bound: job.bound, timeoutMs: job.timeoutMs });
process.stdout.write(JSON.stringify(result));
process.exit(0);
