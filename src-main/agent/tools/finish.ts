import type { AgentTool } from './tool.js';

export const finishTool: AgentTool = {
  name: 'finish',
  description: 'Declare the recipe applied and the work done, with a short summary of the changes. Refused while check reports new errors.',
  parameters: {
    type: 'object',
    properties: { summary: { type: 'string', description: 'what was changed and why' } },
    required: ['summary'],
  },
  async handler(args, ctx) {
    const r = await ctx.checker.check(ctx.copy);
    ctx.state.lastCheck = r;
    if (!r.clean && !ctx.state.finishRefused) {
      ctx.state.finishRefused = true;
      return { ok: false, content: `finish refused: the check still fails. Fix these first:\n${r.text}` };
    }
    ctx.state.finished = { summary: args.summary as string };
    return { ok: true, content: r.clean ? 'finished' : `finished with a failing check (it was refused once):\n${r.text}` };
  },
};
