import { describe, expect, it } from 'vitest';
import { InputError, UsageError, benjaminiHochberg, compareRates, exactRateTest, testRates } from '../src/index.js';

describe('testRates', () => {
  const B = 100_000;
  const C = 400_000; // the canary saw four times the traffic
  const signatures = [
    { baselineCount: 3, canaryCount: 200 }, // a real spike: 12 expected
    { baselineCount: 500, canaryCount: 2_000 }, // same rate at 4x volume
    { baselineCount: 50, canaryCount: 20 }, // a real drop: 200 expected
    { baselineCount: 0, canaryCount: 2 }, // a one-off new line
    { baselineCount: 0, canaryCount: 0 },
  ];
  const results = testRates(signatures, B, C);

  it('flags the spike and the drop, and nothing that only scales with volume', () => {
    expect(results.map((r) => r.finding)).toEqual([true, false, true, false, false]);
    expect(results.map((r) => r.direction)).toEqual(['increase', 'none', 'decrease', 'increase', 'none']);
  });

  it('p-values are the one-sided exact tests and, with discrete off, q-values are plain BH per direction', () => {
    const plain = testRates(signatures, B, C, { discrete: false });
    const pGreater = signatures.map((s) => exactRateTest(s.baselineCount, B, s.canaryCount, C, 'greater'));
    const pLess = signatures.map((s) => exactRateTest(s.baselineCount, B, s.canaryCount, C, 'less'));
    expect(plain.map((r) => r.pGreater)).toEqual(pGreater);
    expect(plain[0]!.qValue).toBe(benjaminiHochberg(pGreater)[0]);
    expect(plain[2]!.qValue).toBe(benjaminiHochberg(pLess)[2]);
    expect(plain[1]!.qValue).toBe(1);
  });

  it('by default, signatures too rare to ever be significant do not dilute the others', () => {
    // one real 3x spike (8 -> 24) among 300 one-off lines, equal volumes
    const rare = Array.from({ length: 300 }, (_, i) => ({ baselineCount: i % 2, canaryCount: 1 - (i % 2) }));
    const rows = [{ baselineCount: 8, canaryCount: 24 }, ...rare];
    const plain = testRates(rows, 1_000, 1_000, { discrete: false, gates: { minCount: 3, minExcess: 3 } });
    const discrete = testRates(rows, 1_000, 1_000, { gates: { minCount: 3, minExcess: 3 } });
    expect(plain[0]!.finding).toBe(false);
    expect(discrete[0]!.finding).toBe(true);
    expect(discrete[0]!.qValue).toBe(discrete[0]!.pValue); // the only testable signature
    expect(discrete.slice(1).every((r) => r.qValue === 1)).toBe(true);
  });

  it('families are adjusted separately', () => {
    const rows = [
      { baselineCount: 8, canaryCount: 24, family: 'error' },
      ...Array.from({ length: 40 }, () => ({ baselineCount: 20, canaryCount: 20, family: 'info' })),
    ];
    const together = testRates(rows.map(({ baselineCount, canaryCount }) => ({ baselineCount, canaryCount })), 1_000, 1_000);
    const apart = testRates(rows, 1_000, 1_000);
    expect(apart[0]!.qValue).toBeLessThan(together[0]!.qValue);
    expect(apart[0]!.qValue).toBe(apart[0]!.pValue);
  });

  it('agrees with compareRates on the estimate and the interval of a finding', () => {
    const single = compareRates(3, B, 200, C);
    expect(results[0]!.rateRatio).toBe(single.ratio.estimate);
    expect(results[0]!.rateRatioCI).toEqual([single.ratio.lower, single.ratio.upper]);
  });

  it('computes intervals only for findings unless asked for all', () => {
    expect(results[1]!.rateRatioCI).toBeUndefined();
    const all = testRates(signatures, B, C, { intervals: 'all' });
    expect(all.every((r) => r.rateRatioCI !== undefined)).toBe(true);
  });

  it('a one-off line becomes a finding only when the gates are lowered and it is significant', () => {
    const lowered = testRates([{ baselineCount: 0, canaryCount: 2 }], B, C, { gates: { minCount: 1, minExcess: 1 } });
    // p = (4/5)^2 = 0.64: new, but not evidence of anything
    expect(lowered[0]!.pValue).toBeCloseTo(0.64, 12);
    expect(lowered[0]!.finding).toBe(false);
  });

  it('rejects bad totals, alpha, gates or counts with typed errors', () => {
    expect(() => testRates(signatures, -1, C)).toThrow(InputError);
    expect(() => testRates(signatures, B, C, { alpha: 0 })).toThrow(UsageError);
    expect(() => testRates(signatures, B, C, { gates: { minRatio: Number.NaN } })).toThrow(UsageError);
    expect(() => testRates([{ baselineCount: 0.5, canaryCount: 1 }], B, C)).toThrow(InputError);
  });
});
