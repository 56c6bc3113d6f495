import { describe, expect, it } from 'vitest';
import { InputError, UsageError, benjaminiHochberg } from '../src/index.js';

describe('benjaminiHochberg', () => {
  it('matches a hand-worked example, returned in input order', () => {
    // sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4), 0.2 (5); m = 5
    // p*m/rank: 0.025, 0.025, 0.05, 0.05, 0.2 ; running minimum from the top changes nothing
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2]);
    const expected = [0.025, 0.05, 0.05, 0.025, 0.2];
    q.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 15));
  });

  it('takes the running minimum from the largest rank down (step-up)', () => {
    // sorted 0.01, 0.02, 0.021; raw 0.03, 0.03, 0.021 -> running minimum 0.021 for all three
    const q = benjaminiHochberg([0.021, 0.01, 0.02]);
    q.forEach((value) => expect(value).toBeCloseTo(0.021, 15));
  });

  it('gives tied p-values the same q-value', () => {
    // raw 0.08, 0.04, 0.0267, 0.9 -> ties all get 0.02 * 4 / 3
    const q = benjaminiHochberg([0.02, 0.9, 0.02, 0.02]);
    expect(q[0]).toBeCloseTo(0.08 / 3, 15);
    expect(q[2]).toBe(q[0]);
    expect(q[3]).toBe(q[0]);
    expect(q[1]).toBeCloseTo(0.9, 15);
  });

  it('caps q-values at 1 (which only binds when the family is larger than the list)', () => {
    // raw 1.5, 1.35, 0.95 -> running minimum 0.95 everywhere
    expect(benjaminiHochberg([0.5, 0.9, 0.95])).toEqual([0.95, 0.95, 0.95]);
    // raw 0.5 * 4 / 1 = 2 -> capped
    expect(benjaminiHochberg([0.5], { tests: 4 })).toEqual([1]);
  });

  it('counts untested hypotheses when told the family size', () => {
    expect(benjaminiHochberg([0.01], { tests: 10 })[0]).toBeCloseTo(0.1, 15);
  });

  it('returns an empty list for no p-values', () => {
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('rejects NaN or out-of-range p-values with an InputError and a too-small family with a UsageError', () => {
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(InputError);
    expect(() => benjaminiHochberg([1.2])).toThrow(InputError);
    expect(() => benjaminiHochberg([0.1, 0.2], { tests: 1 })).toThrow(UsageError);
  });
});
