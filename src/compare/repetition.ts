import type { Profile } from '../profile/profile.js';
import { groupDigits } from './numbers.js';

/** Repetition beyond this factor of the other side's is discounted in the tests. */
const REPETITION_SLACK = 1.25;

/** How a comparison discounts a side that repeats identical events far more than the other. */
export interface RepetitionDiscount {
  /** Divisor of the baseline's counts (1 when not discounted). */
  baseline: number;
  /** Divisor of the canary's counts (1 when not discounted). */
  canary: number;
  /** A count of one side as it enters the tests. */
  effective(n: number, side: 'baseline' | 'canary'): number;
  /** What the report says when a side is discounted. */
  warning?: string;
}

/** A count divided by a side's excess repetition, never rounding a seen event away. */
function divide(n: number, d: number): number {
  return d === 1 || n === 0 ? n : Math.max(1, Math.round(n / d));
}

/**
 * A side that repeats itself much more than the other (a replayed log, or a canary resampled with replacement)
 * holds fewer independent events than its count: its counts enter the tests divided by that excess repetition.
 */
export function repetitionDiscount(baseline: Profile, canary: Profile): RepetitionDiscount {
  const rel = baseline.repetition > 0 && canary.repetition > 0 ? canary.repetition / baseline.repetition : 1;
  const b = rel < 1 / REPETITION_SLACK ? 1 / rel : 1;
  const c = rel > REPETITION_SLACK ? rel : 1;
  const out: RepetitionDiscount = {
    baseline: b,
    canary: c,
    effective: (n, side) => divide(n, side === 'baseline' ? b : c),
  };
  if (b > 1 || c > 1) {
    const side = c > 1 ? 'canary' : 'baseline';
    const total = side === 'canary' ? canary.totals.events : baseline.totals.events;
    out.warning =
      `${side}: identical events repeat ${Math.max(b, c).toFixed(1)}x more often than on the other side (replayed or ` +
      `resampled logs?); the statistics count its events as ${groupDigits(out.effective(total, side))} independent ones`;
  }
  return out;
}
