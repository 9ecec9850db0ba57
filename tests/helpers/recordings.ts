import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolCall } from '../../src-main/llm/provider.js';
import type { ScriptedTurn } from '../../src-main/llm/scripted-provider.js';
import { REPO } from './temp.js';

/** A recorded agent run of a seed recipe on its example site: the agent's turns, then the judge's reply. */
export interface Recording {
  file: string;
  recipe: string;
  site: string;
  turns: ScriptedTurn[];
}

export const RECORDINGS_DIR = join(REPO, 'tests', 'fixtures', 'agent-runs');

/** Reads every recording; `raw` (the arguments as the model wrote them) is filled from `arguments` where omitted. */
export function loadRecordings(): Recording[] {
  return readdirSync(RECORDINGS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = join(RECORDINGS_DIR, f);
      const data = JSON.parse(readFileSync(file, 'utf8')) as { recipe: string; site: string; turns: ScriptedTurn[] };
      for (const t of data.turns) {
        t.message.toolCalls = t.message.toolCalls?.map((c): ToolCall => ({ ...c, raw: c.raw ?? JSON.stringify(c.arguments) }));
      }
      return { file, ...data };
    });
}
