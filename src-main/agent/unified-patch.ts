/**
 * Applies a unified diff (as `diff -u` or `unifiedDiff` writes it) to one file's text, exactly: every hunk's
 * context and removed lines must be found at the line the hunk header names. Line terminators are compared
 * loosely (the model writes `\n`), and inserted lines take the file's own line ending.
 */
export type PatchResult = { ok: true; text: string } | { ok: false; reason: string };

interface Hunk {
  oldStart: number;
  oldLen: number;
  newLen: number;
  lines: { sign: ' ' | '-' | '+'; text: string }[];
  header: string;
}

function parse(diff: string, path: string): Hunk[] | string {
  const hunks: Hunk[] = [];
  let cur: Hunk | null = null;
  const lines = diff.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    if (!cur && (line.startsWith('--- ') || line.startsWith('+++ '))) {
      const named = line.slice(4).split('\t')[0]!.trim().replace(/^[ab]\//, '');
      if (named !== path && named !== '/dev/null') return `the diff header names ${JSON.stringify(named)}, not ${JSON.stringify(path)}`;
      continue;
    }
    const h = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (h) {
      cur = { oldStart: Number(h[1]), oldLen: h[2] === undefined ? 1 : Number(h[2]), newLen: h[4] === undefined ? 1 : Number(h[4]), lines: [], header: line };
      hunks.push(cur);
      continue;
    }
    if (line.startsWith('\\')) continue; // "\ No newline at end of file"
    if (!cur) return `line ${i + 1} of the diff comes before any @@ hunk header: ${JSON.stringify(line)}`;
    const sign = line[0] ?? ' ';
    if (sign !== ' ' && sign !== '-' && sign !== '+') return `line ${i + 1} of the diff starts with neither " ", "-" nor "+": ${JSON.stringify(line)}`;
    cur.lines.push({ sign, text: line.slice(1) });
  }
  if (!hunks.length) return 'the diff has no @@ hunk';
  for (const h of hunks) {
    const oldN = h.lines.filter((l) => l.sign !== '+').length;
    const newN = h.lines.filter((l) => l.sign !== '-').length;
    if (oldN !== h.oldLen || newN !== h.newLen) return `hunk "${h.header}" says ${h.oldLen} old and ${h.newLen} new lines but has ${oldN} and ${newN}`;
  }
  return hunks;
}

export function applyUnifiedDiff(text: string, diff: string, path: string): PatchResult {
  const hunks = parse(diff, path);
  if (typeof hunks === 'string') return { ok: false, reason: hunks };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const src = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const strip = (l: string): string => l.replace(/\r?\n$/, '');
  const out: string[] = [];
  let at = 0; // next source line index (0-based) not yet copied
  for (const h of hunks) {
    const start = h.oldLen === 0 ? h.oldStart : h.oldStart - 1;
    if (start < at) return { ok: false, reason: `hunk "${h.header}" overlaps the hunk before it` };
    out.push(...src.slice(at, start));
    let i = start;
    for (const l of h.lines) {
      if (l.sign === '+') {
        out.push(l.text + eol);
        continue;
      }
      const have = src[i];
      if (have === undefined || strip(have) !== l.text) {
        return { ok: false, reason: `hunk "${h.header}" does not apply: line ${i + 1} is ${have === undefined ? 'past the end of the file' : JSON.stringify(strip(have))}, the diff expects ${JSON.stringify(l.text)}` };
      }
      if (l.sign === ' ') out.push(have);
      i++;
    }
    at = i;
  }
  out.push(...src.slice(at));
  return { ok: true, text: out.join('') };
}
