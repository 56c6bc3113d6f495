import type { Finding, Report, Severity, Verdict } from '../compare/types.js';
import {
  KIND_LABEL, SEVERITY_ORDER, VERDICT_LABEL, formatCount, formatP, formatRate, formatRateRatio, formatSide,
  formatScore, orderFindings, ratePer1k, severityCounts,
  noFindingsNote,
} from './format.js';
import { readReport } from './validate.js';
import { firstLines, oneLine, truncate, visibleControls } from './visible.js';

/**
 * Options of {@link renderText}.
 *
 * @example
 * ```ts
 * renderText(report, { color: process.stdout.isTTY === true, maxFindings: 5 });
 * ```
 */
export interface TextReportOptions {
  /** Use ANSI colors (only when the output is a color terminal; the caller decides). Default false. */
  color?: boolean;
  /** Findings shown in full; the rest get one summary line each. Default 20. */
  maxFindings?: number;
  /** Lines of each example shown before it is cut (with a count of what was left out). Default 15. */
  maxExampleLines?: number;
  /** Longest template shown on one line, in characters. Default 300. */
  maxTemplateLength?: number;
}

/**
 * The defaults of {@link TextReportOptions}.
 *
 * @example
 * ```ts
 * renderText(report, { maxFindings: defaultTextReportOptions.maxFindings * 2 });
 * ```
 */
