import type { EvidenceLocation } from '../../evidence/report.js';
import { escapeHtml } from './escape.js';

/**
 * A location's source excerpt as a monospace block with line numbers, the marked line highlighted (colour,
 * bold and a bar, so it survives black-and-white print). Excerpts come as the locator writes them: each line
 * is its number right-aligned in 4 columns, `>` on the located line (else a space), a space, and the text.
 * An excerpt in any other shape is shown as it is, still escaped.
 */

const LINE = /^ *(\d+)([> ]) ?(.*)$/;

interface ExcerptLine {
  number: number;
  marked: boolean;
  text: string;
}

function parseExcerpt(excerpt: string): ExcerptLine[] | null {
  const lines = excerpt.replace(/\r\n?/g, '\n').split('\n');
  const out: ExcerptLine[] = [];
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m) return null;
    out.push({ number: Number(m[1]), marked: m[2] === '>', text: m[3] ?? '' });
  }
  return out;
}

export function renderExcerpt(location: EvidenceLocation): string {
  if (location.excerpt.trim() === '') return '';
  const lines = parseExcerpt(location.excerpt);
  if (!lines) return `<pre class="excerpt raw">${escapeHtml(location.excerpt)}</pre>`;
  // Without a `>` mark, the located line itself is the one to highlight.
  const anyMarked = lines.some((l) => l.marked);
  const body = lines
    .map((l) => {
      const hl = anyMarked ? l.marked : l.number === location.line;
      const gutter = `<span class="n">${l.number}${hl ? ' ▶' : '  '}</span>`;
      return `<span class="${hl ? 'l hl' : 'l'}">${gutter}${escapeHtml(l.text) || ' '}</span>`;
    })
    .join('');
  return `<pre class="excerpt">${body}</pre>`;
}

/** "src/Safety_Logic.st:33:5" (column only when known). */
export function locationLabel(location: Pick<EvidenceLocation, 'file' | 'line' | 'column'>): string {
  const col = location.column > 0 ? `:${location.column}` : '';
  return `${location.file}:${location.line}${col}`;
}
