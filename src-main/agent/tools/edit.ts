import { applyUnifiedDiff } from '../unified-patch.js';
import type { AgentTool } from './tool.js';

function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) n++;
  return n;
}

export const editTool: AgentTool = {
  name: 'edit',
  description:
    'Edit one file. Either replace exact text: give `old` (must occur exactly once in the file, whitespace included) and `new`; ' +
    'or give `diff`, a unified diff of that file that must apply exactly. The check result is appended after every edit.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'file path as list_files shows it' },
      old: { type: 'string', description: 'exact text to replace; must occur exactly once' },
      new: { type: 'string', description: 'replacement text' },
      diff: { type: 'string', description: 'a unified diff (@@ hunks) of this file, instead of old/new' },
    },
    required: ['path'],
  },
  async handler(args, ctx) {
    const path = args.path as string;
    const text = ctx.copy.read(path);
    let next: string;
    if (typeof args.diff === 'string') {
      if (args.old !== undefined || args.new !== undefined) return { ok: false, content: 'edit: give either `diff` or `old` and `new`, not both' };
      const r = applyUnifiedDiff(text, args.diff, path);
      if (!r.ok) return { ok: false, content: `edit rejected: ${path}: ${r.reason}` };
      next = r.text;
    } else {
      if (typeof args.old !== 'string' || typeof args.new !== 'string') return { ok: false, content: 'edit: give `old` and `new` (or `diff`)' };
      if (args.old === '') return { ok: false, content: 'edit rejected: `old` is empty' };
      const n = count(text, args.old);
      if (n === 0) return { ok: false, content: `edit rejected: ${path}: \`old\` was not found (it must match the file exactly, whitespace included; use read_file to see the text)` };
      if (n > 1) return { ok: false, content: `edit rejected: ${path}: \`old\` occurs ${n} times; include more surrounding text so it occurs exactly once` };
      const at = text.indexOf(args.old);
      next = text.slice(0, at) + args.new + text.slice(at + args.old.length);
    }
    if (next === text) return { ok: false, content: `edit rejected: ${path}: the edit changes nothing` };
    ctx.copy.write(path, next);
    ctx.state.edited = true;
    return { ok: true, content: `edited ${path}` };
  },
};
