import { describe, expect, it } from 'vitest';
import { UsageError, compareRates, defaultEffectGates, passesEffectGates } from '../src/index.js';

describe('passesEffectGates', () => {
  it('the defaults are 5 events, 5 beyond expectation and a 1.5x change', () => {
    expect(defaultEffectGates).toEqual({ minCount: 5, minExcess: 5, minRatio: 1.5 });
  });

  it('a one-off line in the canary does not pass, however new it is', () => {
    expect(passesEffectGates(compareRates(0, 1_000_000, 1, 1_000_000))).toBe(false);
    expect(passesEffectGates(compareRates(0, 1_000_000, 1, 1_000_000), { minCount: 1, minExcess: 1 })).toBe(true);
  });

  it('a statistically significant but small drift at scale does not pass the ratio gate', () => {
    const drift = compareRates(1_000_000, 50_000_000, 1_020_000, 50_000_000);
    expect(drift.pValue).toBeLessThan(1e-5);
    expect(passesEffectGates(drift)).toBe(false);
    expect(passesEffectGates(drift, { minRatio: 1.01 })).toBe(true);
  });

  it('decreases are gated on the expected count and the inverse ratio', () => {
    const drop = compareRates(40, 10_000, 10, 10_000);
    expect(drop.direction).toBe('decrease');
    expect(passesEffectGates(drop)).toBe(true);
    expect(passesEffectGates(drop, { minRatio: 5 })).toBe(false);
    expect(passesEffectGates(compareRates(4, 10_000, 0, 10_000))).toBe(false);
  });

  it('unequal volume is accounted for: 4x the lines with the same rate is not an increase', () => {
    const c = compareRates(20, 10_000, 80, 40_000);
    expect(c.direction).toBe('none');
    expect(passesEffectGates(c, { minCount: 0, minExcess: 0, minRatio: 0 })).toBe(false);
  });

  it('rejects negative or non-finite gates with a UsageError', () => {
    const c = compareRates(1, 10, 5, 10);
    expect(() => passesEffectGates(c, { minRatio: -1 })).toThrow(UsageError);
    expect(() => passesEffectGates(c, { minCount: Number.NaN })).toThrow(UsageError);
  });
});
