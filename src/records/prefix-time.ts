/**
 * Timestamp recognizers for the start of a line, written as char-code checks (no regex) because they
 * run on every line. Each returns the index just after the timestamp, or -1, and leaves the epoch
 * milliseconds in `scan.epoch` (NaN when the text has no usable date).
 */

/** Timestamps without a year are placed in this year (a leap year, so Feb 29 parses); only differences matter. */
export const DEFAULT_YEAR = 2000;

/** Shared scratch result, so recognizers allocate nothing. */
export const scan = { epoch: Number.NaN, syslog: false };

/** Three-letter names keyed by their char codes, so a lookup needs no substring. */
const key3 = (s: string, i: number): number => s.charCodeAt(i) * 65_536 + s.charCodeAt(i + 1) * 256 + s.charCodeAt(i + 2);
const MONTHS = new Map<number, number>(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m, i) => [key3(m, 0), i + 1]),
);
const DAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => key3(d, 0)));

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** Value of the two digits at `i`, or -1; unrolled because most timestamp fields are two digits. */
function num2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  // NaN (past the end) fails both comparisons, like any non-digit.
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Value of the four digits at `i`, or -1. */
function num4(s: string, i: number): number {
  const high = num2(s, i);
  const low = high < 0 ? -1 : num2(s, i + 2);
  return low < 0 ? -1 : high * 100 + low;
}

/**
 * Value of `count` digits at `i`, or -1 when any of them is not a digit. Two and four digits, the common
 * fields, have functions of their own (num2, num4): small enough for the optimizing compiler to inline.
 */
