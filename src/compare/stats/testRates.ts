import { UsageError } from '../../errors/UsageError.js';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import { minimumPValue, taroneBenjaminiHochberg } from './discreteFdr.js';
import type { RateDirection } from './compareRates.js';
import { clearsGates, resolveGates, type EffectGates } from './effectGates.js';
import { exactRateTest } from './exactRateTest.js';
import { defaultRateRatioOptions, rateRatio, rateRatioEstimate, type RateRatioOptions } from './rateRatio.js';
import { checkConfidence, checkTotal } from './validate.js';

/**
 * One signature's counts on the two sides, an input row of {@link testRates}.
 *
 * @example
 * ```ts
 * import { testRates, type SignatureCounts } from 'logsift';
 * const rows: SignatureCounts[] = [
 *   { baselineCount: 2, canaryCount: 30, family: 'warning+' },
 *   { baselineCount: 400, canaryCount: 460, family: 'info' },
 * ];
 * const results = testRates(rows, 50_000, 50_000);
 * ```
 */
export interface SignatureCounts {
  baselineCount: number;
  canaryCount: number;
  /**
   * Multiple-testing family (e.g. `'warning+'` vs `'info'`): q-values are adjusted within each family
   * separately, so a few hundred chatty INFO signatures do not dilute the error signatures. Default: one family.
   */
  family?: string;
}

/**
 * Options of {@link testRates}: the false discovery rate, the effect gates, which signatures get an
 * interval, and whether too-rare signatures are left out of the adjustment.
 *
 * @example
 * ```ts
 * import { testRates, type RateTestOptions } from 'logsift';
 * const options: RateTestOptions = { alpha: 0.01, intervals: 'all', gates: { minRatio: 2 } };
 * const results = testRates([{ baselineCount: 3, canaryCount: 40 }], 100_000, 100_000, options);
 * ```
 */
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
  /**
   * Leave out of each family the signatures too rare to ever reach significance (Tarone's filter, see
   * {@link taroneBenjaminiHochberg}); they get q = 1. Default true. False: plain Benjamini-Hochberg.
   */
  discrete?: boolean;
}

/**
 * Statistics of one signature within a whole comparison, one per input row of {@link testRates}.
 *
 * @example
 * ```ts
 * import { testRates, type RateTest } from 'logsift';
 * const [t]: RateTest[] = testRates([{ baselineCount: 3, canaryCount: 40 }, { baselineCount: 500, canaryCount: 510 }], 100_000, 100_000);
 * if (t?.finding) console.log(`${t.direction}: x${t.rateRatio.toFixed(1)}, q=${t.qValue.toExponential(1)}, CI ${t.rateRatioCI?.join('..')}`);
 * ```
 */
export interface RateTest {
  direction: RateDirection;
  /** Canary events expected at the baseline rate. */
  expectedCanaryCount: number;
  pGreater: number;
  pLess: number;
  /** One-sided p-value in `direction` (1 for `'none'`). */
  pValue: number;
  /** Benjamini-Hochberg q-value of `pValue` within its direction and family (1 for `'none'`). */
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
 * Increases and decreases are adjusted separately (an increase's q-value comes from the `pGreater`
 * values of the signatures in its family, a decrease's from the `pLess` values), so picking the observed
 * direction does not borrow from the other side's error budget. By default signatures too rare to ever
 * be significant are left out of the adjustment (`discrete`), and `family` splits signatures into
 * families adjusted on their own.
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
  const discrete = options.discrete ?? true;
  const adjust = (p: number[], alternative: 'greater' | 'less'): number[] => {
    const q = new Array<number>(n).fill(1);
    for (const members of familyMembers(signatures)) {
      const ps = members.map((i) => p[i]!);
      const qs = discrete
        ? taroneBenjaminiHochberg(
            ps,
            members.map((i) => minimumPValue(signatures[i]!.baselineCount, baselineTotal, signatures[i]!.canaryCount, canaryTotal, alternative)),
            alpha,
          )
        : benjaminiHochberg(ps);
      members.forEach((i, j) => (q[i] = qs[j]!));
    }
    return q;
  };
  const qGreater = adjust(pGreater, 'greater');
  const qLess = adjust(pLess, 'less');
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

function familyMembers(signatures: readonly SignatureCounts[]): number[][] {
  const families = new Map<string | undefined, number[]>();
  signatures.forEach((s, i) => {
    const list = families.get(s.family);
    if (list === undefined) families.set(s.family, [i]);
    else list.push(i);
  });
  return [...families.values()];
}
