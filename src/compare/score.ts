import type { Finding, FindingKind, Severity, Verdict } from './types.js';

/**
 * How readily findings turn into risk: `low` scales every finding's risk by 0.75, `high` by 1.25 (and
 * a critical novel event then weighs fully from its first occurrence).
 *
 * @example
 * ```ts
 * import { compare, type Sensitivity } from 'logsift';
 * const sensitivity: Sensitivity = process.env.CI ? 'high' : 'medium';
 * const report = await compare('baseline.log', 'canary.log', { sensitivity });
 * ```
 */
export type Sensitivity = 'low' | 'medium' | 'high';

/**
 * Verdict thresholds on the 0..100 score (100 = no risk).
 *
 * @example
 * ```ts
 * import { compare, type VerdictThresholds } from 'logsift';
 * const thresholds: VerdictThresholds = { pass: 90, marginal: 60 };
 * const report = await compare('baseline.log', 'canary.log', { thresholds });
 * ```
 */
export interface VerdictThresholds {
  /** Lowest score that passes. */
  pass: number;
  /** Lowest score that is marginal (below it: fail). */
  marginal: number;
}

/**
 * Default thresholds: pass at 75 and above, marginal at 50 and above.
 *
 * @example
 * ```ts
 * import { compare, defaultThresholds } from 'logsift';
 * // stricter about passing, same line for failing
 * const report = await compare('baseline.log', 'canary.log', { thresholds: { ...defaultThresholds, pass: 90 } });
 * ```
 */
export const defaultThresholds: VerdictThresholds = { pass: 75, marginal: 50 };

/**
 * How much a finding of each severity can weigh at most (0..100) before sensitivity scales it.
 *
 * @example
 * ```ts
 * import { severityWeight } from 'logsift';
 * severityWeight.error; // 80: at medium sensitivity one error finding alone can lower the score to 20
 * ```
 */
export const severityWeight: Readonly<Record<Severity, number>> = { critical: 100, error: 80, warning: 60, info: 10 };

const SENSITIVITY_FACTOR: Readonly<Record<Sensitivity, number>> = { low: 0.75, medium: 1, high: 1.25 };

/** Evidence that the finding is not chance, from the number of canary events behind it. */
function countEvidence(count: number): number {
  return 1 - Math.exp(-count / 4);
}

/** Evidence from significance: 0 at p = 1, 1 at p <= 0.001 (linear in -log10 p). */
function pEvidence(p: number): number {
  if (!(p < 1)) return 0;
  return Math.min(1, -Math.log10(Math.max(p, 1e-300)) / 2.5);
}

/** Evidence from the effect size of a rate change: 0 at a ratio of 1.5, 1 at 10 and beyond. */
function ratioEvidence(ratio: number): number {
  if (!(ratio > 0)) return 0;
  const r = Math.abs(Math.log2(ratio));
  return Math.max(0, Math.min(1, (r - Math.log2(1.5)) / (Math.log2(10) - Math.log2(1.5))));
}

/**
 * What the risk of a finding is computed from (the input of {@link findingRisk}).
 *
 * @example
 * ```ts
 * import { findingRisk, type RiskInput } from 'logsift';
 * const input: RiskInput = { kind: 'spike', severity: 'error', count: 40, rateRatio: 8, qValue: 0.001, alpha: 0.05, pValue: 0.0002, mustKeep: false, sensitivity: 'medium' };
 * findingRisk(input); // 74
 * ```
 */
export interface RiskInput {
  kind: FindingKind;
  severity: Severity;
  /** Canary events behind the finding (for param: canary events with the new values). */
  count: number;
  rateRatio: number;
  qValue: number;
  /** Significance level for rate changes. */
  alpha: number;
  /** One-sided p-value of the finding (for novel events: of the canary count given both totals). */
  pValue: number;
  /** The rules mark the signature as one that must not drop. */
  mustKeep: boolean;
  sensitivity: Sensitivity;
  /** For param: only values new to an established error field, weighed like a new signature. */
  fresh?: boolean;
  /**
   * For spike: significant on its own only, or with a wide interval (a weak spike); for gone: a statement that was a
   * large share of the baseline. A fixed risk in the marginal band.
   */
  weak?: boolean;
  /** For novel: signatures of this severity come and go by chance in this log, so the risk is held in the marginal band. */
  held?: boolean;
}

/** Risk of a weak spike at medium sensitivity: score 70, marginal. */
const WEAK_SPIKE_RISK = 30;
/** The most a held new signature weighs at medium sensitivity: score 55, marginal. */
const HELD_NOVEL_RISK = 45;

