import type { AgentTool } from './tool.js';

export const readFileTool: AgentTool = {
  name: 'read_file',
  description: 'Read a source file with numbered lines ("  12| text"). Optional start_line and end_line (1-based, inclusive) select a range.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'file path as list_files shows it' },
      start_line: { type: 'integer', description: 'first line, 1-based' },
      end_line: { type: 'integer', description: 'last line, inclusive' },
    },
    required: ['path'],
  },
  async handler(args, ctx) {
    const path = args.path as string;
    const lines = ctx.copy.read(path).replace(/\r?\n$/, '').split(/\r?\n/);
    const from = (args.start_line as number | undefined) ?? 1;
    const to = Math.min((args.end_line as number | undefined) ?? lines.length, lines.length);
    if (from < 1 || from > lines.length) return { ok: false, content: `${path}: start_line ${from} is outside the file (1-${lines.length})` };
    if (to < from) return { ok: false, content: `${path}: end_line ${to} is before start_line ${from}` };
    const w = String(to).length;
    const body = lines.slice(from - 1, to).map((l, i) => `${String(from + i).padStart(w)}| ${l}`);
    return { ok: true, content: [`${path} lines ${from}-${to} of ${lines.length}`, ...body].join('\n') };
  },
};
