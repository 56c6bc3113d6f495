import { describe, expect, it } from 'vitest';
import { InputError, UsageError, compareRates, rateRatio } from '../src/index.js';

// [baselineCount, baselineTotal, canaryCount, canaryTotal, estimate, lower, upper] at 95%, computed
// independently by bench/stats-reference.py: Clopper-Pearson bounds found by bisection on exact
// binomial tails summed with math.lgamma (Python standard library), mapped by RR = odds * bT / cT;
// scipy.stats.beta.ppf gave the same bounds to 10 digits.
const REFERENCES: Array<[number, number, number, number, number, number, number]> = [
  [10, 1000, 20, 1000, 2, 0.893508890385, 4.78455244034],
  [0, 1000, 5, 1000, 11, 0.916355857315, Infinity],
  [5, 1000, 0, 4000, 0.0227272727273, 0, 0.272819776296],
  [300, 100000, 450, 200000, 0.75, 0.6466193199, 0.870895724488],
  [7, 250, 30, 1000, 1.07142857143, 0.461131584886, 2.88987039271],
];

function close(actual: number, expected: number): void {
  if (expected === 0 || expected === Infinity) expect(actual).toBe(expected);
  else expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-8);
}

describe('rateRatio', () => {
  it.each(REFERENCES)(
    'rateRatio(%i, %i, %i, %i) has estimate %d and the exact interval [%d, %d]',
    (b, bt, c, ct, estimate, lower, upper) => {
      const r = rateRatio(b, bt, c, ct);
      close(r.estimate, estimate);
      close(r.lower, lower);
      close(r.upper, upper);
      expect(r.confidence).toBe(0.95);
    },
  );

  it('uses the 0.5 continuity correction for the estimate only when one count is zero', () => {
    expect(rateRatio(0, 1000, 5, 1000).estimate).toBeCloseTo(11, 12);
    expect(rateRatio(0, 1000, 5, 1000, { zeroCorrection: 1 }).estimate).toBeCloseTo(6, 12);
    expect(rateRatio(2, 1000, 5, 1000, { zeroCorrection: 1 }).estimate).toBeCloseTo(2.5, 12);
  });

  it('no events, or an empty side, carries no information: ratio 1 and interval [0, Infinity]', () => {
    expect(rateRatio(0, 1000, 0, 1000)).toEqual({ estimate: 1, lower: 0, upper: Infinity, confidence: 0.95 });
    expect(rateRatio(0, 0, 4, 1000)).toEqual({ estimate: 1, lower: 0, upper: Infinity, confidence: 0.95 });
  });

  it('scales with the totals: equal rates at 4x canary volume give a ratio of 1 inside the interval', () => {
    const r = rateRatio(100, 100_000, 400, 400_000);
    expect(r.estimate).toBeCloseTo(1, 12);
    expect(r.lower).toBeLessThan(1);
    expect(r.upper).toBeGreaterThan(1);
  });

  it('a wider confidence gives a wider interval', () => {
    const narrow = rateRatio(10, 1000, 20, 1000, { confidence: 0.8 });
    const wide = rateRatio(10, 1000, 20, 1000, { confidence: 0.99 });
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  it('stays finite and ordered for counts in the millions', () => {
    const r = rateRatio(3_000_000, 50_000_000, 3_300_000, 50_000_000);
    expect(r.estimate).toBeCloseTo(1.1, 12);
    expect(r.lower).toBeGreaterThan(1.09);
    expect(r.upper).toBeLessThan(1.11);
    expect(r.lower).toBeLessThan(r.estimate);
  });

  it('rejects a confidence outside (0, 1) with a UsageError and bad counts with an InputError', () => {
    expect(() => rateRatio(1, 10, 1, 10, { confidence: 1 })).toThrow(UsageError);
    expect(() => rateRatio(1, 10, 1, 10, { confidence: Number.NaN })).toThrow(UsageError);
    expect(() => rateRatio(1, 10, 2.5, 10)).toThrow(InputError);
  });
});

describe('compareRates', () => {
  it('compareRates reports direction, the p-value of that direction and the expected count', () => {
    const up = compareRates(3, 10_000, 12, 10_000);
    expect(up.direction).toBe('increase');
    expect(up.expectedCanaryCount).toBe(3);
    expect(up.pValue).toBe(up.pGreater);
    expect(up.pGreater).toBeCloseTo(0.017578125, 12);
    const down = compareRates(40, 1_000, 10, 4_000);
    expect(down.direction).toBe('decrease');
    expect(down.expectedCanaryCount).toBe(160);
    expect(down.pValue).toBe(down.pLess);
  });

  it('compareRates gives direction none and p = 1 when the canary matches expectation exactly', () => {
    const same = compareRates(10, 1_000, 40, 4_000);
    expect(same.direction).toBe('none');
    expect(same.pValue).toBe(1);
  });
});
