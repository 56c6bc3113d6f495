import { UsageError } from '../../errors/UsageError.js';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import type { RateDirection } from './compareRates.js';
import { clearsGates, resolveGates, type EffectGates } from './effectGates.js';
import { exactRateTest } from './exactRateTest.js';
import { defaultRateRatioOptions, rateRatio, rateRatioEstimate, type RateRatioOptions } from './rateRatio.js';
import { checkConfidence, checkTotal } from './validate.js';

/** One signature's counts on the two sides. */
export interface SignatureCounts {
  baselineCount: number;
  canaryCount: number;
}

/** Options of {@link testRates}. */
export interface RateTestOptions extends RateRatioOptions {
  /** False discovery rate: a change is significant when its q-value is at most this. Default 0.05. */
  alpha?: number;
  /** Effect gates (see {@link EffectGates}); missing ones keep their defaults. */
  gates?: Partial<EffectGates>;
  /**
   * Which signatures get a confidence interval: `'findings'` (significant and past the gates, the
   * default: intervals cost ~10-50 us each) or `'all'`.
   */
  intervals?: 'findings' | 'all';
}

/** Statistics of one signature within a whole comparison. */
export interface RateTest {
  direction: RateDirection;
  /** Canary events expected at the baseline rate. */
  expectedCanaryCount: number;
  pGreater: number;
  pLess: number;
  /** One-sided p-value in `direction` (1 for `'none'`). */
  pValue: number;
  /** Benjamini-Hochberg q-value of `pValue` within its direction's family (1 for `'none'`). */
  qValue: number;
  /** Rate ratio point estimate (continuity-corrected when one count is zero). */
  rateRatio: number;
  /** Exact confidence interval of the rate ratio, when computed (see `intervals`). */
  rateRatioCI?: [number, number];
  /** `qValue <= alpha`. */
  significant: boolean;
  /** The change clears every effect gate in its direction. */
  passesGates: boolean;
  /** Significant and past the gates: worth a spike or drop finding. */
  finding: boolean;
}

/**
 * Tests every signature of a comparison at once: both one-sided exact tests per signature,
 * Benjamini-Hochberg across signatures, effect gates, and rate-ratio intervals for the findings.
 *
 * Increases and decreases are two families, each adjusted over all signatures (an increase's q-value
 * comes from the `pGreater` values of every signature, a decrease's from the `pLess` values), so picking
 * the observed direction does not borrow from the other side's error budget.
 *
 * @example
 * ```ts
 * import { testRates } from 'logsift';
 * const results = testRates(
 *   [{ baselineCount: 3, canaryCount: 40 }, { baselineCount: 500, canaryCount: 510 }],
 *   100_000, 100_000,
 * );
 * results[0].finding; // true: a significant, large increase
 * results[1].finding; // false
 * ```
 */
export function testRates(
  signatures: readonly SignatureCounts[],
  baselineTotal: number,
  canaryTotal: number,
  options: RateTestOptions = {},
): RateTest[] {
  checkTotal('baselineTotal', baselineTotal);
  checkTotal('canaryTotal', canaryTotal);
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`alpha must be between 0 and 1, got ${String(alpha)}`, 'E_STATS_OPTION');
  const gates = resolveGates(options.gates ?? {});
  const ratioOptions: Required<RateRatioOptions> = {
    confidence: options.confidence ?? defaultRateRatioOptions.confidence,
    zeroCorrection: options.zeroCorrection ?? defaultRateRatioOptions.zeroCorrection,
  };
  checkConfidence(ratioOptions.confidence);
  const n = signatures.length;
  const pGreater = new Array<number>(n);
  const pLess = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const { baselineCount, canaryCount } = signatures[i]!;
    pGreater[i] = exactRateTest(baselineCount, baselineTotal, canaryCount, canaryTotal, 'greater');
    pLess[i] = exactRateTest(baselineCount, baselineTotal, canaryCount, canaryTotal, 'less');
  }
  const qGreater = benjaminiHochberg(pGreater);
  const qLess = benjaminiHochberg(pLess);
  const informative = baselineTotal > 0 && canaryTotal > 0;
  return signatures.map(({ baselineCount, canaryCount }, i) => {
    const expected = baselineTotal === 0 ? 0 : (baselineCount * canaryTotal) / baselineTotal;
    const direction: RateDirection =
      !informative || canaryCount === expected ? 'none' : canaryCount > expected ? 'increase' : 'decrease';
    const pValue = direction === 'increase' ? pGreater[i]! : direction === 'decrease' ? pLess[i]! : 1;
    const qValue = direction === 'increase' ? qGreater[i]! : direction === 'decrease' ? qLess[i]! : 1;
    const estimate = rateRatioEstimate(baselineCount, baselineTotal, canaryCount, canaryTotal, ratioOptions.zeroCorrection);
    const passesGates = clearsGates(direction, canaryCount, expected, estimate, gates);
    const significant = qValue <= alpha;
    const finding = significant && passesGates;
    const result: RateTest = {
      direction,
      expectedCanaryCount: expected,
      pGreater: pGreater[i]!,
      pLess: pLess[i]!,
      pValue,
      qValue,
      rateRatio: estimate,
      significant,
      passesGates,
      finding,
    };
    if (finding || options.intervals === 'all') {
      const ci = rateRatio(baselineCount, baselineTotal, canaryCount, canaryTotal, ratioOptions);
      result.rateRatioCI = [ci.lower, ci.upper];
    }
    return result;
  });
}
