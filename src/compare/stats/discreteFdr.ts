import { InputError } from '../../errors/InputError.js';
import { UsageError } from '../../errors/UsageError.js';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import type { RateAlternative } from './exactRateTest.js';
import { checkTable } from './validate.js';

/**
 * The smallest p-value {@link exactRateTest} could return for a signature with these totals, whatever
 * the split of its k events: p0^k for `'greater'` (all events in the canary), q0^k for `'less'`.
 * A signature seen twice can never reach p = 0.01 at equal volumes (0.5^2 = 0.25); counting it in a
 * multiple-testing family only costs the others power.
 *
 * @example
 * ```ts
 * import { minimumPValue } from 'logsift';
 * minimumPValue(1, 10_000, 1, 10_000, 'greater'); // 0.25
 * ```
 */
export function minimumPValue(
  baselineCount: number,
  baselineTotal: number,
  canaryCount: number,
  canaryTotal: number,
  alternative: RateAlternative,
): number {
  checkTable(baselineCount, baselineTotal, canaryCount, canaryTotal);
  const k = baselineCount + canaryCount;
  if (k === 0 || baselineTotal === 0 || canaryTotal === 0) return 1;
  const sum = baselineTotal + canaryTotal;
  const share = alternative === 'greater' ? canaryTotal / sum : baselineTotal / sum;
  return Math.exp(k * Math.log(share));
}

/**
 * Benjamini-Hochberg for discrete tests with Tarone's filter (Gilbert 2005): find the smallest K such
 * that at most K hypotheses have a minimum attainable p-value <= alpha / K, keep only those, and run
 * Benjamini-Hochberg over them. Hypotheses filtered out could never be rejected and get q = 1. With
 * sparse log signatures most of a family is one-off lines; leaving them out keeps the false discovery
 * rate at alpha while a real spike among a few hundred signatures can still be found.
 *
 * @example
 * ```ts
 * import { taroneBenjaminiHochberg } from 'logsift';
 * taroneBenjaminiHochberg([0.004, 0.5, 0.5], [1e-9, 0.25, 0.5], 0.05); // [0.004, 1, 1]
 * ```
 */
export function taroneBenjaminiHochberg(pValues: readonly number[], minPValues: readonly number[], alpha: number): number[] {
  const n = pValues.length;
  if (minPValues.length !== n) throw new UsageError('pValues and minPValues must have the same length', 'E_STATS_OPTION');
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`alpha must be between 0 and 1, got ${String(alpha)}`, 'E_STATS_OPTION');
  for (let i = 0; i < n; i++) {
    const p = pValues[i]!;
    if (!(p >= 0 && p <= 1)) throw new InputError(`p-value #${i} must be in [0, 1], got ${String(p)}`, 'E_STATS_INPUT');
    const pm = minPValues[i]!;
    if (!(pm >= 0 && pm <= 1)) throw new InputError(`minimum p-value #${i} must be in [0, 1], got ${String(pm)}`, 'E_STATS_INPUT');
  }
  const sorted = Float64Array.from(minPValues).sort();
  // count(K) = #{pmin <= alpha/K} never grows with K; count(n) <= n, so a K always exists
  let K = 1;
  for (; K < n; K++) if (countAtMost(sorted, alpha / K) <= K) break;
  const threshold = alpha / Math.max(K, 1);
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (minPValues[i]! <= threshold) kept.push(i);
  const q = new Array<number>(n).fill(1);
  const adjusted = benjaminiHochberg(kept.map((i) => pValues[i]!));
  kept.forEach((index, j) => (q[index] = adjusted[j]!));
  return q;
}

function countAtMost(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
