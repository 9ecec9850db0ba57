import type { EvidenceTrace } from '../../evidence/report.js';
import { escapeHtml, formatValue } from './escape.js';
import { formatMs } from './format.js';
import { renderTimingDiagramSvg } from './timing-diagram.js';

/**
 * A trace in the report: its title, the timing diagram and, when a scan is marked, the exact values there
 * and one scan before, so the officer does not have to read values off the drawing.
 */

function valuesAtMark(trace: EvidenceTrace, mark: number): string {
  const now = trace.times[mark] ?? 0;
  const before = mark > 0 ? mark - 1 : null;
  let html = '<table class="at-mark"><thead><tr><th>Signal</th><th>Type</th>';
  if (before !== null) html += `<th>At ${escapeHtml(formatMs(trace.times[before] ?? 0))}</th>`;
  html += `<th>At ${escapeHtml(formatMs(now))} (marker)</th></tr></thead><tbody>`;
  for (const s of trace.signals) {
    const v = formatValue(s.values[mark]);
    const p = before === null ? null : formatValue(s.values[before]);
    const changed = p !== null && p !== v;
    html += `<tr><td class="mono">${escapeHtml(s.name)}</td><td class="mono">${escapeHtml(s.type)}</td>`;
    if (p !== null) html += `<td class="mono">${escapeHtml(p)}</td>`;
    html += `<td class="${changed ? 'mono changed' : 'mono'}">${escapeHtml(v)}${changed ? ' (changed)' : ''}</td></tr>\n`;
  }
  return `${html}</tbody></table>`;
}

export function renderTraceFigure(trace: EvidenceTrace, heading: string): string {
  const mark = trace.markAt !== null && trace.markAt >= 0 && trace.markAt < trace.times.length ? trace.markAt : null;
  let html = `<h4>${escapeHtml(heading)}</h4><figure class="trace">`;
  html += `<figcaption>${escapeHtml(trace.title)}</figcaption>`;
  html += `<div class="diagram">${renderTimingDiagramSvg(trace)}</div>\n`;
  if (mark !== null && trace.signals.length > 0) html += valuesAtMark(trace, mark);
  return `${html}</figure>\n`;
}
