import { Codemod, type Span } from '../../../plc/edit/codemod.js';
import { detectStyle, keyword, type HouseStyle } from '../../../plc/edit/style.js';
import type { Segment } from '../../../plc/source/mapped-source.js';
import type { SiteContext, UnitInfo } from './site-context.js';

/** An edit the source map cannot carry to the container file (generated glue, entity-escaped XML text). */
export class NotEditable extends Error {}

/**
 * Edits a site's container files through the ST units' source maps: every span is given in the parser's
 * (virtual) offsets, mapped to the container only where the map is verbatim (a plain ST file, a CDATA
 * section), and applied with the span-edit Codemod on the container text, so the rest of the file (XML,
 * comments, line ends) stays byte for byte. A span the map cannot carry raises `NotEditable`; the caller
 * skips the variant and records why.
 */
export class SiteEditor {
  private readonly mods = new Map<string, Codemod>();
  private readonly added = new Map<string, string>();

  constructor(readonly ctx: SiteContext) {}

  /** The house style of a unit's ST text (indent, keyword case, line end). */
  style(unit: UnitInfo): HouseStyle {
    return detectStyle(unit.cs.source.text, unit.cs.parse.tokens);
  }

  kw(unit: UnitInfo, word: string): string {
    return keyword(word, this.style(unit));
  }

  private mod(unit: UnitInfo): Codemod {
    let m = this.mods.get(unit.path);
    if (!m) this.mods.set(unit.path, (m = new Codemod(this.ctx.files.get(unit.path) ?? '', this.style(unit))));
    return m;
  }

  /**
   * Replaces container bytes directly, outside any ST unit's source map: an L5X element, attribute or rung
   * text the ladder generators located with the XML and RLL readers. The span is in file offsets.
   */
  raw(path: string, span: Span, text: string): this {
    const unit = this.ctx.units.find((u) => u.path === path);
    if (!unit) throw new NotEditable(`${path}: no source unit was read from this file`);
    const m = this.mod(unit);
    if (span.start < 0 || span.end > m.text.length || span.end < span.start) throw new NotEditable(`${path}: offsets ${span.start}-${span.end} are outside the file`);
    m.replace(span, text);
    return this;
  }

  /** The verbatim segment holding virtual [start, end], or null. */
  private segment(unit: UnitInfo, start: number, end: number): Segment | null {
    const hits = unit.cs.source.segments.filter((s) => s.fileOffset !== null && s.start <= start && end <= s.end);
    // Where two verbatim stretches meet (a Declaration and an Implementation CDATA), an offset at the seam
    // belongs to the stretch that starts there: the edit goes before the statement, not after the declarations.
    return hits.find((s) => start < s.end) ?? hits[0] ?? null;
  }

  /** Whether the map carries this virtual span to the container byte for byte. */
  editable(unit: UnitInfo, span: Span): boolean {
    return this.segment(unit, span.start, span.end) !== null;
  }

  private map(unit: UnitInfo, span: Span): Span {
    const seg = this.segment(unit, span.start, span.end);
    if (!seg) throw new NotEditable(`${unit.path}: offsets ${span.start}-${span.end} are generated glue (not a verbatim copy of the container), so the source map cannot carry an edit there`);
    const at = seg.fileOffset! - seg.start;
    return { start: span.start + at, end: span.end + at };
  }

  replace(unit: UnitInfo, span: Span, text: string): this {
    this.guardText(unit, text);
    this.mod(unit).replace(this.map(unit, span), text);
    return this;
  }

  insertAt(unit: UnitInfo, offset: number, text: string): this {
    this.guardText(unit, text);
    this.mod(unit).insertBefore(this.map(unit, { start: offset, end: offset }), text);
    return this;
  }

  private guardText(unit: UnitInfo, text: string): void {
    const logix = unit.format === 'l5x' || unit.format === 'l5k';
    if (logix && /[\r\n]/.test(text)) throw new NotEditable(`${unit.path}: Logix ST lines are one element each; a new line is outside the source map`);
    if (unit.format !== 'st' && text.includes(']]>')) throw new NotEditable(`${unit.path}: the inserted text would end the CDATA section`);
  }

  /** Leading whitespace of the virtual line holding `offset`. */
  indentAt(unit: UnitInfo, offset: number): string {
    const t = unit.cs.source.text;
    let i = offset;
    while (i > 0 && t[i - 1] !== '\n' && t[i - 1] !== '\r') i--;
    return /^[ \t]*/.exec(t.slice(i, offset))![0];
  }

  private lines(unit: UnitInfo, lines: readonly string[], indent: string): string {
    const eol = this.style(unit).eol;
    return lines.map((l) => (l ? indent + l : l) + eol).join('');
  }

  /** Inserts whole lines after the line where `stmt` ends, indented like `stmt` (plus `extra` steps). */
  insertLinesAfter(unit: UnitInfo, stmt: Span, lines: readonly string[], extra = 0): this {
    const t = unit.cs.source.text;
    const indent = this.indentAt(unit, stmt.start) + this.style(unit).indent.repeat(extra);
    let i = stmt.end;
    while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
    const hasBreak = i < t.length;
    if (t[i] === '\r') i++;
    if (t[i] === '\n') i++;
    if (hasBreak && this.segment(unit, stmt.end, i)) return this.insertAt(unit, i, this.lines(unit, lines, indent));
    // The statement ends its verbatim stretch (last line of a CDATA section): break the line ourselves.
    const eol = this.style(unit).eol;
    return this.insertAt(unit, stmt.end, eol + this.lines(unit, lines, indent).replace(/\r?\n$/, ''));
  }

  /** Inserts whole lines before the line where `stmt` starts, indented like it. */
  insertLinesBefore(unit: UnitInfo, stmt: Span, lines: readonly string[]): this {
    const t = unit.cs.source.text;
    let ls = stmt.start;
    while (ls > 0 && t[ls - 1] !== '\n' && t[ls - 1] !== '\r') ls--;
    const indent = this.indentAt(unit, stmt.start);
    if (t.slice(ls, stmt.start).trim() === '' && this.segment(unit, ls, stmt.start)) return this.insertAt(unit, ls, this.lines(unit, lines, indent));
    return this.insertAt(unit, stmt.start, this.lines(unit, lines, '') + indent);
  }

  /** A new file of the site (a new ST file matched by the site's source globs). */
  addFile(path: string, text: string): this {
    if (this.ctx.files.has(path)) throw new NotEditable(`${path} exists already`);
    this.added.set(path, text);
    return this;
  }

  /** Every source file of the site after the edits, in the site's order, new files last. */
  result(): { files: { path: string; text: string }[]; changed: string[] } {
    const files: { path: string; text: string }[] = [];
    const changed: string[] = [];
    for (const [path, text] of this.ctx.files) {
      const m = this.mods.get(path);
      const after = m ? m.apply() : text;
      if (after !== text) changed.push(path);
      files.push({ path, text: after });
    }
    for (const [path, text] of this.added) {
      files.push({ path, text });
      changed.push(path);
    }
    return { files, changed };
  }
}
