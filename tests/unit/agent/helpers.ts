import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteConfig } from '../../../src-shared/model/site.js';
import { parseSiteConfig } from '../../../src-main/fleet/site-config.js';
import { WorkingCopy } from '../../../src-main/agent/working-copy.js';
import type { ToolCall } from '../../../src-main/llm/provider.js';
import type { ScriptedTurn } from '../../../src-main/llm/scripted-provider.js';

export const SITE_DIR = join(import.meta.dirname, '../../../examples/fleet/press-line-2');

export function pressLine2(): { config: SiteConfig; copy: WorkingCopy } {
  const parsed = parseSiteConfig(readFileSync(join(SITE_DIR, 'site.yaml'), 'utf8'), 'site.yaml');
  if (!parsed.config) throw new Error(`press-line-2 site.yaml: ${JSON.stringify(parsed.problems)}`);
  const files = readdirSync(join(SITE_DIR, 'src'))
    .filter((f) => f.endsWith('.st'))
    .map((f) => ({ path: `src/${f}`, text: readFileSync(join(SITE_DIR, 'src', f), 'utf8') }));
  return { config: parsed.config, copy: new WorkingCopy(files) };
}

let n = 0;
/** A scripted assistant turn with one tool call per entry. */
export function turn(...calls: [name: string, args: unknown][]): ScriptedTurn {
  const toolCalls: ToolCall[] = calls.map(([name, args]) => ({ id: `call_${++n}`, name, arguments: args, raw: JSON.stringify(args) }));
  return { message: { content: '', toolCalls }, usage: { promptTokens: 100, completionTokens: 10, cachedPromptTokens: 50 } };
}

export function rawTurn(name: string, raw: string): ScriptedTurn {
  return { message: { content: '', toolCalls: [{ id: `call_${++n}`, name, arguments: null, raw }] } };
}