export const defaultTextReportOptions: Required<TextReportOptions> = {
  color: false,
  maxFindings: 20,
  maxExampleLines: 15,
  maxTemplateLength: 300,
};

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', magenta: '\x1b[35m', cyan: '\x1b[36m' };
const VERDICT_COLOR: Record<Verdict, string> = { pass: ANSI.green, marginal: ANSI.yellow, fail: ANSI.red };
const SEVERITY_COLOR: Record<Severity, string> = { critical: ANSI.magenta, error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

type Paint = (text: string, ...codes: string[]) => string;

function painter(color: boolean): Paint {
  return color ? (text, ...codes) => `${codes.join('')}${text}${ANSI.reset}` : (text) => text;
}

function counts(f: Finding, report: Report): string {
  const b = formatRate(ratePer1k(f.baselineCount, report.baseline));
  const c = formatRate(ratePer1k(f.canaryCount, report.canary));
  return `baseline ${formatCount(f.baselineCount)} (${b}/1k)  canary ${formatCount(f.canaryCount)} (${c}/1k)  rate ratio ${formatRateRatio(f)}  p ${formatP(f.pValue)}  q ${formatP(f.qValue)}`;
}

function example(f: Finding, o: Required<TextReportOptions>, paint: Paint): string[] {
  const first = f.examples[0];
  if (first === undefined) return [];
  const seen = Math.max(f.exampleCount ?? f.examples.length, f.examples.length);
  const { text, omitted } = firstLines(visibleControls(first), o.maxExampleLines);
  const out = [paint(`    example (1 of ${formatCount(seen)}):`, ANSI.dim)];
  for (const line of text.split('\n')) out.push(`    ${paint('|', ANSI.dim)} ${line}`);
  if (omitted > 0) out.push(paint(`    | ... ${formatCount(omitted)} more lines`, ANSI.dim));
  return out;
}

function full(f: Finding, report: Report, o: Required<TextReportOptions>, paint: Paint): string[] {
  return [
    `  ${paint(f.severity.toUpperCase(), SEVERITY_COLOR[f.severity], ANSI.bold)} ${f.kind} (${KIND_LABEL[f.kind]})  risk ${formatScore(f.risk)}`,
    `    ${paint(oneLine(truncate(f.template, o.maxTemplateLength)), ANSI.bold)}`,
    ...(f.pairedWith ? [`    reworded from: ${oneLine(visibleControls(truncate(f.pairedWith.template, o.maxTemplateLength)))}`] : []),
    `    ${oneLine(f.reason)}`,
    `    ${counts(f, report)}`,
    ...example(f, o, paint),
    '',
  ];
}

/** `placed -> created` style summary of a rewording's changed words. */
function wordChanges(removed: readonly string[], added: readonly string[]): string {
  const list = (words: readonly string[]): string => (words.length === 0 ? '(none)' : words.map((w) => oneLine(w)).join(', '));
  return `removed: ${list(removed)}; added: ${list(added)}`;
}

function brief(f: Finding, o: Required<TextReportOptions>, paint: Paint): string {
  const sev = paint(f.severity.padEnd(8), SEVERITY_COLOR[f.severity]);
  return `  ${sev} ${f.kind.padEnd(5)} ${formatCount(f.baselineCount).padStart(8)} -> ${formatCount(f.canaryCount).padEnd(8)} ${oneLine(truncate(f.template, Math.min(120, o.maxTemplateLength)))}`;
}

/**
 * Renders a {@link Report} for a terminal: the verdict and score first, then the findings grouped
 * by severity, each with its reason, counts and rates on both sides, rate ratio and one example.
 * Log text has its control characters shown as escapes (`\x1b`), so a log line cannot recolor or
 * retitle the terminal. Colors only when `color: true`.
 *
 * @throws InputError (`E_REPORT_SHAPE`) when `report` is not a schema-version-1 report.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { renderText } from 'logsift';
 * const report = JSON.parse(readFileSync('fixtures/report/demo.json', 'utf8'));
 * process.stdout.write(renderText(report, { color: process.stdout.isTTY === true }));
 * ```
 */
export function renderText(report: Report, options: TextReportOptions = {}): string {
  report = readReport(report);
  const o = { ...defaultTextReportOptions, ...options };
  const paint = painter(o.color);
  const lines = [
    `logsift: ${paint(VERDICT_LABEL[report.verdict], VERDICT_COLOR[report.verdict], ANSI.bold)}  score ${formatScore(report.score)}/100`,
    `baseline ${formatSide(report.baseline)}  canary ${formatSide(report.canary)}`,
    `${formatCount(report.findings.length)} findings: ${severityCounts(report)}` +
      (report.summary ? `; ${formatCount(report.summary.families)} families, ${formatCount(report.summary.rewordings)} rewordings paired` : ''),
    // truncated or partial reads change what the verdict rests on: say so before the findings
    ...(report.warnings ?? []).map((w) => paint(`warning: ${oneLine(visibleControls(w))}`, SEVERITY_COLOR.warning, ANSI.bold)),
    '',
  ];
  const ordered = orderFindings(report.findings);
  if (ordered.length === 0) lines.push(noFindingsNote(report));
  const shown = ordered.slice(0, Math.max(0, o.maxFindings));
  for (const severity of SEVERITY_ORDER) {
    const group = shown.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(paint(`${severity.toUpperCase()} (${group.length})`, SEVERITY_COLOR[severity], ANSI.bold));
    for (const f of group) lines.push(...full(f, report, o, paint));
  }
  const rest = ordered.slice(shown.length);
  if (rest.length > 0) {
    lines.push(paint(`${formatCount(rest.length)} more findings (severity, kind, baseline -> canary, template):`, ANSI.bold));
    for (const f of rest) lines.push(brief(f, o, paint));
    lines.push('');
  }
  // Each pairing decides what is compared: shown, so a reader can check that none hides a change of meaning.
  const pairs = report.rewordings ?? [];
  if (pairs.length > 0) {
    lines.push(paint(`REWORDINGS (${formatCount(pairs.length)}): each canary statement counted as the baseline statement it rewords`, ANSI.bold));
    const max = Math.min(120, o.maxTemplateLength);
    for (const r of pairs) {
      lines.push(`    ${oneLine(truncate(r.baselineTemplate, max))}`, ` -> ${oneLine(truncate(r.canaryTemplate, max))}`, `    ${wordChanges(r.removed, r.added)}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
