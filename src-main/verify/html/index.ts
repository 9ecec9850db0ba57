export { renderReportHtml } from './render-report.js';
export { renderTimingDiagramSvg } from './timing-diagram.js';
export { escapeHtml } from './escape.js';
