import { describe, expect, it } from 'vitest';
import { InputError, UsageError, benjaminiHochberg, exactRateTest, minimumPValue, taroneBenjaminiHochberg } from '../src/index.js';

describe('minimumPValue', () => {
  it('is p0^k for greater and q0^k for less, and equals the p-value of the most extreme split', () => {
    expect(minimumPValue(1, 10_000, 1, 10_000, 'greater')).toBeCloseTo(0.25, 15);
    expect(minimumPValue(3, 1_000, 2, 4_000, 'less')).toBeCloseTo(0.2 ** 5, 15);
    expect(minimumPValue(3, 1_000, 2, 4_000, 'greater')).toBeCloseTo(exactRateTest(0, 1_000, 5, 4_000, 'greater'), 14);
    expect(minimumPValue(0, 1_000, 0, 1_000, 'greater')).toBe(1);
  });
});

describe('taroneBenjaminiHochberg', () => {
  it('keeps only hypotheses that can reach alpha / K and runs BH over them', () => {
    expect(taroneBenjaminiHochberg([0.004, 0.5, 0.5], [1e-9, 0.25, 0.5], 0.05)).toEqual([0.004, 1, 1]);
  });

  it('finds the smallest K with at most K hypotheses under alpha / K (hand-worked)', () => {
    // min p-values: 1e-6, 1e-6, 0.01, 0.02, 0.3 ; alpha 0.05
    // K=1: #{<= 0.05} = 4 > 1; K=2: #{<= 0.025} = 4 > 2; K=3: #{<= 0.0167} = 3 <= 3 -> keep the first three
    const p = [0.001, 0.02, 0.01, 0.02, 0.3];
    const q = taroneBenjaminiHochberg(p, [1e-6, 1e-6, 0.01, 0.02, 0.3], 0.05);
    const bh = benjaminiHochberg([0.001, 0.02, 0.01]);
    expect(q).toEqual([bh[0], bh[1], bh[2], 1, 1]);
  });

  it('equals plain BH when every hypothesis can reach significance', () => {
    const p = [0.01, 0.04, 0.03, 0.005, 0.2];
    expect(taroneBenjaminiHochberg(p, p.map(() => 0), 0.05)).toEqual(benjaminiHochberg(p));
  });

  it('rejects mismatched lengths, bad alpha and out-of-range values with typed errors', () => {
    expect(() => taroneBenjaminiHochberg([0.1], [], 0.05)).toThrow(UsageError);
    expect(() => taroneBenjaminiHochberg([0.1], [0.1], 1)).toThrow(UsageError);
    expect(() => taroneBenjaminiHochberg([Number.NaN], [0.1], 0.05)).toThrow(InputError);
    expect(() => taroneBenjaminiHochberg([0.1], [2], 0.05)).toThrow(InputError);
  });
});