/**
 * Risk (0..100) of one finding from its kind, severity, significance and effect size.
 * - novel: severity weight x evidence from the count (1 - e^(-n/4)); critical novel events weigh at least
 *   half their weight from the first occurrence, and all of it at high sensitivity; a held one (see
 *   {@link RiskInput.held}) weighs at most 45.
 * - spike and param: severity weight x (0.4 + 0.6 x effect), only when significant (q < alpha).
 *   A weak spike (significant on its own only) has a fixed risk of 30: marginal, never a failure alone.
 * - drop and gone: informative (risk 2) unless the signature is must-keep, then as a spike of an error; a weak gone
 *   one (a large share of the baseline) has the weak spike's fixed risk of 30.
 *
 * @example
 * ```ts
 * import { findingRisk } from 'logsift';
 * // one critical event never seen before: 45% of its weight, whatever the statistics say
 * findingRisk({ kind: 'novel', severity: 'critical', count: 1, rateRatio: 3, qValue: 0.5, alpha: 0.05, pValue: 0.5, mustKeep: false, sensitivity: 'medium' }); // 45
 * ```
 */
export function findingRisk(input: RiskInput): number {
  const w = severityWeight[input.severity];
  const f = SENSITIVITY_FACTOR[input.sensitivity];
  let risk: number;
  switch (input.kind) {
    case 'novel': {
      // both the count and its significance given the two volumes: 9 new events in a canary 4x the
      // baseline's size are weaker evidence than 9 in a canary of equal size
      let e = Math.min(countEvidence(input.count), pEvidence(input.pValue));
      // one critical event can fail a release on its own at high sensitivity; at medium, it makes a canary
      // marginal until it is significant (a lone critical line also turns up by chance in unstable logs)
      if (input.severity === 'critical') e = input.sensitivity === 'high' ? 1 : input.pValue > input.alpha ? Math.max(e, 0.45) : Math.max(e, 0.5);
      risk = w * e;
      if (input.held === true) risk = Math.min(risk, HELD_NOVEL_RISK);
      break;
    }
    case 'spike':
    case 'param':
      if (input.kind === 'spike' && input.weak === true) {
        risk = WEAK_SPIKE_RISK;
        break;
      }
      if (input.kind === 'param' && input.fresh === true) {
        risk = w * Math.min(countEvidence(input.count), pEvidence(input.pValue));
        break;
      }
      risk = input.qValue < input.alpha ? w * (0.4 + 0.6 * ratioEvidence(input.rateRatio)) * Math.min(1, countEvidence(input.count) * 1.5) : 0;
      // a parameter finding is one of many values tested: a barely significant one weighs less
      if (input.kind === 'param') risk *= Math.max(0.5, pEvidence(input.pValue));
      break;
    case 'drop':
    case 'gone':
      risk = input.mustKeep && input.qValue < input.alpha ? severityWeight.error * (0.4 + 0.6 * ratioEvidence(input.rateRatio)) : 2;
      // a major statement gone (see RiskInput.weak): marginal, never a failure alone
      if (input.kind === 'gone' && input.weak === true && !input.mustKeep) risk = WEAK_SPIKE_RISK;
      break;
  }
  return Math.round(Math.max(0, Math.min(100, risk * f)));
}

/**
 * Combines finding risks into a score (100 = no risk): the largest risk counts fully; the other significant
 * findings (p-value at most `alpha`) of warning severity or above fill half of what remains, combined as independent probabilities, so many small
 * findings cannot add up to a large one but do lower the score. Info findings count only through the maximum.
 *
 * @example
 * ```ts
 * import { combineRisks, verdictOf } from 'logsift';
 * const score = combineRisks([{ risk: 60, severity: 'error' }, { risk: 30, severity: 'warning' }, { risk: 10, severity: 'info' }]); // 34
 * verdictOf(score); // 'fail'
 * ```
 */
export function combineRisks(findings: ReadonlyArray<{ risk: number; severity: Severity; pValue?: number }>, alpha = 0.05): number {
  if (findings.length === 0) return 100;
  const sorted = [...findings].sort((a, b) => b.risk - a.risk);
  const max = sorted[0]!.risk;
  let keep = 1;
  // weak findings (not significant on their own) count only through the maximum: many chance one-offs
  // must not add up to a failure
  for (let i = 1; i < sorted.length; i++) {
    const f = sorted[i]!;
    if (f.severity !== 'info' && !((f.pValue ?? 0) > alpha)) keep *= 1 - f.risk / 100;
  }
  const total = max + (100 - max) * (1 - keep) * 0.5;
  return Math.max(0, Math.min(100, Math.round(100 - total)));
}

/**
 * The verdict of a score under the given thresholds ({@link defaultThresholds} unless given).
 *
 * @example
 * ```ts
 * import { verdictOf } from 'logsift';
 * verdictOf(62);                              // 'marginal'
 * verdictOf(62, { pass: 60, marginal: 40 });  // 'pass'
 * ```
 */
export function verdictOf(score: number, thresholds: VerdictThresholds = defaultThresholds): Verdict {
  if (score >= thresholds.pass) return 'pass';
  if (score >= thresholds.marginal) return 'marginal';
  return 'fail';
}

/** Orders findings by risk, then severity, then canary count. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };
  return findings.sort(
    (a, b) => b.risk - a.risk || rank[a.severity] - rank[b.severity] || b.canaryCount - a.canaryCount || (a.id < b.id ? -1 : 1),
  );
}
