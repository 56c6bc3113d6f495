import { UsageError } from '../errors/UsageError.js';

// A date, or a date-time that names its zone: a time without one would be read in the local zone of
// whatever machine runs the check, which silently shifts the window.
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|z|[+-]\d{2}:?\d{2}))?$/;

// 1e11 ms is March 1973; epoch seconds of any date since then are below it.
const SECONDS_LIMIT = 1e11;

function show(value: unknown): string {
  return JSON.stringify(String(value).slice(0, 40));
}

/**
 * Reads a time given as ISO 8601 with a time zone (`2024-05-01T10:00:00Z`, `2024-05-01T12:00:00+02:00`,
 * a plain date `2024-05-01` is midnight UTC), as epoch milliseconds (a number or a string of digits), or
 * as a Date, and returns epoch milliseconds. Anything else is a {@link UsageError} naming `what`: a
 * date-time without a zone, and a number that looks like epoch seconds, are refused rather than guessed.
 *
 * @example
 * ```ts
 * import { parseTime } from 'logsift';
 * parseTime('2024-05-01T10:00:00Z', '--from'); // 1714557600000
 * parseTime('1714557600000', '--from');        // 1714557600000
 * ```
 */
export function parseTime(value: unknown, what: string): number {
  let ms: number;
  if (value instanceof Date) {
    ms = value.getTime();
  } else if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
    ms = Number(value);
    if (Number.isFinite(ms) && Math.abs(ms) < SECONDS_LIMIT && ms !== 0) {
      throw new UsageError(`${what}: ${show(value)} looks like epoch seconds; give epoch milliseconds or ISO 8601`);
    }
  } else if (typeof value === 'string' && ISO.test(value.trim())) {
    const text = value.trim();
    const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    // Date.parse rolls 2024-02-30 over to March; a window must not move silently
    ms = day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? Date.parse(text.replace(' ', 'T').replace(/z$/, 'Z')) : NaN;
  } else {
    throw new UsageError(`${what}: expected ISO 8601 with a time zone (2024-05-01T10:00:00Z) or epoch milliseconds, got ${show(value)}`);
  }
  if (!Number.isFinite(ms) || !Number.isInteger(ms)) throw new UsageError(`${what}: ${show(value)} is not a valid time`);
  return ms;
}
