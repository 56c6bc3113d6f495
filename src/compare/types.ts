import type { Level } from '../records/types.js';
import type { Rewording } from '../signatures/rewordings.js';

/**
 * Release verdict from the score and the thresholds; maps onto Argo Rollouts' Successful / Inconclusive / Failed.
 *
 * @example
 * ```ts
 * import { compare, type Verdict } from 'logsift';
 * const verdict: Verdict = (await compare('baseline.log', 'canary.log')).verdict;
 * process.exitCode = verdict === 'fail' ? 1 : 0;
 * ```
 */
export type Verdict = 'pass' | 'marginal' | 'fail';

/**
 * Severity of a signature or finding, from its level and the topics in its template (see {@link severityOf}).
 *
 * @example
 * ```ts
 * import { severityOf, type Severity } from 'logsift';
 * const severity: Severity = severityOf('Connection to <*> refused'); // 'error'
 * ```
 */
export type Severity = 'critical' | 'error' | 'warning' | 'info';

/**
 * Kind of a finding: `novel` (a signature the baseline never had), `spike` (a significant rise),
 * `param` (new values of a template variable), `drop` (a significant fall) or `gone` (no canary events left).
 *
 * @example
 * ```ts
 * import { compare, type FindingKind } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log');
 * const byKind = new Map<FindingKind, number>();
 * for (const f of report.findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
 * ```
 */
export type FindingKind = 'novel' | 'spike' | 'param' | 'drop' | 'gone';

/**
 * One reason the canary differs from the baseline: a signature, what changed about it, how sure the
 * statistics are, how risky it is, and a few raw events as evidence.
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log');
 * for (const f of report.findings) console.log(`${f.severity} ${f.kind} (risk ${f.risk}, q=${f.qValue.toPrecision(2)}): ${f.reason}`);
 * ```
 */
export interface Finding {
  /** Stable signature id. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** Template text with `<*>` for variables. */
  template: string;
  baselineCount: number;
  canaryCount: number;
  /** 0..100, higher = riskier. */
  risk: number;
  /** One-sided exact conditional binomial p-value for the finding's direction. */
  pValue: number;
  /** Benjamini-Hochberg adjusted p-value across all signatures tested. */
  qValue: number;
  /** Canary rate / baseline rate (with a 0.5 continuity correction when a side is zero). */
  rateRatio: number;
  /** Confidence interval of the rate ratio. */
  rateRatioCI?: [number, number];
  /** One line in words a release engineer understands. */
  reason: string;
  /** A few raw canary (or baseline, for drop/gone) events. */
  examples: string[];
  /**
   * For `param` findings: the parameter position and the new values seen; `also` lists other positions that took
   * exactly the same values with the same counts (a line that writes one field twice), reported once; `fresh`
   * marks values new to an error field that always had the same one to three values (a "same header" fault).
   */
  param?: { position: number; values: Array<{ value: string; count: number }>; also?: number[]; fresh?: boolean };
  /** Level read from the logs, when one exists. */
  level?: Level;
  /** Counts per time bucket on both sides, when the events had timestamps. */
  timeline?: Timeline;
  /** Per variable position of the template: the top values on both sides. */
  parameters?: ParameterComparison[];
  /** Every multi-line example is kept whole; `examples` may hold fewer than were seen. */
  exampleCount?: number;
  /**
   * The baseline signature this canary signature rewords (docs/signatures.md): the pair was compared as one
   * signature, `baselineCount` is the baseline template's and `canaryCount` both templates' canary events.
   */
  pairedWith?: PairedSignature;
  /** Index into {@link Report.families}: findings about related templates share a family. */
  family?: number;
}

/**
 * The baseline side of a reworded signature ({@link Finding.pairedWith}): the template the canary's new
 * wording replaced, compared with it as one signature.
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log');
 * for (const f of report.findings) {
 *   if (f.pairedWith) console.log(`'${f.template}' rewords '${f.pairedWith.template}' (similarity ${f.pairedWith.similarity.toFixed(2)})`);
 * }
 * ```
 */
export interface PairedSignature {
  /** Stable id of the baseline template. */
  id: string;
  template: string;
  /** Events of the baseline template in the baseline and (what is left of it) in the canary. */
  baselineCount: number;
  canaryCount: number;
  /** TF-IDF cosine similarity of the two templates (0..1). */
  similarity: number;
}

/**
 * A group of findings about related templates (k-means over template vectors; docs/signatures.md), so
 * one cause behind many findings reads as one story.
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log');
 * for (const family of report.families ?? []) console.log(`${family.label}: ${family.findings.length} findings`);
 * ```
 */
export interface FindingFamily {
  index: number;
  /** Constant words all members share. */
  label: string;
  /** Ids of the findings in the family. */
  findings: string[];
}

/**
 * Counts for a one-line summary: "7 findings, 3 families, 2 rewordings".
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const { summary } = await compare('baseline.log', 'canary.log');
 * if (summary) console.log(`${summary.findings} findings, ${summary.families} families, ${summary.rewordings} rewordings`);
 * ```
 */
