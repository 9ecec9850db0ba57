import type { SafetySummary } from '../../evidence/report.js';
import { escapeHtml } from './escape.js';
import { formatMs } from './format.js';

/**
 * The safety configuration the verdict was checked against: what the site's safety section declares and
 * what was inferred from the code, each inferred item with the reason, so the officer can challenge it.
 */

/** Whether an inferred entry names `item` (exactly, or as a whole word in a longer description). */
function isInferred(item: string, summary: SafetySummary): boolean {
  return summary.inferred.some((i) => i.item === item || i.item.split(/[^\w.]+/).includes(item));
}

function items(list: readonly string[], summary: SafetySummary): string {
  if (list.length === 0) return '<span class="none">none</span>';
  const chips = list.map((item) => {
    const inferred = isInferred(item, summary);
    return `<span class="${inferred ? 'item inferred' : 'item declared'}">${escapeHtml(item)}</span>`;
  });
  return `<div class="items">${chips.join('')}</div>\n`;
}

function single(value: string | null, summary: SafetySummary, ifNone: string): string {
  return value === null ? `<span class="none">${escapeHtml(ifNone)}</span>` : items([value], summary);
}

export function renderSafetySection(summary: SafetySummary): string {
  const rows: [string, string][] = [
    ['E-stops', items(summary.estops, summary)],
    ['Guards', items(summary.guards, summary)],
    ['Hazardous outputs', items(summary.hazardousOutputs, summary)],
    ['Reaction time', summary.reactionMs === null ? '<span class="none">not declared</span>' : `<strong>${escapeHtml(formatMs(summary.reactionMs))}</strong>`],
    ['Reset', single(summary.reset, summary, 'not declared')],
    ['Safety POUs', items(summary.safetyPous, summary)],
    ['Safety variables', items(summary.safetyVariables, summary)],
  ];
  let html = '<section class="safety" id="safety"><h2>Safety configuration</h2>';
  html += '<p class="legend">Solid items are declared in the site’s safety configuration; dashed items marked “inferred” were derived from the code (reasons below).</p>\n';
  html += `<table class="safety-table"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>\n`).join('')}</tbody></table>`;
  html += '<h4>Inferred from the code</h4>';
  if (summary.inferred.length === 0) {
    html += '<p class="none">Nothing was inferred: every item above is declared.</p>\n';
  } else {
    html += '<table class="inferred"><thead><tr><th>Item</th><th>Why it was inferred</th></tr></thead><tbody>';
    for (const i of summary.inferred) html += `<tr><td class="mono">${escapeHtml(i.item)}</td><td>${escapeHtml(i.reason)}</td></tr>\n`;
    html += '</tbody></table>';
  }
  return `${html}</section>\n`;
}
