import type { AgentTool } from './tool.js';

export const listFilesTool: AgentTool = {
  name: 'list_files',
  description: 'List the source files of the site (paths relative to the site) with their line counts.',
  parameters: { type: 'object', properties: {}, required: [] },
  async handler(_args, ctx) {
    const lines = ctx.copy.paths().map((p) => `${p} (${ctx.copy.read(p).split('\n').length} lines)`);
    return { ok: true, content: lines.join('\n') };
  },
};