export interface ReportSummary {
  findings: number;
  families: number;
  rewordings: number;
}

/**
 * Counts per fixed-width time bucket for one signature on both sides (present when the events had
 * timestamps), so a chart can show when a change began.
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log');
 * const t = report.findings[0]?.timeline;
 * if (t) t.canary.forEach((n, i) => console.log(new Date(t.canaryStart + i * t.bucketMs).toISOString(), n));
 * ```
 */
export interface Timeline {
  /** Width of a bucket in milliseconds. */
  bucketMs: number;
  /** Start (epoch ms) of the first baseline bucket. */
  baselineStart: number;
  /** Start (epoch ms) of the first canary bucket. */
  canaryStart: number;
  baseline: number[];
  canary: number[];
}

/**
 * A value of a template variable and how often it was seen.
 *
 * @example
 * ```ts
 * import type { ValueCount } from 'logsift';
 * const top: ValueCount[] = [{ value: '503', count: 41 }, { value: '200', count: 3 }];
 * console.log(top.map((v) => `${v.value} x${v.count}`).join(', ')); // '503 x41, 200 x3'
 * ```
 */
export interface ValueCount {
  value: string;
  count: number;
}

/**
 * Top values of one template variable on both sides, for a finding's parameter table.
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log');
 * for (const p of report.findings[0]?.parameters ?? []) {
 *   console.log(`<*> #${p.position}: baseline ${p.baseline.map((v) => v.value).join(', ')}; canary ${p.canary.map((v) => v.value).join(', ')}`);
 * }
 * ```
 */
export interface ParameterComparison {
  /** 0-based index of the `<*>` in the template. */
  position: number;
  baseline: ValueCount[];
  canary: ValueCount[];
}

/**
 * A reason a comparison is weaker than its verdict and findings alone suggest, set by the comparison next to the
 * warning that says it in words (a reader of the report should go by this, not by the warning's wording):
 * - `baseline-small`: the baseline is too small to show any canary signature as new (the verdict is marginal at best);
 * - `canary-small`: the canary is too small to show any baseline signature as gone (marginal at best);
 * - `canary-unlike`: most of the canary's events are of signatures rare or absent in the baseline (a restart loop,
 *   no traffic, a logging change; marginal at best);
 * - `rules-ignored`: `ignore` rules left signatures out of the comparison;
 * - `templates-evicted`: a side had more distinct statements than the miner's template cap (`maxTemplates`), so
 *   templates were evicted, and made again when their statements came back (the verdict stands, but counts may be split; raise the cap).
 *
 * An empty side is not a caveat: {@link Report.baseline} and {@link Report.canary} count its events as 0.
 * Later versions may add values; a reader should pass over those it does not know.
 *
 * @example
 * ```ts
 * import { compare, type Caveat } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log');
 * const tooSmall: Caveat[] = ['baseline-small', 'canary-small'];
 * if (report.caveats?.some((c) => tooSmall.includes(c))) console.log('a side is too small to judge: collect more logs');
 * ```
 */
export type Caveat = 'baseline-small' | 'canary-small' | 'canary-unlike' | 'rules-ignored' | 'templates-evicted';

/**
 * Line and event counts of one side of a comparison (an event may span several lines, e.g. a stack trace).
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log');
 * console.log(`baseline ${report.baseline.events} events, canary ${report.canary.events} events (${report.canary.lines} lines)`);
 * ```
 */
export interface SideSummary {
  lines: number;
  events: number;
}

/**
 * The result of a comparison (JSON schema version 1; see docs/report-schema.md): verdict, score,
 * findings, and what limited the comparison. Every renderer (json, text, markdown, html) takes one.
 *
 * @example
 * ```ts
 * import { compare, renderMarkdown, type Report } from 'logsift';
 * const report: Report = await compare('baseline.log', 'canary.log');
 * console.log(report.verdict, report.score, report.findings.length);
 * console.log(renderMarkdown(report));
 * ```
 */
export interface Report {
  schemaVersion: 1;
  verdict: Verdict;
  /** 0..100, 100 = no risk. */
  score: number;
  baseline: SideSummary;
  canary: SideSummary;
  findings: Finding[];
  /** Canary templates paired with the baseline templates they reword (compared as one signature each). */
  rewordings?: Rewording[];
  /** Families of the findings (present when there are findings). */
  families?: FindingFamily[];
  summary?: ReportSummary;
  /**
   * What limits the comparison, in words (one line each): a side truncated at its event cap, a partial
   * result from the log platform. Absent when there is nothing to say. The wording may change: a program
   * should go by {@link Report.caveats}.
   */
  warnings?: string[];
  /**
   * Why the comparison is weaker than it looks ({@link Caveat}), each with a warning that says so in words, in the
   * order found. Absent when there is none, and in reports saved before the field existed.
   *
   * @example
   * ```ts
   * import { compare } from 'logsift';
   * const report = await compare('baseline.log', 'canary.log');
   * if (report.caveats?.includes('rules-ignored')) console.log('rules left part of the logs out of the comparison');
   * ```
   */
  caveats?: Caveat[];
}
