import type { EvidenceTrace } from '../../evidence/report.js';
import { escapeHtml, formatValue } from './escape.js';
import { formatMs, groupThousands } from './format.js';
import { timeAt, traceWindow, type TraceWindow } from './trace-window.js';

/**
 * A counterexample or witness trace as an inline SVG timing diagram: one row per signal, BOOL signals as a
 * square wave (the high part shaded, so it reads in black-and-white print), other types as bus segments with
 * the value written where it changes, a time axis in ms and a dashed marker at `markAt`. The output depends
 * on the trace only (no ids, no clock), so the same trace always gives the same bytes.
 */

const TOP = 26;
const ROW_H = 34;
const WAVE_HIGH = 8;
const WAVE_LOW = 26;
const AXIS_H = 34;
const RIGHT_PAD = 18;
const CHAR_W = 6.7; // 11 px monospace
const LABEL_CHAR_W = 8; // 12 px bold sans-serif, generous
const MAX_LABEL_W = 220;
const MAX_DESC_CHANGES = 12;
const SANS = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif";
const MONO = "'DejaVu Sans Mono', Consolas, 'Courier New', monospace";
/** Colours as presentation attributes, so the SVG looks the same inside the report and on its own. */
const C = {
  ink: '#1b2733',
  muted: '#5b6b7b',
  band: '#f3f6f9',
  grid: '#dfe5ec',
  wave: '#0b3d6e',
  highFill: '#cfe0f1',
  busFill: '#eef3f8',
  unknown: '#e9e9e9',
  mark: '#b3261e',
} as const;

type Signal = EvidenceTrace['signals'][number];

/** Coordinates rounded to 0.01 px: enough for any screen or printer, and stable text. */
function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function isBool(s: Signal): boolean {
  if (s.type.trim().toUpperCase() === 'BOOL') return true;
  return s.values.length > 0 && s.values.every((v) => typeof v === 'boolean');
}

/** 1 high, 0 low, null unknown (missing sample or a value that is no boolean). */
function level(v: unknown): 1 | 0 | null {
  if (v === true || v === 1 || v === 'TRUE') return 1;
  if (v === false || v === 0 || v === 'FALSE') return 0;
  return null;
}

/** Runs of equal `key` over the window: [from, to) sample indices and the key. */
function runs<K>(s: Signal, w: TraceWindow, key: (v: unknown) => K): { from: number; to: number; key: K }[] {
  const out: { from: number; to: number; key: K }[] = [];
  for (let i = w.start; i < w.end; i++) {
    const k = key(s.values[i]);
    const last = out[out.length - 1];
    if (last && last.key === k) last.to = i + 1;
    else out.push({ from: i, to: i + 1, key: k });
  }
  return out;
}

function valueKey(v: unknown): string | null {
  return v === undefined ? null : formatValue(v);
}

/** Text that fits `width` pixels of 11 px monospace: whole, cut with an ellipsis, or nothing. */
function fitText(text: string, width: number): string {
  const chars = Math.floor(width / CHAR_W);
  if (text.length <= chars) return text;
  return chars >= 3 ? `${text.slice(0, chars - 1)}…` : '';
}

function boolRow(s: Signal, w: TraceWindow, x: (i: number) => number, top: number): string {
  const hi = top + WAVE_HIGH;
  const lo = top + WAVE_LOW;
  const parts = runs(s, w, level);
  let wave = '';
  let fill = '';
  let unknown = '';
  let prev: 1 | 0 | null = null;
  for (const r of parts) {
    const x0 = n(x(r.from));
    const x1 = n(x(r.to));
    if (r.key === null) {
      unknown += `<rect class="unknown" x="${x0}" y="${n(hi)}" width="${n(x(r.to) - x(r.from))}" height="${n(lo - hi)}" fill="${C.unknown}" stroke="${C.muted}" stroke-dasharray="2 2"/>`;
    } else {
      const y = n(r.key === 1 ? hi : lo);
      wave += prev === null ? `M${x0} ${y}` : `V${y}`;
      wave += `H${x1}`;
      if (r.key === 1) fill += `M${x0} ${n(lo)}V${n(hi)}H${x1}V${n(lo)}Z`;
    }
    prev = r.key;
  }
  return (
    (fill ? `<path class="high" d="${fill}" fill="${C.highFill}" stroke="none"/>` : '') +
    unknown +
    (wave ? `<path class="wave" d="${wave}" fill="none" stroke="${C.wave}" stroke-width="1.8"/>` : '')
  );
}

