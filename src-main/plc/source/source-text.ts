/** A position as people read it: 1-based line and column (column counts UTF-16 units, like editors do). */
export interface LineCol {
  line: number;
  column: number;
}

/**
 * One source text and its line index. Every span in the language core is a pair of offsets into such a text;
 * lines and columns are computed only when a person needs to see them.
 */
export class SourceText {
  private lineStarts: number[] | null = null;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && t.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    return (this.lineStarts = starts);
  }

  /** Line and column of an offset; one outside the text (or not a number) is clamped into it, never NaN. */
  lineCol(offset: number): LineCol {
    offset = Number.isFinite(offset) ? Math.min(Math.max(0, Math.floor(offset)), this.text.length) : 0;
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The text of a 1-based line without its terminator. */
  lineText(line: number): string {
    const starts = this.starts();
    const s = starts[line - 1];
    if (s === undefined) return '';
    const e = starts[line] ?? this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$|\r$/, '');
  }

  get lineCount(): number {
    return this.starts().length;
  }
}
