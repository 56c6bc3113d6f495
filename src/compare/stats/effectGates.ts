import { UsageError } from '../../errors/UsageError.js';
import type { RateComparison, RateDirection } from './compareRates.js';

/**
 * Minimum absolute and relative effects a rate change must show, on top of statistical significance,
 * before it is worth a finding. Significance alone is not enough at scale: with millions of events a
 * 2% drift is "significant" and harmless, and with a handful of events a one-off line is noise.
 *
 * @example
 * ```ts
 * import { testRates, type EffectGates } from 'logsift';
 * const gates: Partial<EffectGates> = { minCount: 20, minRatio: 3 };
 * const results = testRates([{ baselineCount: 3, canaryCount: 40 }], 100_000, 100_000, { gates });
 * ```
 */
export interface EffectGates {
  /** Fewest events on the busier side (observed canary count, or expected canary count for a drop). */
  minCount: number;
  /** Fewest events above (or below) the expected canary count. */
  minExcess: number;
  /** Smallest rate ratio for an increase; a decrease must reach 1 / minRatio or less. */
  minRatio: number;
}

/**
 * Default {@link EffectGates}: 5 events, 5 more (or fewer) than expected, and a 1.5x change.
 *
 * @example
 * ```ts
 * import { compareRates, defaultEffectGates, passesEffectGates } from 'logsift';
 * const c = compareRates(100, 100_000, 130, 100_000);
 * passesEffectGates(c, { ...defaultEffectGates, minRatio: 1.2 }); // true: a 1.3x change is enough here
 * ```
 */
export const defaultEffectGates: Readonly<EffectGates> = Object.freeze({ minCount: 5, minExcess: 5, minRatio: 1.5 });

/**
 * True when a comparison clears every effect gate in its observed direction (false for `'none'`).
 * Gates not given keep their defaults; all are parameters, none is baked into the tests.
 *
 * @example
 * ```ts
 * import { compareRates, passesEffectGates } from 'logsift';
 * const c = compareRates(2, 1_000_000, 4, 1_000_000);
 * passesEffectGates(c);                  // false: 4 events are below minCount 5
 * passesEffectGates(c, { minCount: 1, minExcess: 1 }); // true: ratio 2 >= 1.5
 * ```
 */
export function passesEffectGates(comparison: RateComparison, gates: Partial<EffectGates> = {}): boolean {
  const { direction, canaryCount, expectedCanaryCount, ratio } = comparison;
  return clearsGates(direction, canaryCount, expectedCanaryCount, ratio.estimate, resolveGates(gates));
}

/** Defaults filled in and every gate checked (a `UsageError` for negative or non-finite values). */
export function resolveGates(gates: Partial<EffectGates>): EffectGates {
  const resolved = { ...defaultEffectGates, ...gates };
  for (const name of ['minCount', 'minExcess', 'minRatio'] as const) {
    const value = resolved[name];
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new UsageError(`effect gate ${name} must be a finite number >= 0, got ${String(value)}`, 'E_STATS_OPTION');
    }
  }
  return resolved;
}

/** The gate rule itself, shared by {@link passesEffectGates} and `testRates`. */
export function clearsGates(direction: RateDirection, canaryCount: number, expected: number, estimate: number, gates: EffectGates): boolean {
  if (direction === 'none') return false;
  if (Math.max(canaryCount, expected) < gates.minCount) return false;
  if (Math.abs(canaryCount - expected) < gates.minExcess) return false;
  return direction === 'increase' ? estimate >= gates.minRatio : estimate * gates.minRatio <= 1;
}
