import type { AgentTool } from './tool.js';

export const searchTool: AgentTool = {
  name: 'search',
  description: 'Search the source files for a substring (or a JavaScript regular expression with regex=true). Prints "file:line: text" per match.',
  parameters: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'text to find (case-sensitive), or a regex' },
      regex: { type: 'boolean', description: 'treat query as a regular expression' },
      path: { type: 'string', description: 'only this file' },
      max_results: { type: 'integer', description: 'at most this many matches (default 50)' },
    },
    required: ['query'],
  },
  async handler(args, ctx) {
    const query = args.query as string;
    if (query === '') return { ok: false, content: 'search: query is empty' };
    let test: (line: string) => boolean;
    if (args.regex === true) {
      let re: RegExp;
      try {
        re = new RegExp(query);
      } catch (err) {
        return { ok: false, content: `search: invalid regular expression ${JSON.stringify(query)}: ${(err as Error).message}` };
      }
      test = (l) => re.test(l);
    } else test = (l) => l.includes(query);
    const max = Math.max(1, (args.max_results as number | undefined) ?? 50);
    const paths = args.path !== undefined ? [ctx.copy.resolve(args.path as string)] : ctx.copy.paths();
    const hits: string[] = [];
    let total = 0;
    for (const p of paths) {
      ctx.copy
        .read(p)
        .split(/\r?\n/)
        .forEach((line, i) => {
          if (!test(line)) return;
          total++;
          if (hits.length < max) hits.push(`${p}:${i + 1}: ${line}`);
        });
    }
    if (!total) return { ok: true, content: `no match for ${JSON.stringify(query)}` };
    const more = total > hits.length ? [`(${total - hits.length} more match(es) not shown; raise max_results or narrow the query)`] : [];
    return { ok: true, content: [...hits, ...more].join('\n') };
  },
};
