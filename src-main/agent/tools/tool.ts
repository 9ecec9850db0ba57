import type { JsonSchema, ToolSpec } from '../../llm/provider.js';
import type { CheckResult, SiteChecker } from '../site-check.js';
import type { WorkingCopy } from '../working-copy.js';

export interface ToolResult {
  /** false: the call was wrong (bad path, text not found, ...); the loop counts it as a retry. */
  ok: boolean;
  content: string;
}

/** What a tool may touch: the working copy, the checker, and the session's state the loop reads back. */
export interface ToolContext {
  copy: WorkingCopy;
  checker: SiteChecker;
  state: {
    /** Set by a successful edit; the loop then runs `check` and appends its result. */
    edited: boolean;
    lastCheck: CheckResult | null;
    /** Set when finish is accepted. */
    finished: { summary: string } | null;
    /** finish with a failing check is refused once. */
    finishRefused: boolean;
  };
}

export interface AgentTool {
  name: string;
  description: string;
  parameters: JsonSchema;
  handler(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
}

export function toolSpec(t: AgentTool): ToolSpec {
  return { name: t.name, description: t.description, parameters: t.parameters };
}

export function newToolState(): ToolContext['state'] {
  return { edited: false, lastCheck: null, finished: null, finishRefused: false };
}
