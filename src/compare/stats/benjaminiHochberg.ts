import { InputError } from '../../errors/InputError.js';
import { UsageError } from '../../errors/UsageError.js';

/**
 * Options of {@link benjaminiHochberg}.
 *
 * @example
 * ```ts
 * import { benjaminiHochberg } from 'logsift';
 * // two p-values passed in, but ten signatures were looked at
 * benjaminiHochberg([0.01, 0.04], { tests: 10 }); // [0.1, 0.2]
 * ```
 */
export interface BenjaminiHochbergOptions {
  /**
   * Number of hypotheses in the family, when some were not passed in (e.g. signatures below a
   * minimum count that were never tested still count if you want them to). Default: the number of p-values.
   */
  tests?: number;
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), in the order of the input.
 *
 * q_(i) = min over j >= i of (m / j) * p_(j), for the p-values sorted ascending, capped at 1. The
 * running minimum makes q monotone in p and gives tied p-values the same q. Rejecting every
 * hypothesis with q <= alpha controls the false discovery rate at alpha (for independent or
 * positively dependent tests), which is what keeps thousands of signatures from producing a steady
 * trickle of chance "findings".
 *
 * Throws an `InputError` for a p-value that is NaN or outside [0, 1], and a `UsageError` when
 * `tests` is smaller than the number of p-values or not an integer.
 *
 * @example
 * ```ts
 * import { benjaminiHochberg } from 'logsift';
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2]); // [0.025, 0.05, 0.05, 0.025, 0.2]
 * ```
 */
export function benjaminiHochberg(pValues: readonly number[], options: BenjaminiHochbergOptions = {}): number[] {
  const n = pValues.length;
  const m = options.tests ?? n;
  if (!Number.isInteger(m) || m < n) {
    throw new UsageError(`tests must be an integer >= the number of p-values (${n}), got ${String(m)}`, 'E_STATS_OPTION');
  }
  for (let i = 0; i < n; i++) {
    const p = pValues[i]!;
    if (!(p >= 0 && p <= 1)) throw new InputError(`p-value #${i} must be in [0, 1], got ${String(p)}`, 'E_STATS_INPUT');
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => pValues[a]! - pValues[b]!);
  const q = new Array<number>(n);
  let running = 1;
  for (let rank = n; rank >= 1; rank--) {
    const index = order[rank - 1]!;
    running = Math.min(running, pValues[index]! * (m / rank));
    q[index] = running;
  }
  return q;
}
