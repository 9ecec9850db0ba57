import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReportHtml, renderTimingDiagramSvg } from '../../../src-main/verify/html/index.js';
import type { EvidenceTrace, VerificationReport } from '../../../src-main/evidence/report.js';
import { FAILING_REPORT, INCONCLUSIVE_REPORT, PASSING_REPORT, PRESS_TRACE, SAMPLE_RULES } from '../../fixtures/verify/sample-reports.js';
import { check } from '../../helpers/golden.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden', 'html');
const EVIL = `<script>alert(1)</script> "'&`;
const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#39;&amp;';

/** The attribute values of every element of `tag` with `cls` in its class list, in order. */
function elements(svg: string, tag: string, cls: string): string[] {
  return [...svg.matchAll(new RegExp(`<${tag} class="[^"]*\\b${cls}\\b[^"]*"[^>]*>`, 'g'))].map((m) => m[0]);
}

function attr(element: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(element);
  if (!m) throw new Error(`no ${name} in ${element}`);
  return m[1]!;
}

/** The part of the SVG that draws one signal's row. */
function row(svg: string, name: string): string {
  const start = svg.indexOf(`data-signal="${name}"`);
  expect(start).toBeGreaterThan(0);
  const next = [svg.indexOf('<g class="signal', start), svg.indexOf('<g class="axis"', start)].filter((i) => i > 0);
  return svg.slice(start, Math.min(...next));
}

/** x of every vertical step (an edge) in a square wave path. */
function edges(wavePath: string): number[] {
  const xs: number[] = [];
  let x = 0;
  for (const [, cmd, args] of wavePath.matchAll(/([MHV])([^MHV]+)/g)) {
    if (cmd === 'M' || cmd === 'H') x = Number(args!.trim().split(/\s+/)[0]);
    if (cmd === 'V') xs.push(x);
  }
  return xs;
}

/** x of the tick labelled `ms`. */
function tickX(svg: string, ms: number): number {
  const tick = new RegExp(`<g class="tick" data-index="\\d+" data-ms="${ms}"><line x1="([\\d.]+)"`).exec(svg);
  if (!tick) throw new Error(`no tick at ${ms} ms`);
  return Number(tick[1]);
}

function longTrace(samples: number, markAt: number | null): EvidenceTrace {
  const times = Array.from({ length: samples }, (_, i) => i * 10);
  return {
    title: `${samples} samples`,
    cycleMs: 10,
    times,
    signals: [
      { name: 'Clock', type: 'BOOL', values: times.map((_, i) => i % 2 === 0) },
      { name: 'Counter', type: 'DINT', values: times.map((_, i) => i) },
    ],
    markAt,
  };
}

