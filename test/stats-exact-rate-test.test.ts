import { describe, expect, it } from 'vitest';
import { InputError, UsageError, exactRateTest, type RateAlternative } from '../src/index.js';

// Reference p-values computed independently by bench/stats-reference.py with the Python standard
// library: exact rational sums (fractions.Fraction * math.comb) for k <= 5,000 and math.lgamma
// term-by-term summation for larger k (then accurate to ~1e-9 relative, hence the looser tolerance).
// scipy.stats.binom agreed with every value to the printed precision.
const REFERENCES: Array<[number, number, number, number, RateAlternative, number, 'exact' | 'lgamma']> = [
  [3, 10000, 12, 10000, 'greater', 0.017578125, 'exact'],
  [0, 5000, 5, 5000, 'greater', 0.03125, 'exact'],
  [0, 10000, 12, 10000, 'greater', 0.000244140625, 'exact'],
  [0, 10000, 1, 10000, 'greater', 0.5, 'exact'],
  [2, 100000, 15, 100000, 'greater', 0.00117492675781, 'exact'],
  [10, 1000, 2, 4000, 'less', 4.52608e-6, 'exact'],
  [2, 100, 9, 400, 'greater', 0.6174015488, 'exact'],
  [20, 1000000, 40, 1000000, 'greater', 0.0067446468656, 'exact'],
  [5, 100000, 0, 400000, 'less', 0.00032, 'exact'],
  [0, 1000000, 60, 1000000, 'greater', 8.67361737988e-19, 'exact'],
  [1000, 10000000, 1100, 10000000, 'greater', 0.0153603539321, 'exact'],
  [1200, 4000000, 150, 1000000, 'less', 1.65050192006e-18, 'exact'],
  [50000, 1000000, 50000, 1000000, 'greater', 0.501261563174, 'lgamma'],
  [1000000, 50000000, 1003000, 50000000, 'greater', 0.0170441825551, 'lgamma'],
  [250000, 2500000, 1002500, 10000000, 'greater', 0.132241979546, 'lgamma'],
  [1000000, 100000000, 990000, 100000000, 'less', 6.79741232493e-13, 'lgamma'],
];

describe('exactRateTest', () => {
  it.each(REFERENCES)(
    'exactRateTest(%i, %i, %i, %i, %s) matches the independent reference %d',
    (b, bt, c, ct, alternative, expected, how) => {
      const p = exactRateTest(b, bt, c, ct, alternative);
      const tolerance = how === 'exact' ? 1e-10 : 1e-7;
      expect(Math.abs(p - expected) / expected).toBeLessThan(tolerance);
    },
  );

  it('is one-sided: a rise is significant as greater and not as less', () => {
    expect(exactRateTest(3, 10_000, 30, 10_000, 'greater')).toBeLessThan(1e-4);
    expect(exactRateTest(3, 10_000, 30, 10_000, 'less')).toBeGreaterThan(0.999);
    expect(exactRateTest(30, 10_000, 3, 10_000, 'less')).toBeLessThan(1e-4);
  });

  it('the two directions overlap by exactly P(X = x), so they sum to 1 + P(X = x)', () => {
    // k = 5, p0 = 1/2, x = 2: P(X = 2) = 10/32
    const sum = exactRateTest(3, 100, 2, 100, 'greater') + exactRateTest(3, 100, 2, 100, 'less');
    expect(sum).toBeCloseTo(1 + 10 / 32, 12);
  });

  it('zero counts: no events at all give p = 1; a zero canary count is never evidence of an increase', () => {
    expect(exactRateTest(0, 1000, 0, 1000, 'greater')).toBe(1);
    expect(exactRateTest(0, 1000, 0, 1000, 'less')).toBe(1);
    expect(exactRateTest(7, 1000, 0, 1000, 'greater')).toBe(1);
    expect(exactRateTest(0, 1000, 7, 1000, 'less')).toBe(1);
  });

  it('an empty side gives p = 1 (nothing to compare with) instead of NaN', () => {
    expect(exactRateTest(0, 0, 5, 1000, 'greater')).toBe(1);
    expect(exactRateTest(5, 1000, 0, 0, 'less')).toBe(1);
  });

  it('equal rates at 0.25x and 4x canary volume are not significant', () => {
    // baseline rate 1% both times; canary volume a quarter and four times the baseline
    for (const [bt, ct] of [[400_000, 100_000], [100_000, 400_000]] as const) {
      const b = bt / 100;
      const c = ct / 100;
      expect(exactRateTest(b, bt, c, ct, 'greater')).toBeGreaterThan(0.3);
      expect(exactRateTest(b, bt, c, ct, 'less')).toBeGreaterThan(0.3);
    }
  });

  it('a doubled rate is significant at 4x canary volume even though raw counts alone would mislead', () => {
    // raw canary count 8x the baseline is expected 4x from volume, the rate only doubles
    expect(exactRateTest(50, 100_000, 400, 400_000, 'greater')).toBeLessThan(1e-6);
    // raw count goes UP 2x but the rate halves: a drop, not a spike
    expect(exactRateTest(100, 100_000, 200, 400_000, 'greater')).toBeGreaterThan(0.99);
    expect(exactRateTest(100, 100_000, 200, 400_000, 'less')).toBeLessThan(1e-6);
  });

  it('handles counts in the millions and extreme tails without underflowing to NaN', () => {
    const p = exactRateTest(1_000_000, 10_000_000, 2_000_000, 10_000_000, 'greater');
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-300);
    expect(exactRateTest(2_000_000, 10_000_000, 2_000_000, 10_000_000, 'greater')).toBeGreaterThan(0.49);
  });

  it('rejects fractional or negative counts and non-finite totals with an InputError', () => {
    expect(() => exactRateTest(1.5, 10, 1, 10, 'greater')).toThrow(InputError);
    expect(() => exactRateTest(-1, 10, 1, 10, 'greater')).toThrow(InputError);
    expect(() => exactRateTest(1, Number.NaN, 1, 10, 'greater')).toThrow(InputError);
    expect(() => exactRateTest(1, 10, 1, Infinity, 'greater')).toThrow(InputError);
    expect(() => exactRateTest(1, 0, 1, 10, 'greater')).toThrow(InputError);
  });

  it('rejects an unknown alternative with a UsageError', () => {
    expect(() => exactRateTest(1, 10, 1, 10, 'two-sided' as RateAlternative)).toThrow(UsageError);
  });
});