function busRow(s: Signal, w: TraceWindow, x: (i: number) => number, top: number, trace: EvidenceTrace): string {
  const yT = top + WAVE_HIGH;
  const yB = top + WAVE_LOW;
  const yM = (yT + yB) / 2;
  let out = '';
  for (const r of runs(s, w, valueKey)) {
    const x0 = x(r.from);
    const x1 = x(r.to);
    const slant = Math.min(3, (x1 - x0) / 2);
    const pts = [
      [x0, yM], [x0 + slant, yT], [x1 - slant, yT], [x1, yM], [x1 - slant, yB], [x0 + slant, yB],
    ].map(([px, py]) => `${n(px!)},${n(py!)}`).join(' ');
    const value = r.key ?? '?';
    const when = `${formatMs(timeAt(trace, r.from))} to ${formatMs(timeAt(trace, r.to))}`;
    out += `<g class="segment"><title>${escapeHtml(`${s.name} = ${value}, ${when}`)}</title>`;
    out += `<polygon class="${r.key === null ? 'bus unknown' : 'bus'}" points="${pts}" fill="${r.key === null ? C.unknown : C.busFill}" stroke="${C.wave}" stroke-width="1.2"/>`;
    const label = fitText(value, x1 - x0 - 6);
    if (label) out += `<text class="value" font-family="${MONO}" x="${n((x0 + x1) / 2)}" y="${n(yM + 3.8)}" text-anchor="middle">${escapeHtml(label)}</text>`;
    out += '</g>\n';
  }
  return out;
}

/** The text alternative: what the diagram shows, signal by signal, for screen readers and copy-paste. */
function describe(trace: EvidenceTrace, w: TraceWindow): string {
  const shown = w.end - w.start;
  let d = `${trace.signals.length} signal${trace.signals.length === 1 ? '' : 's'}, ${groupThousands(shown)} scans`;
  d += ` of ${formatMs(trace.cycleMs)}`;
  if (shown > 0) d += ` from ${formatMs(timeAt(trace, w.start))} to ${formatMs(timeAt(trace, w.end - 1))}`;
  if (shown < w.total) d += ` (samples ${groupThousands(w.start)} to ${groupThousands(w.end - 1)} of ${groupThousands(w.total)})`;
  d += '.';
  if (w.mark !== null) d += ` Marker at ${formatMs(timeAt(trace, w.mark))} (scan ${groupThousands(w.mark)}).`;
  for (const s of trace.signals) {
    const changes = runs(s, w, valueKey).map((r) => `${r.key ?? '?'} at ${formatMs(timeAt(trace, r.from))}`);
    const more = changes.length - MAX_DESC_CHANGES;
    d += ` ${s.name}: ${changes.slice(0, MAX_DESC_CHANGES).join(', ')}${more > 0 ? `, and ${more} more changes` : ''}.`;
  }
  return d;
}