describe('HTML verification report', () => {
  it('renders the passing sample report as in the golden file', () => {
    check(renderReportHtml(PASSING_REPORT, SAMPLE_RULES), join(GOLDEN, 'passing-report.html'));
  });

  it('renders the failing sample report with its counterexamples as in the golden file', () => {
    check(renderReportHtml(FAILING_REPORT, SAMPLE_RULES), join(GOLDEN, 'failing-report.html'));
  });

  it('renders an inconclusive report as not safe: its own verdict, every open point, pre-existing findings marked', () => {
    const html = renderReportHtml(INCONCLUSIVE_REPORT, SAMPLE_RULES);
    check(html, join(GOLDEN, 'inconclusive-report.html'));
    expect(html).toContain('<div class="verdict verdict-inconclusive" role="status">');
    expect(html).not.toContain('class="verdict verdict-pass"');
    expect(html).toMatch(/Open points: what could not be decided[\s\S]*formal:BMC-ESTOP:0[\s\S]*src\/Main.st:42/);
    expect(html).toContain('ERROR · ALREADY BEFORE THIS CHANGE');
    expect(html).toContain('<span class="sev">OPEN POINT</span>');
    expect(html).toMatch(/verdict <strong>INCONCLUSIVE<\/strong>, and I acknowledge each of its 1 open point/);
  });

  it('is one self-contained page: no script, no external resource, a CSP that forbids loading anything', () => {
    for (const report of [PASSING_REPORT, FAILING_REPORT, INCONCLUSIVE_REPORT]) {
      const html = renderReportHtml(report, SAMPLE_RULES);
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
      expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(/i);
      // The only URL is the SVG namespace; every href is an anchor inside the page.
      expect(html.match(/https?:\/\/[^\s"']*/g)?.every((u) => u === 'http://www.w3.org/2000/svg') ?? true).toBe(true);
      expect([...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
    }
  });

  it('shows the verdict, the safety-critical reasons, declared and inferred items, and each rule’s why and clause', () => {
    const html = renderReportHtml(FAILING_REPORT, SAMPLE_RULES);
    expect(html).toContain('<span class="word">✗ FAIL</span>');
    expect(html).toContain('SAFETY-CRITICAL CHANGE');
    expect(html).toContain('Pump_Run is a hazardous output and the statement that writes it changed.');
    expect(html).toContain('<span class="item declared">EStop_OK</span>');
    expect(html).toContain('<span class="item inferred">tofPumpRunOn</span>');
    expect(html).toContain('new TOF instance in Safety_Logic whose Q drives Pump_Run');
    expect(html).toContain(escapeHtml(SAMPLE_RULES.get('SAF003')!.rationale));
    expect(html).toContain('IEC 60204-1:2016, 9.2.5.4.2');
    // The marked excerpt line is highlighted, with a marker that survives black-and-white print.
    expect(html).toContain('<span class="l hl"><span class="n">41 ▶</span>Pump_Run   := tofPumpRunOn.Q;');
    expect(html.match(/<section class="stage"/g)).toHaveLength(5);
    expect(html.match(/<svg /g)).toHaveLength(2);
    const pass = renderReportHtml(PASSING_REPORT, SAMPLE_RULES);
    expect(pass).toContain('<span class="word">✓ PASS</span>');
    expect(pass).toContain('Not safety-critical.');
  });

  it('names a rule that has no description instead of failing', () => {
    const html = renderReportHtml(FAILING_REPORT, new Map());
    expect(html).toContain('No description of rule SAF003 is available.');
  });

  it('escapes every string from the report, so plant code can never inject markup', () => {
    const evil: VerificationReport = structuredClone(FAILING_REPORT);
    evil.siteId = EVIL;
    evil.createdAt = EVIL;
    evil.safetyCriticalReasons = [EVIL];
    evil.safety.estops = [EVIL];
    evil.safety.inferred = [{ item: EVIL, reason: EVIL }];
    const stage = evil.stages[2]!;
    stage.summary = EVIL;
    const finding = stage.findings[0]!;
    finding.rule = EVIL;
    finding.message = EVIL;
    finding.file = EVIL;
    finding.evidence.facts = [EVIL];
    finding.evidence.locations = [
      { version: 'after', file: EVIL, line: 2, column: 1, excerpt: `   1  (* ok *)\n   2> x := '${EVIL}';\n   3  ${EVIL}` },
      { version: 'before', file: 'raw.st', line: 1, column: 0, excerpt: EVIL },
    ];
    finding.evidence.trace = {
      ...PRESS_TRACE,
      title: EVIL,
      signals: [
        { name: `${EVIL}" onload="alert(2)`, type: EVIL, values: PRESS_TRACE.times.map(() => EVIL) },
        { name: 'ok', type: 'BOOL', values: PRESS_TRACE.times.map((_, i) => i > 3) },
      ],
    };
    const rules = new Map([[EVIL, { id: EVIL, title: EVIL, rationale: EVIL, reference: EVIL }]]);
    const html = renderReportHtml(evil, rules);

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('" onload="');
    expect(html).not.toContain("'&");
    expect(html).toContain(`<p class="message">${EVIL_ESCAPED}</p>`);
    expect(html).toContain(`x := &#39;${EVIL_ESCAPED}&#39;;`);
    expect(html).toContain(`<pre class="excerpt raw">${EVIL_ESCAPED}</pre>`);
    expect(html.split(EVIL_ESCAPED).length).toBeGreaterThan(15);
  });

  it('renders the same report to the same bytes every time', () => {
    const once = renderReportHtml(FAILING_REPORT, SAMPLE_RULES);
    expect(renderReportHtml(structuredClone(FAILING_REPORT), new Map(SAMPLE_RULES))).toBe(once);
    expect(renderTimingDiagramSvg(structuredClone(PRESS_TRACE))).toBe(renderTimingDiagramSvg(PRESS_TRACE));
  });

  it('escapes text and attribute characters and drops control characters', () => {
    expect(escapeHtml(EVIL)).toBe(EVIL_ESCAPED);
    expect(escapeHtml('a\u0000b\u001bc\td\ne')).toBe('a\uFFFDb\uFFFDc\td\ne');
  });
});

describe('timing diagram SVG', () => {
  const svg = renderTimingDiagramSvg(PRESS_TRACE);

  it('is an accessible image with a title and a text description of every signal', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="timing-diagram" role="img" /);
    expect(svg).toContain(`<title>${escapeHtml(PRESS_TRACE.title)}</title>`);
    const desc = /<desc>([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
    expect(desc).toContain('7 signals, 16 scans of 10 ms from 0 ms to 150 ms.');
    expect(desc).toContain('Marker at 80 ms (scan 8).');
    expect(desc).toContain('EStop_OK: TRUE at 0 ms, FALSE at 40 ms.');
    expect(svg).not.toMatch(/\bid="/);
  });

  it('draws one row per signal, BOOL as a square wave and other types as bus segments', () => {
    expect(elements(svg, 'g', 'signal')).toHaveLength(PRESS_TRACE.signals.length);
    expect(elements(svg, 'g', 'signal').map((g) => attr(g, 'data-signal'))).toEqual(PRESS_TRACE.signals.map((s) => s.name));
    expect(elements(svg, 'g', 'bool')).toHaveLength(5);
    expect(elements(svg, 'g', 'bus-signal')).toHaveLength(2);
    // iState changes twice: three segments, each with its value written in it.
    const state = row(svg, 'Main.iState');
    expect(state.match(/<polygon class="bus"/g)).toHaveLength(3);
    expect([...state.matchAll(/<text class="value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(['0', '10', '90']);
    // Narrow segments of the timer's elapsed time are cut with an ellipsis, never overflow.
    expect(row(svg, 'tofPumpRunOn.ET')).toMatch(/>T#\d+…</);
  });

  it('puts BOOL edges and the marker at the x of their time on the axis', () => {
    const x0 = tickX(svg, 0);
    const step = (tickX(svg, 20) - x0) / 2;
    expect(step).toBeGreaterThan(10);
    const wave = (name: string): number[] => edges(attr(elements(row(svg, name), 'path', 'wave')[0]!, 'd'));
    expect(wave('EStop_OK')).toEqual([tickX(svg, 40)]);
    expect(wave('Req_Pump')).toEqual([x0 + 5 * step]);
    expect(wave('Pump_Run')).toEqual([x0 + 9 * step]);
    expect(wave('Press_Down')).toEqual([tickX(svg, 20), tickX(svg, 40)]);

    const marker = elements(svg, 'g', 'marker');
    expect(marker).toHaveLength(1);
    expect(attr(marker[0]!, 'data-index')).toBe('8');
    const line = /<g class="marker"[^>]*><line x1="([\d.]+)"/.exec(svg);
    expect(Number(line?.[1])).toBe(tickX(svg, 80));
    expect(svg).toContain('>at 80 ms</text>');
  });

  it('has a time axis in ms and no marker when none is set', () => {
    const plain = renderTimingDiagramSvg({ ...PRESS_TRACE, markAt: null });
    expect(plain).not.toContain('class="marker"');
    expect(plain).toContain('time (ms)');
    expect(elements(plain, 'g', 'tick').map((t) => attr(t, 'data-ms'))).toEqual(['0', '20', '40', '60', '80', '100', '120', '140', '160']);
    expect(renderTimingDiagramSvg({ ...PRESS_TRACE, markAt: 99 })).not.toContain('class="marker"');
  });

  it('compresses 1,000 samples into the capped width, values too narrow to print elided', () => {
    const long = renderTimingDiagramSvg(longTrace(1000, 500));
    const width = Number(/ width="(\d+)"/.exec(long)?.[1]);
    expect(width).toBeLessThanOrEqual(960);
    expect(long).not.toContain('class="window-note"');
    expect(long).toContain('1,000 scans of 10 ms from 0 ms to 9,990 ms');
    expect(edges(attr(elements(row(long, 'Clock'), 'path', 'wave')[0]!, 'd'))).toHaveLength(999);
    expect(row(long, 'Counter')).not.toContain('class="value"');
    expect(elements(long, 'g', 'tick').length).toBeLessThanOrEqual(12);
  });

  it('keeps a window around the marker of a very long trace', () => {
    const long = renderTimingDiagramSvg(longTrace(50_000, 40_000));
    expect(long).toContain('class="window-note"');
    expect(long).toContain('samples 39,100–40,299 of 50,000');
    expect(attr(elements(long, 'g', 'marker')[0]!, 'data-index')).toBe('40000');
    const ticks = elements(long, 'g', 'tick').map((t) => Number(attr(t, 'data-index')));
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(39_100);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(40_300);
    expect(long.length).toBeLessThan(400_000);
  });

  it('draws an empty trace as a note', () => {
    expect(renderTimingDiagramSvg({ title: 'none', cycleMs: 10, times: [], signals: [], markAt: null })).toContain('No samples in this trace.');
  });
});
