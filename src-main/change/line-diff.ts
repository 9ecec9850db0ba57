export type DiffOp = { kind: 'equal' | 'insert' | 'delete'; line: string };

/** Above this many differing lines the exact shortest script costs too much memory; fall back to replace-all. */
const MAX_EDIT_DISTANCE = 4000;

/** Splits keeping each line's terminator, so a diff can tell "\r\n" from "\n" and a missing final newline. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const out = text.match(/[^\n]*\n|[^\n]+$/g);
  return out ?? [];
}

/** Myers' O(ND) shortest edit script over lines. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = a.slice(0, start).map((line) => ({ kind: 'equal' as const, line }));
  ops.push(...middle(a.slice(start, endA), b.slice(start, endB)));
  ops.push(...a.slice(endA).map((line) => ({ kind: 'equal' as const, line })));
  return ops;
}

function middle(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ kind: 'insert', line }));
  if (m === 0) return a.map((line) => ({ kind: 'delete', line }));
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) {
    return [...a.map((line) => ({ kind: 'delete' as const, line })), ...b.map((line) => ({ kind: 'insert' as const, line }))];
  }
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: 'equal', line: a[--x]! });
      y--;
    }
    if (x === prevX) ops.push({ kind: 'insert', line: b[--y]! });
    else ops.push({ kind: 'delete', line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: 'equal', line: a[--x]! });
    y--;
  }
  return ops.reverse();
}

export interface DiffStats {
  added: number;
  removed: number;
}

export function diffStats(ops: readonly DiffOp[]): DiffStats {
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op.kind === 'insert') added++;
    else if (op.kind === 'delete') removed++;
  }
  return { added, removed };
}

/** A `diff -u` style text with `context` lines around each hunk; empty when the texts are equal. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const ops = diffLines(splitLines(before), splitLines(after));
  if (!ops.some((o) => o.kind !== 'equal')) return '';
  const out = [`--- a/${path}\n`, `+++ b/${path}\n`];
  const changed = ops.map((o) => o.kind !== 'equal');
  let i = 0;
  while (i < ops.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2*context lines.
    for (;;) {
      while (end < ops.length && changed[end]) end++;
      let gap = end;
      while (gap < ops.length && !changed[gap] && gap - end < 2 * context) gap++;
      if (gap < ops.length && changed[gap]) end = gap;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    let aStart = 1;
    let bStart = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]!.kind !== 'insert') aStart++;
      if (ops[j]!.kind !== 'delete') bStart++;
    }
    const body: string[] = [];
    let aLen = 0;
    let bLen = 0;
    for (let j = start; j < stop; j++) {
      const op = ops[j]!;
      const sign = op.kind === 'equal' ? ' ' : op.kind === 'insert' ? '+' : '-';
      if (op.kind !== 'insert') aLen++;
      if (op.kind !== 'delete') bLen++;
      body.push(sign + (op.line.endsWith('\n') ? op.line : op.line + '\n\\ No newline at end of file\n'));
    }
    out.push(`@@ -${aLen ? aStart : aStart - 1},${aLen} +${bLen ? bStart : bStart - 1},${bLen} @@\n`, ...body);
    i = stop;
  }
  return out.join('');
}
