import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';

/**
 * One stretch of a virtual ST text and where it came from in its container file. `fileOffset` is set when the
 * stretch is a verbatim copy of container bytes (a CDATA section, a text file): then every offset maps exactly.
 * Otherwise (entity-escaped XML text, generated glue such as `END_FUNCTION_BLOCK`) offsets map to `fileOffset`
 * of the nearest verbatim point, or to `anchor`.
 */
export interface Segment {
  /** Range in the virtual text. */
  start: number;
  end: number;
  /** Offset in the container of the virtual `start`, when the stretch is verbatim; else null. */
  fileOffset: number | null;
  /** Container offset to report for anything inside a non-verbatim stretch (e.g. the XML element). */
  anchor: number;
}

/**
 * ST assembled from a container file (TwinCAT .TcPOU, PLCopen XML, L5X): the parser reads `text`, and every
 * span it reports is mapped back to the container so a person sees the XML file's own line and column.
 */
export class MappedSource {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly segments: readonly Segment[],
  ) {}

  /** A plain text file is its own map. */
  static identity(file: string, text: string): MappedSource {
    return new MappedSource(file, text, [{ start: 0, end: text.length, fileOffset: 0, anchor: 0 }]);
  }

  toFileOffset(offset: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo];
    if (!seg) return 0;
    if (seg.fileOffset === null) return seg.anchor;
    return seg.fileOffset + Math.min(offset, seg.end) - seg.start;
  }

  mapSpan(span: Span): Span {
    return { file: this.file, start: this.toFileOffset(span.start), end: Math.max(this.toFileOffset(span.start), this.toFileOffset(span.end)) };
  }

  mapDiagnostic(d: Diagnostic): Diagnostic {
    return { ...d, span: this.mapSpan(d.span), related: d.related.map((r) => ({ ...r, span: this.mapSpan(r.span) })) };
  }
}

/** Builds a MappedSource piece by piece: verbatim slices of the container, and generated glue text. */
export class MappedSourceBuilder {
  private text = '';
  private readonly segments: Segment[] = [];

  constructor(readonly file: string) {}

  /** Appends container text that starts at `fileOffset` in the container, byte for byte. */
  verbatim(text: string, fileOffset: number): this {
    this.segments.push({ start: this.text.length, end: this.text.length + text.length, fileOffset, anchor: fileOffset });
    this.text += text;
    return this;
  }

  /** Appends text that is not in the container (decoded entities, glue); spans inside map to `anchor`. */
  generated(text: string, anchor: number): this {
    this.segments.push({ start: this.text.length, end: this.text.length + text.length, fileOffset: null, anchor });
    this.text += text;
    return this;
  }

  build(): MappedSource {
    return new MappedSource(this.file, this.text, this.segments);
  }
}