export function renderTimingDiagramSvg(trace: EvidenceTrace): string {
  const w = traceWindow(trace);
  const longest = Math.max(8, ...trace.signals.map((s) => s.name.length));
  const labelW = Math.min(MAX_LABEL_W, Math.ceil(longest * LABEL_CHAR_W) + 26);
  const x = (i: number): number => labelW + (i - w.start) * w.step;
  const rowsBottom = TOP + trace.signals.length * ROW_H;
  const width = Math.ceil(labelW + w.plotWidth + RIGHT_PAD);
  const height = rowsBottom + AXIS_H;
  const plotRight = x(w.end);

  let svg = `<svg xmlns="http://www.w3.org/2000/svg" class="timing-diagram" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${SANS}" font-size="11" fill="${C.ink}">`;
  svg += `<title>${escapeHtml(trace.title || 'Timing diagram')}</title>`;
  svg += `<desc>${escapeHtml(describe(trace, w))}</desc>\n`;

  if (w.total === 0 || trace.signals.length === 0) {
    return `${svg}<text class="empty" fill="${C.muted}" x="${labelW}" y="${TOP + 14}">No samples in this trace.</text></svg>`;
  }

  // Row bands and names.
  svg += '<g class="bands">';
  trace.signals.forEach((s, r) => {
    if (r % 2 === 1) svg += `<rect class="band" fill="${C.band}" x="0" y="${TOP + r * ROW_H}" width="${n(plotRight)}" height="${ROW_H}"/>`;
  });
  svg += '</g>\n';

  // Grid lines at the ticks.
  svg += `<g class="grid" stroke="${C.grid}" stroke-width="1">`;
  for (const t of w.ticks) svg += `<line x1="${n(x(t))}" y1="${TOP}" x2="${n(x(t))}" y2="${rowsBottom}"/>`;
  svg += '</g>\n';

  // One row per signal.
  trace.signals.forEach((s, r) => {
    const top = TOP + r * ROW_H;
    const bool = isBool(s);
    const name = fitText(s.name, labelW - 22) || s.name.slice(0, 1);
    svg += `<g class="signal ${bool ? 'bool' : 'bus-signal'}" data-signal="${escapeHtml(s.name)}" data-type="${escapeHtml(s.type)}">`;
    svg += `<text class="name" font-size="12" font-weight="600" x="8" y="${top + 16}"><title>${escapeHtml(`${s.name} : ${s.type}`)}</title>${escapeHtml(name)}</text>`;
    svg += `<text class="type" font-size="10" fill="${C.muted}" x="8" y="${top + 28}">${escapeHtml(fitText(s.type, labelW - 22))}</text>`;
    svg += bool ? boolRow(s, w, x, top) : busRow(s, w, x, top, trace);
    svg += '</g>\n';
  });

  // Time axis.
  svg += `<g class="axis" stroke="${C.ink}"><line x1="${n(labelW)}" y1="${rowsBottom}" x2="${n(plotRight)}" y2="${rowsBottom}"/>`;
  svg += `<text class="axis-title" stroke="none" fill="${C.muted}" x="8" y="${rowsBottom + 17}">time (ms)</text>`;
  for (const t of w.ticks) {
    const ms = timeAt(trace, t);
    const tx = x(t);
    const anchor = tx - labelW < 14 ? 'start' : plotRight - tx < 14 ? 'end' : 'middle';
    svg += `<g class="tick" data-index="${t}" data-ms="${ms}"><line x1="${n(tx)}" y1="${rowsBottom}" x2="${n(tx)}" y2="${rowsBottom + 5}"/>`;
    svg += `<text stroke="none" x="${n(tx)}" y="${rowsBottom + 17}" text-anchor="${anchor}">${escapeHtml(groupThousands(ms))}</text></g>\n`;
  }
  if (w.end - w.start < w.total) {
    const note = `samples ${groupThousands(w.start)}–${groupThousands(w.end - 1)} of ${groupThousands(w.total)}`;
    svg += `<text class="window-note" stroke="none" fill="${C.muted}" x="${n(plotRight)}" y="${rowsBottom + 30}" text-anchor="end">${escapeHtml(note)}</text>`;
  }
  svg += '</g>\n';

  // The marker.
  if (w.mark !== null) {
    const mx = x(w.mark);
    const label = `at ${formatMs(timeAt(trace, w.mark))}`;
    // The label sits right of the line, or left of it where the plot ends too soon.
    const right = plotRight + RIGHT_PAD - mx >= label.length * CHAR_W + 14;
    svg += `<g class="marker" data-index="${w.mark}" stroke="${C.mark}" fill="${C.mark}">`;
    svg += `<line x1="${n(mx)}" y1="${TOP - 8}" x2="${n(mx)}" y2="${rowsBottom}" stroke-width="1.6" stroke-dasharray="5 3"/>`;
    svg += `<polygon stroke="none" points="${n(mx - 5)},${TOP - 14} ${n(mx + 5)},${TOP - 14} ${n(mx)},${TOP - 6}"/>`;
    svg += `<text x="${n(right ? mx + 9 : mx - 9)}" y="${TOP - 8}" stroke="none" font-weight="700" text-anchor="${right ? 'start' : 'end'}">${escapeHtml(label)}</text></g>\n`;
  }
  return `${svg}</svg>`;
}
