import { exactRateTest } from './exactRateTest.js';
import { rateRatio, type RateRatio, type RateRatioOptions } from './rateRatio.js';

/**
 * Which way the canary count moved against what the baseline rate predicts (`'none'` when it is exactly
 * as predicted, or a side is empty).
 *
 * @example
 * ```ts
 * import { compareRates, type RateDirection } from 'logsift';
 * const direction: RateDirection = compareRates(5, 1_000, 10, 1_000).direction; // 'increase'
 * compareRates(10, 1_000, 10, 1_000).direction;                                 // 'none'
 * ```
 */
export type RateDirection = 'increase' | 'decrease' | 'none';

/**
 * Everything the statistics say about one signature's counts on the two sides, as {@link compareRates}
 * returns it.
 *
 * @example
 * ```ts
 * import { compareRates, type RateComparison } from 'logsift';
 * const c: RateComparison = compareRates(3, 10_000, 12, 10_000);
 * console.log(c.expectedCanaryCount, c.direction, c.pValue, c.ratio.estimate); // 3 'increase' ~0.0176 4
 * ```
 */
export interface RateComparison {
  baselineCount: number;
  baselineTotal: number;
  canaryCount: number;
  canaryTotal: number;
  /** Canary events expected at the baseline rate: baselineCount * canaryTotal / baselineTotal. */
  expectedCanaryCount: number;
  /** Direction of the observed canary count against `expectedCanaryCount`. */
  direction: RateDirection;
  /** One-sided p-value that the canary rate is greater. */
  pGreater: number;
  /** One-sided p-value that the canary rate is less. */
  pLess: number;
  /** The p-value in the observed direction (`pGreater` or `pLess`; 1 when `direction` is `'none'`). */
  pValue: number;
  ratio: RateRatio;
}

/**
 * Both one-sided exact tests, the rate ratio with its interval, and the expected count, in one call.
 *
 * @example
 * ```ts
 * import { compareRates } from 'logsift';
 * const c = compareRates(3, 10_000, 12, 10_000);
 * c.direction; // 'increase'
 * c.pValue;    // ~0.0176, feed these to benjaminiHochberg across signatures
 * ```
 */
export function compareRates(
  baselineCount: number,
  baselineTotal: number,
  canaryCount: number,
  canaryTotal: number,
  options: RateRatioOptions = {},
): RateComparison {
  const ratio = rateRatio(baselineCount, baselineTotal, canaryCount, canaryTotal, options);
  const pGreater = exactRateTest(baselineCount, baselineTotal, canaryCount, canaryTotal, 'greater');
  const pLess = exactRateTest(baselineCount, baselineTotal, canaryCount, canaryTotal, 'less');
  const expectedCanaryCount = baselineTotal === 0 ? 0 : (baselineCount * canaryTotal) / baselineTotal;
  const informative = baselineTotal > 0 && canaryTotal > 0;
  const direction: RateDirection = !informative || canaryCount === expectedCanaryCount
    ? 'none'
    : canaryCount > expectedCanaryCount ? 'increase' : 'decrease';
  const pValue = direction === 'increase' ? pGreater : direction === 'decrease' ? pLess : 1;
  return { baselineCount, baselineTotal, canaryCount, canaryTotal, expectedCanaryCount, direction, pGreater, pLess, pValue, ratio };
}
