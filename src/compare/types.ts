import type { Level } from '../records/types.js';
import type { Rewording } from '../signatures/rewordings.js';

/** Release verdict; maps onto Argo Rollouts' Successful / Inconclusive / Failed. */
export type Verdict = 'pass' | 'marginal' | 'fail';

/** Severity of a signature or finding. */
export type Severity = 'critical' | 'error' | 'warning' | 'info';

/** Kind of a finding. */
export type FindingKind = 'novel' | 'spike' | 'param' | 'drop' | 'gone';

/** One reason the canary differs from the baseline. */
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
  /** For `param` findings: the parameter position and the new values seen. */
  param?: { position: number; values: Array<{ value: string; count: number }> };
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

/** The baseline side of a reworded signature. */
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

/** A group of findings about related templates (k-means over template vectors; docs/signatures.md). */
export interface FindingFamily {
  index: number;
  /** Constant words all members share. */
  label: string;
  /** Ids of the findings in the family. */
  findings: string[];
}

/** Counts for a one-line summary: "7 findings, 3 families, 2 rewordings". */
export interface ReportSummary {
  findings: number;
  families: number;
  rewordings: number;
}

/** Counts per fixed-width time bucket for one signature on both sides. */
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

/** A value of a template variable and how often it was seen. */
export interface ValueCount {
  value: string;
  count: number;
}

/** Top values of one template variable on both sides. */
export interface ParameterComparison {
  /** 0-based index of the `<*>` in the template. */
  position: number;
  baseline: ValueCount[];
  canary: ValueCount[];
}

/** Line and event counts of one side. */
export interface SideSummary {
  lines: number;
  events: number;
}

/** The result of a comparison (JSON schema version 1; see docs/report-schema.md). */
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
   * result from the log platform. Absent when there is nothing to say.
   */
  warnings?: string[];
}
