import type { RuleInfo, StageResult, VerificationReport } from '../../evidence/report.js';
import { escapeHtml } from './escape.js';
import { renderStageSection, stageTitle, statusBadge } from './finding-section.js';
import { formatCreatedAt, formatDuration, groupThousands } from './format.js';
import { renderSafetySection } from './safety-section.js';
import { REPORT_CSS } from './styles.js';

/**
 * The verification report as one self-contained HTML5 page, the document a safety officer reads and signs:
 * inline CSS, no script, no font, image or link that would need a network, and a Content-Security-Policy
 * that forbids loading anything even if a browser tried. Every string from the report is escaped. The page
 * depends on its inputs only, so the same report always renders to the same bytes.
 */

/** Nothing may load, run or be submitted: only the inline stylesheet and inline SVG are allowed. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

function plural(n: number, word: string): string {
  return `${groupThousands(n)} ${word}${n === 1 ? '' : 's'}`;
}

function findingCounts(stages: readonly StageResult[]): string {
  const all = stages.flatMap((s) => s.findings);
  if (all.length === 0) return 'none';
  const count = (sev: string): number => all.filter((f) => f.severity === sev).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const info = count('info');
  if (info > 0) parts.push(`${groupThousands(info)} info`);
  return parts.join(', ');
}

/** Word, hint and style of each verdict: inconclusive has its own, never the pass colour or tick. */
const VERDICT_LOOK: Readonly<Record<VerificationReport['verdict'], { word: string; hint: string; cls: string; title: string }>> = {
  pass: { word: '✓ PASS', hint: 'every stage decided and passed', cls: 'verdict-pass', title: 'PASS' },
  fail: { word: '✗ FAIL', hint: 'the change must not be deployed', cls: 'verdict-fail', title: 'FAIL' },
  inconclusive: { word: '? INCONCLUSIVE', hint: 'not shown to be safe: open points below', cls: 'verdict-inconclusive', title: 'INCONCLUSIVE' },
};

function openPoints(report: VerificationReport): string {
  const points = report.openPoints ?? [];
  if (points.length === 0) return '';
  let html = '<section class="open-points" id="open-points"><h2>Open points: what could not be decided</h2>';
  html += '<p>The tools could not decide these points. The change is <strong>not shown to be safe</strong>: only the Safety officer may approve it, after checking and acknowledging each point.</p><ol>';
  for (const p of points) {
    const where = p.file === null ? 'whole site' : p.line === null ? p.file : `${p.file}:${p.line}`;
    html += `<li><code>${escapeHtml(p.id)}</code> ${escapeHtml(stageTitle(p.stage))}, ${escapeHtml(p.rule)} (${escapeHtml(where)}): ${escapeHtml(p.what)}</li>`;
  }
  return `${html}</ol></section>\n`;
}

function header(report: VerificationReport): string {
  const look = VERDICT_LOOK[report.verdict];
  const mode = report.mode === 'full' ? 'Full (every stage)' : 'Fast (quick stages only)';
  const total = report.stages.reduce((sum, s) => sum + (Number.isFinite(s.durationMs) ? s.durationMs : 0), 0);
  let html = '<header class="report-header"><div class="title">';
  html += '<div class="kicker">Plantshift · Change verification report</div>\n';
  html += `<h1>Site ${escapeHtml(report.siteId)}</h1>`;
  html += '<dl class="meta">';
  html += `<dt>Mode</dt><dd>${escapeHtml(mode)}</dd>`;
  html += `<dt>Created</dt><dd><time datetime="${escapeHtml(report.createdAt)}">${escapeHtml(formatCreatedAt(report.createdAt))}</time></dd>`;
  html += `<dt>Stages</dt><dd>${escapeHtml(`${report.stages.length} run, ${formatDuration(total)} in total`)}</dd>`;
  html += `<dt>Findings</dt><dd>${escapeHtml(findingCounts(report.stages))}</dd>`;
  html += '</dl></div>\n';
  html += `<div class="verdict ${look.cls}" role="status">`;
  html += '<span class="label">Verdict</span>';
  html += `<span class="word">${look.word}</span>`;
  html += `<span class="hint">${look.hint}</span>`;
  return `${html}</div></header>\n`;
}

function banner(report: VerificationReport): string {
  if (!report.safetyCritical) {
    return '<div class="banner quiet"><strong>Not safety-critical.</strong> The change touches no safety logic and no safety variable.</div>\n';
  }
  let html = '<div class="banner critical" role="note"><strong>⚠ SAFETY-CRITICAL CHANGE: the safety officer’s signature is required.</strong>';
  if (report.safetyCriticalReasons.length > 0) {
    html += `<ul>${report.safetyCriticalReasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>\n`;
  }
  return `${html}</div>\n`;
}

function overview(report: VerificationReport): string {
  let html = '<section class="overview" id="overview"><h2>Stages</h2>';
  if (report.stages.length === 0) return `${html}<p class="none">No stage was run.</p></section>\n`;
  html += '<table><thead><tr><th>Stage</th><th>Status</th><th class="num">Findings</th><th class="num">Duration</th><th>What it did</th></tr></thead><tbody>';
  report.stages.forEach((s, i) => {
    html += `<tr><td><a href="#stage-${i + 1}">${i + 1}. ${escapeHtml(stageTitle(s.name))}</a></td><td>${statusBadge(s.status)}</td>`;
    html += `<td class="num">${groupThousands(s.findings.length)}</td><td class="num">${escapeHtml(formatDuration(s.durationMs))}</td>`;
    html += `<td>${escapeHtml(s.summary)}</td></tr>\n`;
  });
  return `${html}</tbody></table></section>\n`;
}

function signOff(report: VerificationReport): string {
  let html = '<section class="signoff" id="sign-off"><h2>Review and sign-off</h2>';
  html += `<p>I have reviewed this report for site <strong>${escapeHtml(report.siteId)}</strong>, created ${escapeHtml(formatCreatedAt(report.createdAt))}, `;
  html += `with the verdict <strong>${VERDICT_LOOK[report.verdict].title}</strong>`;
  html += (report.openPoints ?? []).length ? `, and I acknowledge each of its ${report.openPoints.length} open point(s).</p>\n` : '.</p>\n';
  html += '<table><thead><tr><th>Name</th><th>Signature</th><th>Date</th></tr></thead><tbody><tr><td></td><td></td><td></td></tr></tbody></table>';
  html += '<p class="decision">Decision:<span class="box"></span>Approved for deployment<span class="box"></span>Rejected</p>\n';
  return `${html}</section>\n`;
}

export function renderReportHtml(report: VerificationReport, rules: ReadonlyMap<string, RuleInfo>): string {
  const title = `Verification report · ${report.siteId} · ${VERDICT_LOOK[report.verdict].title}`;
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Plantshift">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    header(report),
    banner(report),
    ...((report.openPoints ?? []).length ? [openPoints(report)] : []),
    overview(report),
    renderSafetySection(report.safety),
    ...report.stages.map((s, i) => renderStageSection(s, i, rules)),
    signOff(report),
    '<footer class="colophon">Generated by Plantshift from the stored verification report. This page is self-contained: ',
    'it loads nothing and runs no script. Source excerpts are quoted from the site’s files as they were verified.</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ];
  return parts.join('\n');
}
