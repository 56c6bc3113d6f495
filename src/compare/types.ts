import type { Level } from '../records/types.js';

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
}
