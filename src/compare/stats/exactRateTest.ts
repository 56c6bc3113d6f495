import { UsageError } from '../../errors/UsageError.js';
import { binomialLowerTail, binomialUpperTail } from './binomialTail.js';
import { checkTable } from './validate.js';

/**
 * Direction of a one-sided test: is the canary rate greater, or less, than the baseline rate?
 *
 * @example
 * ```ts
 * import { exactRateTest, type RateAlternative } from 'logsift';
 * const alternative: RateAlternative = 'less';
 * exactRateTest(3, 10_000, 12, 10_000, alternative); // ~0.996: no evidence of a drop
 * ```
 */
export type RateAlternative = 'greater' | 'less';

/**
 * One-sided exact conditional binomial test of equal event rates on two sides of unequal size.
 *
 * Given k = baselineCount + canaryCount events of one signature, under equal rates the canary's share
 * is Binomial(k, p0) with p0 = canaryTotal / (baselineTotal + canaryTotal). The p-value is
 * P(X >= canaryCount) for `'greater'` and P(X <= canaryCount) for `'less'`. Exact for any counts:
 * small tables are summed term by term, large ones use the regularized incomplete beta function,
 * so millions of events cost microseconds. Totals are exposures (events seen on each side, or a
 * duration); the test needs only their ratio. See docs/statistics.md.
 *
 * Returns 1 when there is nothing to test (no events of the signature, or an empty side).
 * Throws an `InputError` for negative or fractional counts, negative or non-finite totals, and a
 * `UsageError` for an unknown alternative.
 *
 * @example
 * ```ts
 * import { exactRateTest } from 'logsift';
 * // 3 timeouts in 10,000 baseline events vs 12 in 10,000 canary events
 * exactRateTest(3, 10_000, 12, 10_000, 'greater'); // ~0.0176
 * ```
 */
export function exactRateTest(
  baselineCount: number,
  baselineTotal: number,
  canaryCount: number,
  canaryTotal: number,
  alternative: RateAlternative,
): number {
  if (alternative !== 'greater' && alternative !== 'less') {
    throw new UsageError(`alternative must be 'greater' or 'less', got ${String(alternative)}`, 'E_STATS_OPTION');
  }
  checkTable(baselineCount, baselineTotal, canaryCount, canaryTotal);
  const k = baselineCount + canaryCount;
  if (k === 0 || baselineTotal === 0 || canaryTotal === 0) return 1;
  const sum = baselineTotal + canaryTotal;
  // p0 and its complement from the totals directly, so neither is a rounded 1 - x.
  const p0 = canaryTotal / sum;
  const q0 = baselineTotal / sum;
  return alternative === 'greater' ? binomialUpperTail(canaryCount, k, p0, q0) : binomialLowerTail(canaryCount, k, p0, q0);
}
