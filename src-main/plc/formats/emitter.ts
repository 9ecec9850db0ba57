import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type MappedSource, MappedSourceBuilder } from '../source/mapped-source.js';
import type { XmlDocument, XmlElement } from './safe-xml.js';
import { appendContent } from './xml-content.js';

/**
 * A MappedSourceBuilder that remembers how its text ends, so glue is added only where pieces would otherwise run
 * together (`END_VARx := 1;`) and verbatim CDATA is never altered.
 */
export class Emitter {
  private readonly builder: MappedSourceBuilder;
  private tail = '';
  private length = 0;

  constructor(
    readonly doc: XmlDocument,
    readonly diagnostics: Diagnostic[],
  ) {
    this.builder = new MappedSourceBuilder(doc.file);
  }

  get isEmpty(): boolean {
    return this.length === 0;
  }

  /** Appends the character data of `el` (CDATA verbatim); returns the text appended. */
  content(el: XmlElement): string {
    const probe = new MappedSourceBuilder(this.doc.file);
    appendContent(probe, this.doc, el, this.diagnostics);
    const piece = probe.build();
    for (const seg of piece.segments) {
      const t = piece.text.slice(seg.start, seg.end);
      if (seg.fileOffset !== null) this.builder.verbatim(t, seg.fileOffset);
      else this.builder.generated(t, seg.anchor);
    }
    this.note(piece.text);
    return piece.text;
  }

  generated(text: string, anchor: number): void {
    if (!text) return;
    this.builder.generated(text, anchor);
    this.note(text);
  }

  /** Starts a new line unless the text is empty or already at a line start. */
  newline(anchor: number): void {
    if (this.length > 0 && !this.tail.endsWith('\n')) this.generated('\n', anchor);
  }

  build(): MappedSource {
    return this.builder.build();
  }

  private note(text: string): void {
    this.length += text.length;
    this.tail = (this.tail + text).slice(-2);
  }
}
