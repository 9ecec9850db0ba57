import type { AgentTool } from './tool.js';

export const checkTool: AgentTool = {
  name: 'check',
  description: 'Compile the edited site and run the static safety rules; reports only errors and safety findings that are new compared with the original, as file:line.',
  parameters: { type: 'object', properties: {}, required: [] },
  async handler(_args, ctx) {
    const r = await ctx.checker.check(ctx.copy);
    ctx.state.lastCheck = r;
    return { ok: true, content: r.text };
  },
};
