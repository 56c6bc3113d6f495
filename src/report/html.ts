import type { Report } from '../compare/types.js';
import { escapeHtml as e } from './escape-html.js';
import { SEVERITY_ORDER, VERDICT_LABEL, formatCount, formatScore, noFindingsNote, orderFindings, severityCounts } from './format.js';
import { REPORT_CSS, REPORT_SCRIPT, reportCsp } from './html-assets.js';
import { findingCard, findingsTable } from './html-finding.js';
import { type GaugeThresholds, gaugeSvg, rateBarsSvg } from './html-svg.js';
import { readReport } from './validate.js';
import { oneLine, truncate } from './visible.js';

/**
 * Options of {@link renderHtml}.
 *
 * @example
 * ```ts
 * renderHtml(report, { baselineLabel: 'v2.3.1', canaryLabel: 'v2.4.0-rc1', thresholds: { pass: 80, marginal: 60 } });
 * ```
 */
export interface HtmlReportOptions {
  /** Page title and heading (escaped). Default `logsift report`. */
  title?: string;
  /** Name of the baseline side, e.g. its file name or version (escaped). Default `baseline`. */
  baselineLabel?: string;
  /** Name of the canary side (escaped). Default `canary`. */
  canaryLabel?: string;
  /** Signatures in the rate bar chart, the riskiest first. Default 10. */
  topSignatures?: number;
  /** Score thresholds drawn on the gauge; use the ones the comparison used. Default pass 75, marginal 50. */
  thresholds?: GaugeThresholds;
  /**
   * Findings given a detail card, the most serious first; the table lists every finding, and says
   * which have no card. Keeps the file small when a comparison finds thousands. Default 200.
   */
  maxDetails?: number;
}

/**
 * The defaults of {@link HtmlReportOptions}.
 *
 * @example
 * ```ts
 * renderHtml(report, { topSignatures: defaultHtmlReportOptions.topSignatures * 2 });
 * ```
 */
export const defaultHtmlReportOptions: Required<HtmlReportOptions> = {
  title: 'logsift report',
  baselineLabel: 'baseline',
  canaryLabel: 'canary',
  topSignatures: 10,
  thresholds: { pass: 75, marginal: 50 },
  maxDetails: 200,
};

function header(report: Report, o: Required<HtmlReportOptions>): string {
  const ordered = orderFindings(report.findings);
  const why = ordered.slice(0, 3).map((f, i) =>
    `<li><span class="badge sev-${f.severity}">${f.severity}</span><a href="#f-${i + 1}">${e(truncate(f.reason, 220))}</a></li>`);
  const sides = [[o.baselineLabel, report.baseline], [o.canaryLabel, report.canary]] as const;
  return `<header class="top"><div class="wrap summary" id="summary">${gaugeSvg(report.score, report.verdict, o.thresholds)}<div>` +
    `<p class="eyebrow">${e(o.title)}</p>` +
    `<h1><span class="verdict verdict-${report.verdict}" id="verdict">${VERDICT_LABEL[report.verdict]}</span> ` +
    `<span class="score">score ${formatScore(report.score)}/100</span></h1>` +
    `<div>${formatCount(report.findings.length)} findings: ${severityCounts(report)}</div>` +
    `<dl class="sides">${sides.map(([label, s]) => `<div><dt>${e(label)}</dt><dd>${formatCount(s.events)} events, ${formatCount(s.lines)} lines</dd></div>`).join('')}</dl>` +
    (why.length > 0 ? `<ul class="why" aria-label="Top reasons">${why.join('')}</ul>` : '') +
    '</div></div></header>';
}

function rates(report: Report, o: Required<HtmlReportOptions>): string {
  const byRisk = [...report.findings].sort((a, b) => b.risk - a.risk).slice(0, Math.max(0, o.topSignatures));
  if (byRisk.length === 0) return '';
  return `<section id="rates"><h2>Rates of the top signatures</h2>` +
    `<p class="note">Events of each signature per 1,000 events of its side, the ${byRisk.length} riskiest findings.</p>` +
    `<div class="legend"><span><span class="key key-baseline"></span>${e(o.baselineLabel)}</span><span><span class="key key-canary"></span>${e(o.canaryLabel)}</span>` +
    `<span>${SEVERITY_ORDER.map((sev) => `<span class="key key-dot key-${sev}"></span>${sev}`).join(' &nbsp;')}</span></div>` +
    `${rateBarsSvg(byRisk, report)}</section>`;
}

