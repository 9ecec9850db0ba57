import type { Finding, RuleInfo, StageResult } from '../../evidence/report.js';
import { escapeHtml } from './escape.js';
import { locationLabel, renderExcerpt } from './excerpt.js';
import { formatDuration } from './format.js';
import { renderTraceFigure } from './trace-figure.js';

/**
 * One stage of the report (status, what it did, how long it took) and each of its findings with the rule's
 * why and standard clause, the message, the source locations with excerpts, the facts and the trace.
 */

export const STAGE_TITLES: Readonly<Record<string, string>> = {
  compile: 'Compile',
  safety: 'Static safety rules',
  simulation: 'Simulation',
  formal: 'Formal verification',
  judge: 'Review judge',
};

const STATUS_TEXT: Readonly<Record<string, string>> = {
  pass: '✓ PASS',
  fail: '✗ FAIL',
  inconclusive: '? INCONCLUSIVE',
  error: '! ERROR',
  skipped: '– SKIPPED',
};

export function stageTitle(name: string): string {
  return STAGE_TITLES[name] ?? name;
}

export function statusBadge(status: string): string {
  const known = Object.hasOwn(STATUS_TEXT, status);
  return `<span class="status status-${known ? status : 'error'}">${escapeHtml(STATUS_TEXT[status] ?? status.toUpperCase())}</span>`;
}

function ruleBlock(finding: Finding, rule: RuleInfo | undefined): string {
  if (!rule) return `<dl class="rule"><dt>Rule</dt><dd class="none">No description of rule ${escapeHtml(finding.rule)} is available.</dd></dl>\n`;
  return (
    '<dl class="rule">' +
    `<dt>Why it matters</dt><dd>${escapeHtml(rule.rationale)}</dd>` +
    `<dt>Standard</dt><dd>${escapeHtml(rule.reference)}</dd>` +
    '</dl>\n'
  );
}

function renderFinding(finding: Finding, rule: RuleInfo | undefined, id: string): string {
  const where = finding.file === null ? 'whole site' : finding.line === null ? finding.file : `${finding.file}:${finding.line}`;
  const sev = ['error', 'warning', 'info'].includes(finding.severity) ? finding.severity : 'error';
  const marks = `${finding.undecided ? ' undecided' : ''}${finding.preExisting ? ' pre-existing' : ''}`;
  let html = `<article class="finding sev-${sev}${marks}" id="${id}">`;
  html += '<div class="finding-head">';
  const label = finding.preExisting ? `${finding.severity.toUpperCase()} · ALREADY BEFORE THIS CHANGE` : finding.undecided ? 'OPEN POINT' : finding.severity.toUpperCase();
  html += `<span class="sev">${escapeHtml(label)}</span>`;
  html += `<h3><code class="rule-id">${escapeHtml(finding.rule)}</code>${rule ? escapeHtml(rule.title) : ''}</h3>`;
  html += `<span class="where">${escapeHtml(where)}</span></div>\n`;
  html += `<p class="message">${escapeHtml(finding.message)}</p>\n`;
  html += ruleBlock(finding, rule);

  const { locations, facts, trace } = finding.evidence;
  if (locations.length > 0) {
    html += `<h4>Location${locations.length === 1 ? '' : 's'}</h4>`;
    for (const loc of locations) {
      html += '<figure class="location"><figcaption>';
      html += `<span class="version version-${loc.version === 'before' ? 'before' : 'after'}">${escapeHtml(loc.version)}</span>`;
      html += `${escapeHtml(locationLabel(loc))}</figcaption>${renderExcerpt(loc)}</figure>\n`;
    }
  }
  if (facts.length > 0) html += `<h4>Facts</h4><ul class="facts">${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>\n`;
  if (trace) html += renderTraceFigure(trace, finding.severity === 'info' ? 'Trace' : 'Counterexample');
  return `${html}</article>\n`;
}

export function renderStageSection(stage: StageResult, index: number, rules: ReadonlyMap<string, RuleInfo>): string {
  const id = `stage-${index + 1}`;
  let html = `<section class="stage" id="${id}"><div class="stage-head">`;
  html += `<h2>${index + 1}. ${escapeHtml(stageTitle(stage.name))}</h2>`;
  html += `${statusBadge(stage.status)}<span class="duration">${escapeHtml(formatDuration(stage.durationMs))}</span></div>\n`;
  if (stage.summary) html += `<p class="summary">${escapeHtml(stage.summary)}</p>\n`;
  if (stage.findings.length === 0) {
    if (stage.status !== 'skipped' || !stage.summary) html += `<p class="no-findings">${stage.status === 'skipped' ? 'Not run.' : 'No findings.'}</p>\n`;
  } else {
    stage.findings.forEach((f, i) => {
      html += renderFinding(f, rules.get(f.rule), `${id}-finding-${i + 1}`);
    });
  }
  return `${html}</section>\n`;
}
