import { InputError } from '../../errors/InputError.js';
import { UsageError } from '../../errors/UsageError.js';

/** Counts are numbers of events: non-negative integers. */
export function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new InputError(`${name} must be a non-negative integer, got ${String(value)}`, 'E_STATS_INPUT');
  }
}

/** Totals are exposures (events seen on the side, or a duration): finite and non-negative. */
export function checkTotal(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${name} must be a finite non-negative number, got ${String(value)}`, 'E_STATS_INPUT');
  }
}

/** Validates the four numbers of one signature's comparison. */
export function checkTable(baselineCount: number, baselineTotal: number, canaryCount: number, canaryTotal: number): void {
  checkCount('baselineCount', baselineCount);
  checkTotal('baselineTotal', baselineTotal);
  checkCount('canaryCount', canaryCount);
  checkTotal('canaryTotal', canaryTotal);
  if ((baselineTotal === 0 && baselineCount > 0) || (canaryTotal === 0 && canaryCount > 0)) {
    throw new InputError('a side with events cannot have a total of 0', 'E_STATS_INPUT');
  }
}

/** A two-sided confidence level strictly between 0 and 1. */
export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new UsageError(`confidence must be between 0 and 1 (exclusive), got ${String(confidence)}`, 'E_STATS_OPTION');
  }
}