function details(ordered: readonly Report['findings'][number][], report: Report, o: Required<HtmlReportOptions>): string {
  if (ordered.length === 0) return '';
  const labels = { baseline: o.baselineLabel, canary: o.canaryLabel };
  const shown = ordered.slice(0, Math.max(0, o.maxDetails));
  const rest = ordered.length - shown.length;
  const note = rest > 0 ? `<p class="note">${formatCount(rest)} less serious findings have no detail card here (the table lists them all).</p>` : '';
  return `<section id="details"><h2>Details</h2>${shown.map((f, i) => findingCard(f, i + 1, report, labels)).join('')}${note}</section>`;
}

/**
 * Renders a {@link Report} as one self-contained HTML page: verdict, score and gauge first; a bar
 * chart of baseline versus canary rates of the top signatures; a sortable, filterable findings
 * table; and per finding its highlighted template, reason, statistics, timeline, parameter values
 * and whole examples. The page loads nothing (inline CSS and SVG, no fonts, no CDN) and carries a
 * strict Content-Security-Policy that allows only its own hashed style and script. Every
 * log-derived string is HTML-escaped, so log text always shows as text. Prints cleanly.
 *
 * @throws InputError (`E_REPORT_SHAPE`) when `report` is not a schema-version-1 report.
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { renderHtml } from 'logsift';
 * const report = JSON.parse(readFileSync('fixtures/report/demo.json', 'utf8'));
 * writeFileSync('test-output/report.html', renderHtml(report, { canaryLabel: 'v2.4.0-rc1' }));
 * ```
 */
export function renderHtml(report: Report, options: HtmlReportOptions = {}): string {
  report = readReport(report);
  const o = { ...defaultHtmlReportOptions, ...options };
  const ordered = orderFindings(report.findings);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${reportCsp()}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${VERDICT_LABEL[report.verdict]} \u00b7 ${e(o.title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    header(report, o),
    ...(report.warnings ?? []).map((w) => `<p class="warning"><strong>Warning:</strong> ${e(w)}</p>`),
    '<main class="wrap">',
    rates(report, o),
    `<section id="findings"><h2>Findings</h2><p class="note">Click a column to sort; type to filter. Each row links to its details.</p>${findingsTable(ordered, Math.max(0, o.maxDetails), noFindingsNote(report))}</section>`,
    details(ordered, report, o),
    rewordingsSection(report),
    '</main>',
    `<footer class="wrap">Generated by logsift \u00b7 report schema version ${report.schemaVersion} \u00b7 this file is self-contained and makes no network requests.</footer>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** The rewordings the comparison paired, so a reader can check that none hides a change of meaning; '' without any. */
function rewordingsSection(report: Report): string {
  const pairs = report.rewordings ?? [];
  if (pairs.length === 0) return '';
  const code = (text: string): string => `<code>${e(oneLine(truncate(text, 240)))}</code>`;
  const words = (list: readonly string[]): string => (list.length === 0 ? '\u2013' : list.map(code).join(', '));
  const rows = pairs.map((r) => `<tr><td>${code(r.baselineTemplate)}</td><td>${code(r.canaryTemplate)}</td><td>${words(r.removed)}</td><td>${words(r.added)}</td></tr>`);
  return [
    `<section id="rewordings"><h2>Rewordings paired (${formatCount(pairs.length)})</h2>`,
    '<p class="note">Each canary statement is counted as the baseline statement it rewords.</p>',
    '<table><thead><tr><th scope="col">Baseline template</th><th scope="col">Canary template</th><th scope="col">Words removed</th><th scope="col">Words added</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('');
}
