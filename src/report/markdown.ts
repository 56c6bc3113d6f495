import type { Finding, Report, Verdict } from '../compare/types.js';
import { mdCode, mdFence, mdProse } from './escape-markdown.js';
import {
  KIND_LABEL, SEVERITY_ORDER, VERDICT_LABEL, formatCount, formatP, formatRate, formatRateRatio, formatSide,
  orderFindings, ratePer1k, severityCounts,
} from './format.js';
import { assertReport } from './validate.js';
import { firstLines, truncate } from './visible.js';

/** Options of {@link renderMarkdown}. */
export interface MarkdownReportOptions {
  /** Heading text (escaped like log text). Default `logsift`. */
  title?: string;
  /** Findings shown in full; the rest go in a collapsed table. Default 10. */
  maxFindings?: number;
  /** Examples shown per finding: the first openly, the others collapsed. Default 3. */
  maxExamples?: number;
  /** Lines of each example shown before it is cut (with a count of what was left out). Default 30. */
  maxExampleLines?: number;
  /** Longest template shown inline, in characters. Default 200. */
  maxTemplateLength?: number;
}

/** The defaults of {@link MarkdownReportOptions}. */
export const defaultMarkdownReportOptions: Required<MarkdownReportOptions> = {
  title: 'logsift',
  maxFindings: 10,
  maxExamples: 3,
  maxExampleLines: 30,
  maxTemplateLength: 200,
};

type Options = Required<MarkdownReportOptions>;

const VERDICT_MARK: Record<Verdict, string> = { pass: '\u2705', marginal: '\u26a0\ufe0f', fail: '\u274c' };

function exampleBlock(text: string, o: Options): string {
  const { text: shown, omitted } = firstLines(text, o.maxExampleLines);
  const note = omitted > 0 ? `\n\n*\u2026 ${formatCount(omitted)} more lines not shown*` : '';
  return `${mdFence(shown)}${note}`;
}

function findingBlock(f: Finding, n: number, report: Report, o: Options): string {
  const b = formatRate(ratePer1k(f.baselineCount, report.baseline));
  const c = formatRate(ratePer1k(f.canaryCount, report.canary));
  const parts = [
    `#### ${n}. ${f.severity} \u00b7 ${f.kind} (${KIND_LABEL[f.kind]}): ${mdCode(truncate(f.template, o.maxTemplateLength))}`,
    '',
    mdProse(f.reason),
    '',
    `Baseline **${formatCount(f.baselineCount)}** (${b} per 1k events) \u2192 canary **${formatCount(f.canaryCount)}** (${c} per 1k events) \u00b7 rate ratio **${formatRateRatio(f)}** \u00b7 p ${formatP(f.pValue)} \u00b7 q ${formatP(f.qValue)} \u00b7 risk ${Math.round(f.risk)}`,
  ];
  if (f.param && f.param.values.length > 0) {
    const values = f.param.values.slice(0, 5).map((v) => `${mdCode(truncate(v.value, 80))} \u00d7${formatCount(v.count)}`);
    parts.push('', `New values of variable ${f.param.position + 1}: ${values.join(', ')}`);
  }
  const examples = f.examples.slice(0, Math.max(0, o.maxExamples));
  const seen = Math.max(f.exampleCount ?? f.examples.length, f.examples.length);
  if (examples.length > 0) parts.push('', exampleBlock(examples[0] as string, o));
  if (examples.length > 1) {
    parts.push('', '<details>', `<summary>${examples.length - 1} more example${examples.length > 2 ? 's' : ''} (${formatCount(seen)} seen)</summary>`, '');
    for (const e of examples.slice(1)) parts.push(exampleBlock(e, o), '');
    parts.push('</details>');
  }
  return parts.join('\n');
}

function restTable(rest: Finding[], o: Options): string {
  const rows = rest.map((f) =>
    `| ${f.severity} | ${f.kind} | ${mdCode(truncate(f.template, Math.min(o.maxTemplateLength, 120)), true)} | ${formatCount(f.baselineCount)} | ${formatCount(f.canaryCount)} | ${formatRateRatio(f)} | ${formatP(f.qValue)} |`,
  );
  return [
    '<details>',
    `<summary>${formatCount(rest.length)} more finding${rest.length === 1 ? '' : 's'}</summary>`,
    '',
    '| Severity | Kind | Template | Baseline | Canary | Rate ratio | q |',
    '|---|---|---|---:|---:|---:|---:|',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}

/**
 * Renders a {@link Report} as GitHub/GitLab-flavoured Markdown for a job log, a pull-request
 * comment or a chat message: the verdict and score first, then findings grouped by severity, each
 * with its reason, counts on both sides, rate ratio and one example; further examples and findings
 * collapsed in `<details>`. Log text is escaped so it cannot add links, images, HTML, mentions or
 * close a code block (see docs/reports.md for the rules).
 *
 * @throws InputError (`E_REPORT_SHAPE`) when `report` is not a schema-version-1 report.
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { renderMarkdown } from 'logsift';
 * const report = JSON.parse(readFileSync('fixtures/report/demo.json', 'utf8'));
 * writeFileSync('test-output/comment.md', renderMarkdown(report, { maxFindings: 5 }));
 * ```
 */
export function renderMarkdown(report: Report, options: MarkdownReportOptions = {}): string {
  assertReport(report);
  const o: Options = { ...defaultMarkdownReportOptions, ...options };
  const out = [
    `## ${VERDICT_MARK[report.verdict]} ${mdProse(o.title)}: ${VERDICT_LABEL[report.verdict]} \u2014 score ${Math.round(report.score)}/100`,
    '',
    `**Verdict:** ${report.verdict} \u00b7 **Score:** ${Math.round(report.score)}/100 \u00b7 **Findings:** ${formatCount(report.findings.length)} (${severityCounts(report)})`,
    '',
    `Baseline: ${formatSide(report.baseline)} \u00b7 Canary: ${formatSide(report.canary)}`,
  ];
  const ordered = orderFindings(report.findings);
  const shown = ordered.slice(0, Math.max(0, o.maxFindings));
  let n = 0;
  for (const severity of SEVERITY_ORDER) {
    const group = shown.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push('', `### ${severity[0]?.toUpperCase()}${severity.slice(1)} (${group.length})`);
    for (const f of group) out.push('', findingBlock(f, (n += 1), report, o));
  }
  const rest = ordered.slice(shown.length);
  if (rest.length > 0) out.push('', restTable(rest, o));
  return `${out.join('\n')}\n`;
}
