import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, diffStats, splitLines, unifiedDiff } from '../../src-main/change/line-diff.js';

/** Applies a unified diff produced by unifiedDiff; a tiny independent reader so the property test has teeth. */
function applyUnified(before: string, patch: string): string {
  if (patch === '') return before;
  const src = splitLines(before);
  const lines = patch.split(/(?<=\n)/);
  const out: string[] = [];
  let pos = 0;
  let i = 2;
  while (i < lines.length) {
    const m = /^@@ -(\d+),(\d+) \+\d+,\d+ @@/.exec(lines[i]!)!;
    const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
    while (pos < start) out.push(src[pos++]!);
    i++;
    while (i < lines.length && !lines[i]!.startsWith('@@')) {
      let line = lines[i]!.slice(1);
      const sign = lines[i]![0];
      if (lines[i + 1]?.startsWith('\\ No newline')) {
        line = line.slice(0, -1);
        i++;
      }
      if (sign === ' ') {
        out.push(line);
        pos++;
      } else if (sign === '-') pos++;
      else out.push(line);
      i++;
    }
  }
  while (pos < src.length) out.push(src[pos++]!);
  return out.join('');
}

describe('line diff', () => {
  it('splits keeping line terminators', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a\r\n', 'b\n', 'c']);
    expect(splitLines('')).toEqual([]);
  });

  it('finds a single inserted line', () => {
    const ops = diffLines(['a\n', 'b\n', 'c\n'], ['a\n', 'x\n', 'b\n', 'c\n']);
    expect(ops.map((o) => o.kind)).toEqual(['equal', 'insert', 'equal', 'equal']);
    expect(diffStats(ops)).toEqual({ added: 1, removed: 0 });
  });

  it('writes a unified diff with hunk headers and context', () => {
    const before = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n';
    const after = 'l1\nl2\nl3\nl4\nL5\nl6\nl7\nl8\n';
    expect(unifiedDiff('src/Main.st', before, after)).toBe(
      '--- a/src/Main.st\n+++ b/src/Main.st\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n',
    );
    expect(unifiedDiff('x', before, before)).toBe('');
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('x', 'a\nb', 'a\nc')).toContain('-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
  });

  const text = fc.array(fc.constantFrom('a\n', 'b\n', 'c\n', 'END_IF;\n', '\r\n', 'x'), { maxLength: 30 }).map((l) => l.join(''));

  it('property: the edit script rebuilds both sides', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ops = diffLines(splitLines(a), splitLines(b));
        expect(ops.filter((o) => o.kind !== 'insert').map((o) => o.line).join('')).toBe(a);
        expect(ops.filter((o) => o.kind !== 'delete').map((o) => o.line).join('')).toBe(b);
      }),
    );
  });

  it('property: applying the unified diff to before gives after', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(applyUnified(a, unifiedDiff('f', a, b))).toBe(b);
      }),
    );
  });
});
