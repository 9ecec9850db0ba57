/**
 * The report's only stylesheet, inlined in the page. System fonts only (nothing to download); every colour
 * also has a shape or a word beside it (verdict border, status text, highlighted-line marker), so the page
 * keeps its meaning in black-and-white print.
 */
export const REPORT_CSS = `
:root {
  --ink: #1b2733; --muted: #5b6b7b; --line: #d5dce4; --soft: #f4f6f9; --navy: #0b3d6e;
  --pass: #0f6b34; --pass-bg: #e7f5ec; --fail: #a61b14; --fail-bg: #fdecea;
  --warn: #7a4b00; --warn-bg: #fff4d6; --skip: #4d5866; --skip-bg: #eceff3;
  --sans: 'DejaVu Sans', 'Segoe UI', 'Liberation Sans', Arial, sans-serif;
  --mono: 'DejaVu Sans Mono', Consolas, 'Liberation Mono', 'Courier New', monospace;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9edf2; color: var(--ink); font: 14px/1.5 var(--sans); }
main { max-width: 1060px; margin: 24px auto; background: #fff; padding: 32px 40px 40px; border: 1px solid var(--line); }
h1, h2, h3, h4 { margin: 0; line-height: 1.25; }
h2 { font-size: 19px; color: var(--navy); }
h3 { font-size: 15px; }
h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 14px 0 6px; }
p { margin: 6px 0; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
a { color: inherit; }
ul { margin: 4px 0; padding-left: 22px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
section { margin-top: 30px; }
section > h2 { padding-bottom: 6px; border-bottom: 2px solid var(--navy); margin-bottom: 12px; }

.report-header { display: flex; gap: 28px; align-items: stretch; justify-content: space-between; border-bottom: 3px solid var(--navy); padding-bottom: 20px; }
.report-header .kicker { font-size: 12px; letter-spacing: .14em; text-transform: uppercase; color: var(--muted); }
.report-header h1 { font-size: 28px; margin: 4px 0 12px; word-break: break-word; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; font-weight: 600; }
.verdict { min-width: 220px; text-align: center; padding: 14px 22px; border: 3px solid; display: flex; flex-direction: column; justify-content: center; }
.verdict .label { font-size: 12px; letter-spacing: .14em; text-transform: uppercase; }
.verdict .word { font-size: 46px; font-weight: 800; letter-spacing: .06em; line-height: 1.1; }
.verdict .hint { font-size: 12px; }
.verdict-pass { color: var(--pass); background: var(--pass-bg); border-style: solid; }
.verdict-fail { color: var(--fail); background: var(--fail-bg); border-style: double; border-width: 7px; }
.verdict-inconclusive { color: var(--warn); background: var(--warn-bg); border-style: dashed; border-width: 4px; }
.verdict-inconclusive .word { font-size: 30px; }
.open-points ol { margin: 6px 0; }
.open-points li { margin: 4px 0; }
.status-inconclusive { color: var(--warn); background: var(--warn-bg); border-style: dashed; }
.finding.undecided .sev { color: var(--warn); }
.finding.pre-existing { opacity: .8; border-style: dotted; }

.banner { margin-top: 20px; padding: 12px 18px; border: 2px solid var(--warn); border-left-width: 10px; background: var(--warn-bg); color: #3d2a00; }
.banner strong { font-size: 15px; letter-spacing: .02em; }
.banner.quiet { border: 1px solid var(--line); border-left-width: 6px; background: var(--soft); color: var(--ink); }

.status { display: inline-block; min-width: 78px; text-align: center; padding: 1px 8px; border: 1.5px solid; border-radius: 3px; font-size: 12px; font-weight: 700; letter-spacing: .05em; white-space: nowrap; }
.status-pass { color: var(--pass); background: var(--pass-bg); }
.status-fail { color: var(--fail); background: var(--fail-bg); border-width: 2.5px; }
.status-error { color: var(--fail); background: var(--fail-bg); border-style: dashed; border-width: 2px; }
.status-skipped { color: var(--skip); background: var(--skip-bg); border-style: dotted; }
.overview td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.overview th.num { text-align: right; }

.items { display: flex; flex-wrap: wrap; gap: 4px 6px; }
.item { font-family: var(--mono); font-size: 12.5px; padding: 0 6px; border: 1px solid var(--line); border-radius: 3px; background: var(--soft); }
.item.inferred { border-style: dashed; background: #fff; }
.item.inferred::after { content: ' (inferred)'; font-family: var(--sans); font-size: 11px; color: var(--muted); }
.none { color: var(--muted); font-style: italic; }
.safety th[scope=row] { width: 190px; text-transform: none; letter-spacing: 0; font-size: 13px; color: var(--ink); }
.legend { font-size: 12px; color: var(--muted); }

.stage-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.stage-head h2 { flex: 1; }
.stage-head .duration { color: var(--muted); font-size: 13px; }
.stage > h2, .stage-head { padding-bottom: 6px; border-bottom: 2px solid var(--navy); margin-bottom: 10px; }
.stage .summary { color: var(--ink); }
.no-findings { color: var(--muted); font-style: italic; }

.finding { margin: 16px 0 0; border: 1px solid var(--line); border-left: 6px solid var(--muted); padding: 12px 16px 14px; break-inside: avoid-page; page-break-inside: avoid; }
.finding.sev-error { border-left-color: var(--fail); }
.finding.sev-warning { border-left-color: #c98a00; border-left-style: double; border-left-width: 7px; }
.finding.sev-info { border-left-color: #8a97a6; }
.finding-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.finding-head h3 { flex: 1; min-width: 260px; }
.sev { font-size: 11px; font-weight: 700; letter-spacing: .08em; padding: 1px 6px; border: 1.5px solid; border-radius: 3px; }
.sev-error .sev { color: var(--fail); background: var(--fail-bg); }
.sev-warning .sev { color: var(--warn); background: var(--warn-bg); }
.sev-info .sev { color: var(--skip); background: var(--skip-bg); }
.rule-id { font-weight: 700; color: var(--navy); margin-right: 6px; }
.where { font-family: var(--mono); font-size: 12.5px; color: var(--muted); }
.message { font-size: 15px; font-weight: 600; margin: 8px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.rule { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 8px 0 0; padding: 8px 12px; background: var(--soft); }
.rule dt { font-weight: 600; color: var(--muted); }
.rule dd { margin: 0; }
.facts li { overflow-wrap: anywhere; }

.location { margin: 8px 0 0; }
.location figcaption { font-family: var(--mono); font-size: 12.5px; font-weight: 600; margin-bottom: 3px; }
.version { font-family: var(--sans); font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; padding: 0 5px; border: 1px solid; border-radius: 3px; margin-right: 6px; }
.version-before { color: var(--skip); border-style: dashed; }
.version-after { color: var(--navy); }
pre.excerpt { margin: 0; padding: 6px 0; background: #fbfcfd; border: 1px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; line-height: 1.45; }
pre.excerpt .l { display: block; padding: 0 10px 0 0; }
pre.excerpt .n { display: inline-block; width: 5.5em; padding-right: .8em; text-align: right; color: var(--muted); user-select: none; }
pre.excerpt .hl { background: #fff1c2; box-shadow: inset 4px 0 0 #c98a00; font-weight: 700; }
pre.excerpt .hl .n { color: var(--ink); }
pre.excerpt.raw { padding: 6px 10px; }

.trace { margin: 10px 0 0; }
.trace figcaption { font-weight: 600; margin-bottom: 6px; }
.trace .diagram { overflow-x: auto; border: 1px solid var(--line); padding: 6px 4px 2px; background: #fff; }
.trace svg { display: block; max-width: 100%; height: auto; }
.at-mark { margin-top: 8px; width: auto; min-width: 360px; }
.at-mark td, .at-mark th { padding: 3px 10px; }
.at-mark .changed { font-weight: 700; }

.signoff { break-inside: avoid-page; page-break-inside: avoid; }
.signoff table td { height: 46px; border: 1px solid var(--ink); width: 34%; }
.signoff table th { border: 1px solid var(--ink); background: var(--soft); color: var(--ink); }
.signoff .decision { margin-top: 10px; font-size: 15px; }
.signoff .box { display: inline-block; width: 14px; height: 14px; border: 1.5px solid var(--ink); vertical-align: -2px; margin: 0 6px 0 18px; }
footer.colophon { margin-top: 26px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }

@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 11.5pt; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  .trace .diagram { overflow: visible; }
  section { break-before: auto; }
  h2, h3, .stage-head, .finding-head { break-after: avoid-page; page-break-after: avoid; }
}
`;
