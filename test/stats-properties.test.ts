import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, exactRateTest, rateRatio } from '../src/index.js';

const count = fc.integer({ min: 0, max: 5_000 });
const total = fc.integer({ min: 1, max: 10_000_000 });

// P(X = x) for X ~ Bin(k, pi), by the plain product formula: fine for the small k used below.
function pmf(x: number, k: number, pi: number): number {
  let logC = 0;
  for (let i = 1; i <= x; i++) logC += Math.log(k - x + i) - Math.log(i);
  return Math.exp(logC + x * Math.log(pi) + (k - x) * Math.log1p(-pi));
}

describe('statistics properties', () => {
  it('exactRateTest always returns a p-value in [0, 1]', () => {
    fc.assert(
      fc.property(count, total, count, total, fc.constantFrom('greater' as const, 'less' as const), (b, bt, c, ct, alt) => {
        const p = exactRateTest(b, bt, c, ct, alt);
        return p >= 0 && p <= 1;
      }),
    );
  });

  it('the greater p-value never rises, and the less p-value never falls, as the canary count grows', () => {
    fc.assert(
      fc.property(count, total, fc.integer({ min: 0, max: 3_000 }), total, (b, bt, c, ct) => {
        const tolerance = 1e-12;
        const g0 = exactRateTest(b, bt, c, ct, 'greater');
        const g1 = exactRateTest(b, bt, c + 1, ct, 'greater');
        const l0 = exactRateTest(b, bt, c, ct, 'less');
        const l1 = exactRateTest(b, bt, c + 1, ct, 'less');
        expect(g1).toBeLessThanOrEqual(g0 + tolerance);
        expect(l1).toBeGreaterThanOrEqual(l0 - tolerance);
      }),
    );
  });

  it('the interval is ordered, contains the plain estimate, and excludes 1 exactly when the one-sided test rejects at alpha/2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000 }), total, fc.integer({ min: 1, max: 3_000 }), total, (b, bt, c, ct) => {
        const r = rateRatio(b, bt, c, ct);
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.estimate).toBeLessThanOrEqual(r.upper);
        const pGreater = exactRateTest(b, bt, c, ct, 'greater');
        const pLess = exactRateTest(b, bt, c, ct, 'less');
        // Test-interval duality; skip values within rounding of the boundary.
        if (Math.abs(pGreater - 0.025) > 1e-9 && Math.abs(r.lower - 1) > 1e-9) expect(r.lower > 1).toBe(pGreater < 0.025);
        if (Math.abs(pLess - 0.025) > 1e-9 && Math.abs(r.upper - 1) > 1e-9) expect(r.upper < 1).toBe(pLess < 0.025);
      }),
    );
  });

  it('the interval covers the true rate ratio with probability >= 95% (computed exactly over all outcomes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.integer({ min: 100, max: 100_000 }),
        fc.integer({ min: 100, max: 100_000 }),
        (k, trueRatio, bt, ct) => {
          // Given k events, the canary share is Bin(k, pi) with pi = RR*ct / (bt + RR*ct).
          const pi = (trueRatio * ct) / (bt + trueRatio * ct);
          let coverage = 0;
          for (let x = 0; x <= k; x++) {
            const r = rateRatio(k - x, bt, x, ct);
            if (r.lower <= trueRatio && trueRatio <= r.upper) coverage += pmf(x, k, pi);
          }
          expect(coverage).toBeGreaterThanOrEqual(0.95 - 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('agrees with a plain summation on both sides of the switch from summing to the continued fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_900, max: 2_400 }), fc.double({ min: 0.2, max: 0.8, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (k, share, z) => {
        // canary share p0 = share; choose x near the mean so both small and large tails occur
        const ct = Math.round(share * 1_000_000);
        const bt = 1_000_000 - ct;
        const p0 = ct / (bt + ct);
        const x = Math.max(0, Math.min(k, Math.round(k * p0 + z * Math.sqrt(k * p0 * (1 - p0)))));
        let tail = 0;
        for (let i = x; i <= k; i++) tail += pmf(i, k, p0);
        const p = exactRateTest(k - x, bt, x, ct, 'greater');
        expect(Math.abs(p - tail)).toBeLessThan(1e-9 * Math.max(tail, 1e-3));
      }),
      { numRuns: 40 },
    );
  });

  it('q-values are in [0, 1], at least the p-value, and ordered like the p-values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 200 }), (ps) => {
        const qs = benjaminiHochberg(ps);
        ps.forEach((p, i) => {
          expect(qs[i]).toBeGreaterThanOrEqual(p);
          expect(qs[i]).toBeLessThanOrEqual(1);
        });
        for (let i = 0; i < ps.length; i++) {
          for (let j = 0; j < ps.length; j++) if (ps[i]! < ps[j]!) expect(qs[i]).toBeLessThanOrEqual(qs[j]!);
        }
      }),
    );
  });
});
