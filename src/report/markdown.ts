import type { Finding, Report, Verdict } from '../compare/types.js';
import { mdCode, mdFence, mdProse } from './escape-markdown.js';
import {
  KIND_LABEL, SEVERITY_ORDER, VERDICT_LABEL, formatCount, formatP, formatRate, formatRateRatio, formatSide,
  formatScore, orderFindings, ratePer1k, severityCounts,
  noFindingsNote,
} from './format.js';
import { readReport } from './validate.js';
import { firstLines, truncate } from './visible.js';

/**
 * Options of {@link renderMarkdown}.
 *
 * @example
 * ```ts
 * renderMarkdown(report, { title: 'checkout canary', maxFindings: 5, maxExamples: 1 });
 * ```
 */
export interface MarkdownReportOptions {
  /** Heading text (escaped like log text). Default `logsift`. */
  title?: string;
  /** Findings shown in full; the rest go in a collapsed table. Default 10. */
  maxFindings?: number;
  /** Examples shown per finding: the first openly, the others collapsed. Default 3. */
  maxExamples?: number;
  /** Lines of each example shown before it is cut (with a count of what was left out). Default 30. */
  maxExampleLines?: number;
  /** Characters of each example shown before it is cut (a 10 kB JSON line would crowd a comment). Default 2000. */
  maxExampleChars?: number;
  /** Longest template shown inline, in characters. Default 200. */
  maxTemplateLength?: number;
  /**
   * Rows of the collapsed table of further findings; the rest are counted, not listed (GitHub
   * refuses comments over 65,536 characters; the JSON and HTML reports list every finding). Default 50.
   */
  maxTableRows?: number;
}

/**
 * The defaults of {@link MarkdownReportOptions}.
 *
 * @example
 * ```ts
 * renderMarkdown(report, { maxExampleLines: defaultMarkdownReportOptions.maxExampleLines / 2 });
 * ```
 */
export const defaultMarkdownReportOptions: Required<MarkdownReportOptions> = {
  title: 'logsift',
  maxFindings: 10,
  maxExamples: 3,
  maxExampleLines: 30,
  maxExampleChars: 2000,
  maxTemplateLength: 200,
  maxTableRows: 50,
};

type Options = Required<MarkdownReportOptions>;

const VERDICT_MARK: Record<Verdict, string> = { pass: '\u2705', marginal: '\u26a0\ufe0f', fail: '\u274c' };

function exampleBlock(text: string, o: Options): string {
  const { text: byLines, omitted } = firstLines(text, o.maxExampleLines);
  const shown = truncate(byLines, o.maxExampleChars);
  const notes: string[] = [];
  if (omitted > 0) notes.push(`${formatCount(omitted)} more lines`);
  if (shown !== byLines) notes.push(`${formatCount(Array.from(byLines).length - Array.from(shown).length + 1)} more characters`);
  const note = notes.length > 0 ? `\n\n*\u2026 ${notes.join(' and ')} not shown*` : '';
  return `${mdFence(shown)}${note}`;
}

function findingBlock(f: Finding, n: number, report: Report, o: Options): string {
  const b = formatRate(ratePer1k(f.baselineCount, report.baseline));
  const c = formatRate(ratePer1k(f.canaryCount, report.canary));
  const parts = [
    `#### ${n}. ${f.severity} \u00b7 ${f.kind} (${KIND_LABEL[f.kind]}): ${mdCode(truncate(f.template, o.maxTemplateLength))}`,
    '',
    ...(f.pairedWith ? [`Rewords the baseline template ${mdCode(truncate(f.pairedWith.template, o.maxTemplateLength))}`, ''] : []),
    mdProse(f.reason),
    '',
    `Baseline **${formatCount(f.baselineCount)}** (${b} per 1k events) \u2192 canary **${formatCount(f.canaryCount)}** (${c} per 1k events) \u00b7 rate ratio **${formatRateRatio(f)}** \u00b7 p ${formatP(f.pValue)} \u00b7 q ${formatP(f.qValue)} \u00b7 risk ${formatScore(f.risk)}`,
  ];
  if (f.param && f.param.values.length > 0) {
    const values = f.param.values.slice(0, 5).map((v) => `${mdCode(truncate(v.value, 80))} \u00d7${formatCount(v.count)}`);
    const also = f.param.also?.length ? ` (also ${f.param.also.map((a) => a + 1).join(', ')})` : '';
    parts.push('', `New values of variable ${f.param.position + 1}${also}: ${values.join(', ')}`);
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
  const listed = rest.slice(0, Math.max(0, o.maxTableRows));
  const unlisted = rest.length - listed.length;
  const rows = listed.map((f) =>
    `| ${f.severity} | ${f.kind} | ${mdCode(truncate(f.template, Math.min(o.maxTemplateLength, 120)), true)} | ${formatCount(f.baselineCount)} | ${formatCount(f.canaryCount)} | ${formatRateRatio(f)} | ${formatP(f.qValue)} |`,
  );
  return [
    '<details>',
    `<summary>${formatCount(rest.length)} more finding${rest.length === 1 ? '' : 's'}</summary>`,
    '',
    '| Severity | Kind | Template | Baseline | Canary | Rate ratio | q |',
    '|---|---|---|---:|---:|---:|---:|',
    ...rows,
    ...(unlisted > 0 ? ['', `*\u2026 and ${formatCount(unlisted)} more, listed in the JSON and HTML reports.*`] : []),
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
  report = readReport(report);
  const o: Options = { ...defaultMarkdownReportOptions, ...options };
  const out = [
    `## ${VERDICT_MARK[report.verdict]} ${mdProse(o.title)}: ${VERDICT_LABEL[report.verdict]} \u2014 score ${formatScore(report.score)}/100`,
    '',
    `**Verdict:** ${report.verdict} \u00b7 **Score:** ${formatScore(report.score)}/100 \u00b7 **Findings:** ${formatCount(report.findings.length)} (${severityCounts(report)})` +
      (report.summary ? ` \u00b7 **Families:** ${formatCount(report.summary.families)} \u00b7 **Rewordings paired:** ${formatCount(report.summary.rewordings)}` : ''),
    '',
    `Baseline: ${formatSide(report.baseline)} \u00b7 Canary: ${formatSide(report.canary)}`,
    ...(report.warnings ?? []).flatMap((w) => ['', `> **Warning:** ${mdProse(w)}`]),
  ];
  const ordered = orderFindings(report.findings);
  if (ordered.length === 0) out.push('', noFindingsNote(report));
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
  // Each pairing decides what is compared: listed, so a reader can check that none hides a change of meaning.
  const pairs = report.rewordings ?? [];
  if (pairs.length > 0) {
    const max = Math.min(o.maxTemplateLength, 120);
    const words = (list: readonly string[]): string => (list.length === 0 ? '\u2013' : list.map((w) => mdCode(w, true)).join(', '));
    out.push(
      '',
      `### Rewordings paired (${formatCount(pairs.length)})`,
      '',
      'Each canary statement is counted as the baseline statement it rewords.',
      '',
      '| Baseline template | Canary template | Words removed | Words added |',
      '|---|---|---|---|',
      ...pairs.map((r) => `| ${mdCode(truncate(r.baselineTemplate, max), true)} | ${mdCode(truncate(r.canaryTemplate, max), true)} | ${words(r.removed)} | ${words(r.added)} |`),
    );
  }
  return `${out.join('\n')}\n`;
}
