import { clopperPearsonLogOdds } from './clopperPearson.js';
import { checkConfidence, checkTable } from './validate.js';

/**
 * Options of {@link rateRatio} (and of {@link compareRates} and {@link testRates}).
 *
 * @example
 * ```ts
 * import { rateRatio } from 'logsift';
 * rateRatio(10, 1_000, 20, 1_000, { confidence: 0.99 }); // { estimate: 2, lower: ~0.714, upper: ~6.31, confidence: 0.99 }
 * ```
 */
export interface RateRatioOptions {
  /** Two-sided confidence level of the interval. Default 0.95. */
  confidence?: number;
  /**
   * Added to both counts for the point estimate when exactly one side has zero events, so a signature
   * new in the canary gets a large finite ratio instead of Infinity. Default 0.5 (Haldane-Anscombe).
   */
  zeroCorrection?: number;
}

/**
 * Defaults of {@link RateRatioOptions}: a 95% interval and a 0.5 zero correction.
 *
 * @example
 * ```ts
 * import { defaultRateRatioOptions, rateRatio } from 'logsift';
 * rateRatio(0, 1_000, 5, 1_000, { ...defaultRateRatioOptions, zeroCorrection: 1 }).estimate; // 6 (instead of 11)
 * ```
 */
export const defaultRateRatioOptions: Readonly<Required<RateRatioOptions>> = Object.freeze({
  confidence: 0.95,
  zeroCorrection: 0.5,
});

/**
 * Canary rate / baseline rate of one signature, with an exact confidence interval.
 *
 * @example
 * ```ts
 * import { rateRatio, type RateRatio } from 'logsift';
 * const r: RateRatio = rateRatio(10, 1_000, 20, 1_000);
 * const surelyUp = r.lower > 1; // false: the 95% interval ~[0.894, 4.78] still holds 1
 * ```
 */
export interface RateRatio {
  /** Point estimate (continuity-corrected when one count is zero; 1 when there are no events). */
  estimate: number;
  /** Lower confidence bound; 0 when the canary count is 0. */
  lower: number;
  /** Upper confidence bound; Infinity when the baseline count is 0 (no finite bound exists). */
  upper: number;
  /** The two-sided confidence level used. */
  confidence: number;
}

/**
 * Rate ratio (canary rate / baseline rate) with the exact conditional confidence interval.
 *
 * Conditional on k = baselineCount + canaryCount, the canary count is Binomial(k, pi) with
 * pi = RR * canaryTotal / (baselineTotal + RR * canaryTotal). The Clopper-Pearson interval for pi,
 * mapped through RR = pi / (1 - pi) * baselineTotal / canaryTotal, is the interval for RR; it holds
 * its coverage for small counts, where normal approximations do not. The interval is exact even when
 * a count is zero (one bound is then 0 or Infinity); only the point estimate is corrected.
 * With no events at all, or an empty side, there is no information: estimate 1, interval [0, Infinity].
 *
 * @example
 * ```ts
 * import { rateRatio } from 'logsift';
 * rateRatio(10, 1_000, 20, 1_000); // { estimate: 2, lower: ~0.894, upper: ~4.78, confidence: 0.95 }
 * rateRatio(0, 1_000, 5, 1_000).upper; // Infinity: never seen before, no upper bound
 * ```
 */
export function rateRatio(
  baselineCount: number,
  baselineTotal: number,
  canaryCount: number,
  canaryTotal: number,
  options: RateRatioOptions = {},
): RateRatio {
  const { confidence, zeroCorrection } = { ...defaultRateRatioOptions, ...options };
  checkConfidence(confidence);
  checkTable(baselineCount, baselineTotal, canaryCount, canaryTotal);
  const k = baselineCount + canaryCount;
  const estimate = rateRatioEstimate(baselineCount, baselineTotal, canaryCount, canaryTotal, zeroCorrection);
  if (k === 0 || baselineTotal === 0 || canaryTotal === 0) return { estimate, lower: 0, upper: Infinity, confidence };
  const scale = baselineTotal / canaryTotal;
  const [lowTheta, highTheta] = clopperPearsonLogOdds(canaryCount, k, confidence);
  return {
    estimate,
    lower: canaryCount === 0 ? 0 : Math.exp(lowTheta) * scale,
    upper: baselineCount === 0 ? Infinity : Math.exp(highTheta) * scale,
    confidence,
  };
}

/** The point estimate alone (inputs already validated): cheap enough for every signature. */
export function rateRatioEstimate(
  baselineCount: number,
  baselineTotal: number,
  canaryCount: number,
  canaryTotal: number,
  zeroCorrection: number,
): number {
  if (baselineCount + canaryCount === 0 || baselineTotal === 0 || canaryTotal === 0) return 1;
  const corrected = baselineCount === 0 || canaryCount === 0 ? zeroCorrection : 0;
  return ((canaryCount + corrected) / (baselineCount + corrected)) * (baselineTotal / canaryTotal);
}
