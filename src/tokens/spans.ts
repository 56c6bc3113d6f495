import { isDigit } from './chars.js';
import { ABSORBED, WILDCARD } from './types.js';

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);

/**
 * Variables that span several tokens, marked in `masked` (same length as `raw`):
 * - a ctime date `[Weekday] Month Day HH:MM:SS [Year]` is one variable, written as its time
 *   (`<*>:<*>:<*>`, the loghub convention);
 * - `HTTP/1.1` after a URL belongs to the URL's variable (`"GET <*>"`).
 */
export function absorbSpans(raw: readonly string[], masked: string[]): void {
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const t = raw[i]!;
    if (t.length === 3 && MONTHS.has(t) && i + 2 < n && isDayNumber(raw[i + 1]!) && isClock(raw[i + 2]!)) {
      if (i > 0 && WEEKDAYS.has(raw[i - 1]!)) masked[i - 1] = ABSORBED;
      masked[i] = ABSORBED;
      masked[i + 1] = ABSORBED;
      if (i + 3 < n && isYear(raw[i + 3]!)) masked[i + 3] = ABSORBED;
      i += 2;
    } else if (i > 0 && t.startsWith('HTTP/') && isDigit(t.charCodeAt(5)) && masked[i - 1]!.endsWith(WILDCARD)) {
      let end = t.length;
      while (end > 5 && !isDigit(t.charCodeAt(end - 1))) end--;
      masked[i - 1] += t.slice(end);
      masked[i] = ABSORBED;
    }
  }
}

function isDayNumber(t: string): boolean {
  return (t.length === 1 || t.length === 2) && isDigit(t.charCodeAt(0)) && isDigit(t.charCodeAt(t.length - 1));
}

function isClock(t: string): boolean {
  return t.length >= 8 && isDigit(t.charCodeAt(0)) && t.charCodeAt(2) === 58 && t.charCodeAt(5) === 58;
}

function isYear(t: string): boolean {
  return t.length === 4 && isDigit(t.charCodeAt(0)) && isDigit(t.charCodeAt(1)) && isDigit(t.charCodeAt(2)) && isDigit(t.charCodeAt(3));
}
