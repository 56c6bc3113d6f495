import { isDigit } from './chars.js';
import { WILDCARD } from './types.js';

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
const UNITS = new Set(['ms', 'us', 'ns', 's', 'sec', 'secs', 'min', 'B', 'KB', 'MB', 'GB', 'kB']);

/**
 * Joins the tokens of variables that span several tokens into one token (raw tokens joined by a
 * space, the masked token written once), in place; `raw` and `masked` stay aligned:
 * - a ctime date `[Weekday] Month Day HH:MM:SS [Year]` becomes its masked time (`<*>:<*>:<*>`,
 *   the loghub convention);
 * - `HTTP/1.1` after a URL belongs to the URL's variable (`"GET <*>"`);
 * - a bound such as `<1 sec` is one variable.
 * Returns true when something was joined.
 */
export function joinSpans(raw: string[], masked: string[], groups?: number[]): boolean {
  const n = raw.length;
  let w = 0;
  let joined = false;
  for (let i = 0; i < n; i++) {
    const t = raw[i]!;
    let take = 1;
    let mask = masked[i]!;
    let from = i;
    if (t.length === 3 && MONTHS.has(t) && i + 2 < n && isDayNumber(raw[i + 1]!) && isClock(raw[i + 2]!)) {
      if (w > 0 && WEEKDAYS.has(raw[i - 1]!) && masked[w - 1] === raw[i - 1]) {
        w--;
        from = i - 1;
      }
      take = i + 3 < n && isYear(raw[i + 3]!) ? 4 : 3;
      mask = masked[i + 2]!;
    } else if (w > 0 && t.startsWith('HTTP/') && isDigit(t.charCodeAt(5)) && !t.includes(' ') && masked[w - 1]!.endsWith(WILDCARD)) {
      // (not the rest of a message cut at maxTokens, `HTTP/1.1 200 OK`: one variable of its own, whose text past
      // the version must not reach the mask, where a space would make a token no snapshot can hold)
      // The version joins the whole variable before it, which may itself be joined (a date, an earlier version).
      let end = t.length;
      while (end > 5 && !isDigit(t.charCodeAt(end - 1))) end--;
      raw[w - 1] = `${raw[w - 1]!} ${t}`;
      masked[w - 1] = masked[w - 1]! + t.slice(end);
      if (groups !== undefined) groups[groups.length - 1]!++;
      joined = true;
      continue;
    } else if (t.length >= 2 && t.charCodeAt(0) === 60 && isDigit(t.charCodeAt(1)) && i + 1 < n && UNITS.has(raw[i + 1]!)) {
      take = 2;
      mask = WILDCARD;
    } else {
      raw[w] = t;
      masked[w] = mask;
      groups?.push(i, 1);
      w++;
      continue;
    }
    joined = true;
    if (groups !== undefined && from < i) groups.length -= 2; // the previous token joins this group
    groups?.push(from, i + take - from);
    raw[w] = raw.slice(from, i + take).join(' ');
    masked[w] = mask;
    w++;
    i += take - 1;
  }
  raw.length = w;
  masked.length = w;
  return joined;
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