function num(s: string, i: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

function epochOf(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return Number.NaN;
  // An impossible date (Feb 30, Jun 31) is no date, not the day it would roll over to.
  if (d > 28 && d > daysInMonth(y, mo)) return Number.NaN;
  // Consecutive lines nearly always share the date: its day number is kept from the last call.
  const date = (y * 16 + mo) * 32 + d;
  if (date !== lastDate) {
    lastDate = date;
    lastDays = daysFromCivil(y, mo, d);
  }
  return ((lastDays * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
}
let lastDate = Number.NaN;
let lastDays = 0;

function daysInMonth(y: number, mo: number): number {
  if (mo !== 2) return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

function daysFromCivil(y: number, mo: number, d: number): number {
  // Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil), which
  // is several times faster than Date.UTC on every line.
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Reads `HH:MM:SS` (or `HHMMSS` when `compact`) at `i`; the three values go to `clock`. */
const clock = [0, 0, 0];
function time(s: string, i: number, compact = false): number {
  if (compact) {
    const h = num2(s, i), mi = num2(s, i + 2), sec = num2(s, i + 4);
    if (h < 0 || mi < 0 || sec < 0) return -1;
    clock[0] = h; clock[1] = mi; clock[2] = sec;
    return i + 6;
  }
  const h = num2(s, i);
  if (h < 0 || s.charCodeAt(i + 2) !== 58) return -1;
  const mi = num2(s, i + 3);
  if (mi < 0 || s.charCodeAt(i + 5) !== 58) return -1;
  const sec = num2(s, i + 6);
  if (sec < 0) return -1;
  clock[0] = h; clock[1] = mi; clock[2] = sec;
  return i + 8;
}

/** Reads `H:M:S` with one or two digits per part. */
function looseTime(s: string, i: number): number {
  let j = i;
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (s.charCodeAt(j) !== 58) return -1;
      j++;
    }
    let value = digit(s, j);
    if (value < 0) return -1;
    j++;
    const second = digit(s, j);
    if (second >= 0) {
      value = value * 10 + second;
      j++;
    }
    clock[part] = value;
  }
  return j;
}

/** Reads a fraction `[.,:]digits` at `i`; returns the end and leaves milliseconds in `fraction.ms`. */
const fraction = { ms: 0 };
function frac(s: string, i: number, colonAllowed: boolean): number {
  fraction.ms = 0;
  const c = s.charCodeAt(i);
  if (c !== 46 && c !== 44 && !(colonAllowed && c === 58)) return i;
  let j = i + 1;
  let ms = 0;
  let digits = 0;
  for (let d = digit(s, j); d >= 0; d = digit(s, j)) {
    if (digits < 3) ms = ms * 10 + d;
    digits++;
    j++;
  }
  if (digits === 0) return i;
  while (digits < 3) { ms *= 10; digits++; }
  fraction.ms = ms;
  return j;
}

/** Reads `Z`, `±HH:MM`, `±HHMM` or `±HH` at `i` (optionally after one space); offset minutes to `zone.minutes` (NaN when impossible). */
const zone = { minutes: 0 };
function tz(s: string, i: number, spaceAllowed: boolean): number {
  zone.minutes = 0;
  let j = i;
  if (spaceAllowed && s.charCodeAt(j) === 32 && (s.charCodeAt(j + 1) === 43 || s.charCodeAt(j + 1) === 45)) j++;
  const c = s.charCodeAt(j);
  if (c === 90) return j + 1;
  if (c !== 43 && c !== 45) return i;
  const h = num2(s, j + 1);
  if (h < 0) return i;
  let end = j + 3;
  let m = 0;
  const colonMinutes = s.charCodeAt(end) === 58 ? num2(s, end + 1) : -1;
  const minutes = colonMinutes >= 0 ? -1 : num2(s, end);
  if (colonMinutes >= 0) { m = colonMinutes; end += 3; }
  else if (minutes >= 0) { m = minutes; end += 2; }
  // An impossible offset (+99:99) makes the timestamp no date (NaN).
  zone.minutes = h > 23 || m > 59 ? Number.NaN : (c === 45 ? -1 : 1) * (h * 60 + m);
  return end;
}

/** A timestamp that starts with a digit: ISO-8601 and the numeric forms of common and loghub logs. */
export function numericTimestamp(s: string, p: number): number {
  scan.epoch = Number.NaN;
  scan.syslog = false;
  const c4 = s.charCodeAt(p + 4);
  const year4 = num4(s, p);
  if (year4 >= 0 && (c4 === 45 || c4 === 47) && s.charCodeAt(p + 7) === c4) {
    // YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|±hh:mm], also YYYY/MM/DD (nginx error log).
    const mo = num2(s, p + 5), d = num2(s, p + 8);
    const sep = s.charCodeAt(p + 10);
    if (mo < 0 || d < 0) return -1;
    if (sep === 45 && s.charCodeAt(p + 13) === 46 && s.charCodeAt(p + 16) === 46) {
      // YYYY-MM-DD-HH.MM.SS.ffffff (BGL).
      const h = num2(s, p + 11), mi = num2(s, p + 14), sec = num2(s, p + 17);
      if (h < 0 || mi < 0 || sec < 0) return -1;
      const j = frac(s, p + 19, false);
      scan.epoch = epochOf(year4, mo, d, h, mi, sec, fraction.ms);
      return j;
    }
    if (sep !== 84 && sep !== 32) return -1;
    let j = time(s, p + 11);
    if (j < 0) return -1;
    j = frac(s, j, false);
    j = tz(s, j, false);
    scan.epoch = epochOf(year4, mo, d, clock[0]!, clock[1]!, clock[2]!, fraction.ms) - zone.minutes * 60_000;
    return j;
  }
  const c2 = s.charCodeAt(p + 2);
  const a = num2(s, p);
  if (a < 0) return -1;
  const b = c2 === 47 || c2 === 45 || c2 === 46 ? num2(s, p + 3) : -1;
  if (b >= 0) {
    if (c2 === 47 && s.charCodeAt(p + 5) === 47 && s.charCodeAt(p + 8) === 32) {
      // YY/MM/DD HH:MM:SS (Spark).
      const d = num2(s, p + 6);
      const j = time(s, p + 9);
      if (d < 0 || j < 0) return -1;
      scan.epoch = epochOf(2000 + a, b, d, clock[0]!, clock[1]!, clock[2]!, 0);
      return j;
    }
    if (s.charCodeAt(p + 5) === 32) {
      // MM-DD HH:MM:SS.fff (Android logcat), MM.DD HH:MM:SS (Proxifier).
      let j = time(s, p + 6);
      if (j < 0) return -1;
      j = frac(s, j, false);
      scan.epoch = epochOf(DEFAULT_YEAR, a, b, clock[0]!, clock[1]!, clock[2]!, fraction.ms);
      return j;
    }
    return -1;
  }
  const month = c2 === 47 ? MONTHS.get(key3(s, p + 3)) : undefined;
  if (month !== undefined && s.charCodeAt(p + 6) === 47) {
    // DD/Mon/YYYY:HH:MM:SS ±zzzz (common and combined access logs).
    const y = num4(s, p + 7);
    if (y < 0 || s.charCodeAt(p + 11) !== 58) return -1;
    let j = time(s, p + 12);
    if (j < 0) return -1;
    j = tz(s, j, true);
    scan.epoch = epochOf(y, month, a, clock[0]!, clock[1]!, clock[2]!, 0) - zone.minutes * 60_000;
    return j;
  }
  const six = num(s, p, 6);
  if (six >= 0 && s.charCodeAt(p + 6) === 32 && (s.charCodeAt(p + 13) === 32 || s.length === p + 13)) {
    // YYMMDD HHMMSS (HDFS).
    const j = time(s, p + 7, true);
    if (j < 0) return -1;
    scan.epoch = epochOf(2000 + Math.floor(six / 10_000), Math.floor(six / 100) % 100, six % 100, clock[0]!, clock[1]!, clock[2]!, 0);
    return Number.isNaN(scan.epoch) ? -1 : j;
  }
  if (year4 >= 0 && num4(s, p + 4) >= 0 && s.charCodeAt(p + 8) === 45) {
    // YYYYMMDD-H:M:S[:mmm] (HealthApp, whose writer does not zero-pad the clock).
    let j = looseTime(s, p + 9);
    if (j < 0) return -1;
    j = frac(s, j, true);
    scan.epoch = epochOf(year4, num2(s, p + 4), num2(s, p + 6), clock[0]!, clock[1]!, clock[2]!, fraction.ms);
    return Number.isNaN(scan.epoch) ? -1 : j;
  }
  return -1;
}

/** `Mon DD HH:MM:SS[ YYYY]` (syslog) and `Day Mon DD HH:MM:SS[.fff] YYYY` (ctime, Apache). */
export function alphaTimestamp(s: string, p: number): number {
  scan.epoch = Number.NaN;
  scan.syslog = false;
  let q = p;
  let ctime = false;
  if (DAYS.has(key3(s, q)) && s.charCodeAt(q + 3) === 32) {
    q += 4;
    ctime = true;
  }
  const month = MONTHS.get(key3(s, q));
  if (month === undefined || s.charCodeAt(q + 3) !== 32) return -1;
  q += 4;
  if (s.charCodeAt(q) === 32) q++;
  let day = digit(s, q);
  if (day < 0) return -1;
  q++;
  const second = digit(s, q);
  if (second >= 0) {
    day = day * 10 + second;
    q++;
  }
  if (s.charCodeAt(q) !== 32) return -1;
  let j = time(s, q + 1);
  if (j < 0) return -1;
  j = frac(s, j, false);
  let year = DEFAULT_YEAR;
  const written = s.charCodeAt(j) === 32 ? num4(s, j + 1) : -1;
  if (written >= 0 && digit(s, j + 5) < 0) {
    year = written;
    j += 5;
  } else if (ctime) return -1;
  scan.epoch = epochOf(year, month, day, clock[0]!, clock[1]!, clock[2]!, fraction.ms);
  scan.syslog = !ctime;
  return j;
}
