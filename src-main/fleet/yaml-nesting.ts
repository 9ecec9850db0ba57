/**
 * How deeply a YAML text nests, checked before the YAML library sees it: the library recurses once per level and
 * reports a stack overflow as a parse error ("Maximum call stack size exceeded") on a few thousand levels, which
 * says nothing to a person. No site.yaml or scenario nests more than a handful of levels. Pure (no `node:`).
 */

/** Deeper than this, a site.yaml or scenario is refused at the line where the limit is passed. */
export const MAX_YAML_NESTING = 64;

/**
 * The first line where block indentation, `- ` items and flow brackets (`[`, `{`) together nest deeper than
 * `limit`, with a message; null when the text stays within it. Quoted strings and comments do not count.
 */
export function yamlNestingProblem(text: string, limit = MAX_YAML_NESTING): { line: number; message: string } | null {
  const indents: number[] = [];
  let flow = 0;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let p = 0;
    while (line[p] === ' ') p++;
    if (p === line.length || line[p] === '#') continue;
    let block = 0;
    if (flow === 0) {
      while (indents.length && indents[indents.length - 1]! >= p) indents.pop();
      indents.push(p);
      // `- - - x` opens one sequence per dash on the same line.
      while (line[p] === '-' && (line[p + 1] === ' ' || p + 1 === line.length)) {
        block++;
        p += 2;
        while (line[p] === ' ') p++;
      }
    }
    let deepest = flow;
    let quote: string | null = null;
    for (let c = p; c < line.length; c++) {
      const ch = line[c]!;
      if (quote) {
        if (ch === '\\' && quote === '"') c++;
        else if (ch === quote) quote = null;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#' && (c === 0 || line[c - 1] === ' ')) break;
      else if (ch === '[' || ch === '{') deepest = Math.max(deepest, ++flow);
      else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    }
    const depth = indents.length + block + deepest;
    if (depth > limit) return { line: i + 1, message: `nested more than ${limit} levels deep (indentation, "- " items and brackets together); no site.yaml or scenario needs that, so it is not read` };
  }
  return null;
}
