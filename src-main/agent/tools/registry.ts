import type { ToolSpec } from '../../llm/provider.js';
import { checkTool } from './check.js';
import { editTool } from './edit.js';
import { finishTool } from './finish.js';
import { listFilesTool } from './list-files.js';
import { readFileTool } from './read-file.js';
import { searchTool } from './search.js';
import { toolSpec, type AgentTool } from './tool.js';


/** Every tool the agent is offered, in the order they are listed to the model. */
export const AGENT_TOOLS: readonly AgentTool[] = [listFilesTool, readFileTool, searchTool, editTool, checkTool, finishTool];

export const AGENT_TOOL_SPECS: readonly ToolSpec[] = AGENT_TOOLS.map(toolSpec);

export function findTool(name: string): AgentTool | undefined {
  return AGENT_TOOLS.find((t) => t.name === name);
}
