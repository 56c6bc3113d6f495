import { alphaTimestamp, numericTimestamp, scan } from './prefix-time.js';
import type { Level } from './types.js';

/** What {@link detectPrefix} found at the start of a line. */
export interface Prefix {
  /** The line without its header: the text to templatize. */
  message: string;
  /** Epoch milliseconds of the header timestamp (UTC when the text has no offset). */
  timestamp?: number;
  /** Normalized level of the header. */
  level?: Level;
  /** Other header parts: `thread`, `logger`, `host`, `program`, `pid`, `tid`, `client`, `source`. */
  fields: Record<string, string>;
}

const LEVELS = new Map<string, Level>();
/** The all-capitals spellings, which need no column separator after them. */
const UPPER_LEVELS = new Map<string, Level>();
for (const [level, names] of [
  ['trace', ['trace', 'finest', 'finer', 'verbose']],
  ['debug', ['debug', 'dbg', 'fine', 'config']],
  ['info', ['info', 'information', 'informational', 'notice']],
  ['warn', ['warn', 'warning']],
  ['error', ['error', 'err', 'severe']],
  ['fatal', ['fatal', 'critical', 'crit', 'alert', 'emerg', 'emergency', 'panic']],
] as const) {
  for (const name of names) {
    LEVELS.set(name, level);
    LEVELS.set(name.toUpperCase(), level);
    UPPER_LEVELS.set(name.toUpperCase(), level);
    LEVELS.set(name[0]!.toUpperCase() + name.slice(1), level);
  }
}
const LETTERS: Record<string, Level> = { V: 'trace', D: 'debug', I: 'info', W: 'warn', E: 'error', F: 'fatal', A: 'fatal' };

/**
 * Normalizes a level name as written by common loggers (`WARNING`, `err`, `Severe`, `CRIT`, `notice`)
 * or a one-letter level (`V D I W E F A` of Android and klog) to a {@link Level}.
 *
 * @example
 * ```ts
 * import { normalizeLevel } from 'logsift';
 * normalizeLevel('WARNING'); // 'warn'
 * normalizeLevel('E');       // 'error'
 * normalizeLevel('hello');   // undefined
 * ```
 */
export function normalizeLevel(name: string): Level | undefined {
  if (name.length === 1) return LETTERS[name.toUpperCase()];
  return LEVELS.get(name) ?? LEVELS.get(name.toLowerCase());
}

const isSpace = (c: number): boolean => c === 32 || c === 9;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Characters of logger, host and program names: letters, digits and `_ $ . - / # @`. */
const isNameChar = (c: number): boolean =>
  isLower(c) || isUpper(c) || isDigit(c) || c === 95 || c === 36 || c === 46 || c === 45 || c === 47 || c === 35 || c === 64;

/** End of the token at `p` (the next space or tab, or the end). */
function tokenEnd(s: string, p: number): number {
  let j = p;
  while (j < s.length && !isSpace(s.charCodeAt(j))) j++;
  return j;
}

function skipSpaces(s: string, p: number): number {
  let j = p;
  while (isSpace(s.charCodeAt(j))) j++;
  return j;
}

/** Index of the `]` closing the `[` at `p` (nesting allowed), or -1 within 256 chars. */
function closeBracket(s: string, p: number): number {
  let depth = 0;
  const limit = Math.min(s.length, p + 256);
  for (let j = p; j < limit; j++) {
    const c = s.charCodeAt(j);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return j;
  }
  return -1;
}

/** True when s[from, to) is a dotted/$ name such as `c.shop.OrderService` or `dfs.DataNode$PacketResponder`. */
function isName(s: string, from: number, to: number): boolean {
  if (to <= from || to - from > 160) return false;
  const first = s.charCodeAt(from);
  if (!isLower(first) && !isUpper(first) && first !== 95) return false;
  for (let j = from + 1; j < to; j++) if (!isNameChar(s.charCodeAt(j))) return false;
  return true;
}

/**
 * Detects the header of a line without a log format: a leading timestamp (ISO-8601 with `T` or space,
 * fractions and offsets; `YYYY-MM-DD HH:MM:SS,mmm`; syslog `Mon DD HH:MM:SS host prog[pid]:`; ctime;
 * access-log and the numeric forms of loghub systems), levels bare or in brackets, a `[thread]`, a
 * `logger:` or `logger -`, pids, klog and nginx access/error headers. It is conservative: a word is only
 * taken as a header part when its position and shape say so; anything unsure stays in the message.
 *
 * @example
 * ```ts
 * import { detectPrefix } from 'logsift';
 * detectPrefix('2026-11-20 23:00:03,907 ERROR [exec-1] c.shop.OrderService - Failed to place order 42');
 * // { message: 'Failed to place order 42', timestamp: 1795215603907, level: 'error',
 * //   fields: { thread: 'exec-1', logger: 'c.shop.OrderService' } }
 * ```
 */
export function detectPrefix(line: string): Prefix {
  const found = scanPrefix(line);
  const out: Prefix = { message: found.message, fields: found.fields };
  if (!Number.isNaN(found.timestamp)) out.timestamp = found.timestamp;
  if (found.level !== undefined) out.level = found.level;
  return out;
}

/** {@link detectPrefix} without the result object: the answer is left in one reused {@link Header}. */
export interface Header {
  message: string;
  /** NaN when there is no timestamp. */
  timestamp: number;
  level: Level | undefined;
  fields: Record<string, string>;
}

const header: Header = { message: '', timestamp: Number.NaN, level: undefined, fields: {} };

function withHeader(message: string, timestamp: number, level: Level | undefined, fields: Record<string, string>): Header {
  header.message = message;
  header.timestamp = timestamp;
  header.level = level;
  header.fields = fields;
  return header;
}

const none = (s: string, fields: Record<string, string>): Header => withHeader(s, Number.NaN, undefined, fields);

/** Scans the header of `line`; the returned object is reused by the next call. */
export function scanPrefix(line: string): Header {
  const s = line;
  const fields: Record<string, string> = {};
  const first = s.charCodeAt(0);
  if (s.length === 0 || isSpace(first)) return none(s, fields);
  let p = 0;
  let timestamp = Number.NaN;
  let end = -1;
  let bracketed = false;
  if (first === 91) {
    // [timestamp] as in Apache and Proxifier.
    const c = s.charCodeAt(1);
    end = isDigit(c) ? numericTimestamp(s, 1) : isUpper(c) ? alphaTimestamp(s, 1) : -1;
    if (end > 0 && s.charCodeAt(end) === 93) {
      bracketed = true;
      end++;
    } else end = -1;
  } else if (isDigit(first)) {
    end = numericTimestamp(s, 0);
    if (end < 0) return accessLog(s, fields);
  } else if (isUpper(first)) {
    end = alphaTimestamp(s, 0);
    if (end < 0 && s.charCodeAt(5) === 32 && LETTERS[s[0]!] !== undefined) return klog(s, fields);
  }
  // A date that does not exist (month 13) is not a header: the line stays whole.
  if (end > 0 && Number.isNaN(scan.epoch)) return none(s, fields);
  let level: Level | undefined;
  let syslog = false;
  if (end > 0) {
    timestamp = scan.epoch;
    syslog = scan.syslog && !bracketed;
    const next = s.charCodeAt(end);
    if (end < s.length && !isSpace(next) && next !== 44 && next !== 124) return none(s, fields);
    p = end;
  }
  if (syslog) return withHeader(s.slice(syslogHeader(s, skipSpaces(s, p), fields)), timestamp, undefined, fields);
  if (s.charCodeAt(p) === 124) return withHeader(s.slice(pipeHeader(s, p, fields)), timestamp, undefined, fields);
  if (s.charCodeAt(p) === 44) p++;
  const afterTime = end > 0;
  let pids = 0;
  let start = skipSpaces(s, p);
  for (let round = 0; round < 8 && start < s.length; round++) {
    p = start;
    const c = s.charCodeAt(p);
    if (afterTime && c === 45 && isSpace(s.charCodeAt(p + 1))) {
      start = skipSpaces(s, p + 1);
      continue;
    }
    if (c === 91) {
      const close = closeBracket(s, p);
      if (close < 0) break;
      const after = s.charCodeAt(close + 1);
      if (close + 1 < s.length && !isSpace(after) && after !== 58) break;
      const inner = s.slice(p + 1, close);
      const asLevel = level === undefined && inner.length > 1 && inner.length < 12 ? normalizeLevel(inner) : undefined;
      if (asLevel !== undefined) level = asLevel;
      else if ((afterTime || level !== undefined) && fields['thread'] === undefined && inner.length > 0) fields['thread'] = inner;
      else break;
      start = skipSpaces(s, close + (after === 58 ? 2 : 1));
      continue;
    }
    const tEnd = tokenEnd(s, p);
    const last = s.charCodeAt(tEnd - 1);
    const colon = last === 58;
    const wordEnd = colon ? tEnd - 1 : tEnd;
    if (level === undefined && (isUpper(c) || isLower(c))) {
      const found = levelToken(s, p, wordEnd, tEnd, colon, afterTime, pids > 0);
      if (found !== undefined) {
        level = found;
        start = skipSpaces(s, tEnd);
        if (colon) break;
        continue;
      }
    }
    if (!afterTime && level === undefined) break;
    if (afterTime && (level === undefined || colon) && isDigit(c) && pids < 2 && pidToken(s, p, wordEnd)) {
      fields[pids === 0 ? 'pid' : 'tid'] = s.slice(p, wordEnd);
      pids++;
      start = skipSpaces(s, tEnd);
      if (colon) break;
      continue;
    }
    if (fields['logger'] === undefined && isName(s, p, wordEnd)) {
      const dash = s.charCodeAt(tEnd) === 32 && s.charCodeAt(tEnd + 1) === 45 && isSpace(s.charCodeAt(tEnd + 2));
      const dotted = hasDot(s, p, wordEnd);
      if ((colon && (level !== undefined || dotted) && isSpace(s.charCodeAt(tEnd))) || (dash && (afterTime || level !== undefined))) {
        fields['logger'] = s.slice(p, wordEnd);
        start = skipSpaces(s, dash ? tEnd + 2 : tEnd);
        if (dash && level === undefined) continue;
        break;
      }
    }
    break;
  }
  return withHeader(start >= s.length ? '' : s.slice(start), timestamp, level, fields);
}



/** A level word in header position; mixed-case words need a header-like separator after them. */
function levelToken(s: string, p: number, wordEnd: number, tEnd: number, colon: boolean, afterTime: boolean, afterPid: boolean): Level | undefined {
  const length = wordEnd - p;
  if (length > 11) return undefined;
  const word = s.slice(p, wordEnd);
  if (length === 1) return afterTime && afterPid && !colon ? LETTERS[word] : undefined;
  const upper = UPPER_LEVELS.get(word);
  if (upper !== undefined) return afterTime || colon || s.charCodeAt(tEnd) === 32 ? upper : undefined;
  const level = LEVELS.get(word);
  if (level === undefined) return undefined;
  // "Error connecting to db": a capitalized word is a level only in a column (two spaces, comma, colon).
  const next = s.charCodeAt(tEnd);
  return colon || next === 44 || (next === 32 && isSpace(s.charCodeAt(tEnd + 1))) ? level : undefined;
}

function hasDot(s: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c === 46 || c === 36) return true;
  }
  return false;
}

function pidToken(s: string, p: number, end: number): boolean {
  if (end - p > 12) return false;
  let hash = false;
  for (let j = p; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c === 35 && !hash && j > p) hash = true;
    else if (!isDigit(c)) return false;
  }
  return true;
}

/** `host prog[pid]:` after a syslog timestamp; returns where the message starts. */
function syslogHeader(s: string, p: number, fields: Record<string, string>): number {
  const hostEnd = tokenEnd(s, p);
  let q = skipSpaces(s, hostEnd);
  const progEnd = tokenEnd(s, q);
  if (progEnd - q < 2 || s.charCodeAt(progEnd - 1) !== 58) return p;
  let nameEnd = progEnd - 1;
  if (s.charCodeAt(nameEnd - 1) === 93) {
    const open = s.lastIndexOf('[', nameEnd);
    if (open <= q) return p;
    fields['pid'] = s.slice(open + 1, nameEnd - 1);
    nameEnd = open;
  }
  fields['host'] = s.slice(p, hostEnd);
  fields['program'] = s.slice(q, nameEnd);
  q = skipSpaces(s, progEnd);
  return q;
}

/** `|component|pid|` after a timestamp (HealthApp-style pipes); returns where the message starts. */
function pipeHeader(s: string, p: number, fields: Record<string, string>): number {
  let q = p;
  const names = ['component', 'pid'];
  for (const name of names) {
    const bar = s.indexOf('|', q + 1);
    if (bar < 0 || bar - q > 80 || s.slice(q + 1, bar).includes(' ')) return q + 1;
    fields[name] = s.slice(q + 1, bar);
    q = bar;
  }
  return q + 1;
}

/** `client - user [DD/Mon/YYYY:HH:MM:SS +zzzz] "request" ...` (common/combined access logs). */
function accessLog(s: string, fields: Record<string, string>): Header {
  const ipEnd = tokenEnd(s, 0);
  const open = s.indexOf(' [', ipEnd);
  if (open < 0 || open - ipEnd > 80 || s.charCodeAt(ipEnd) !== 32) return none(s, fields);
  const ip = s.slice(0, ipEnd);
  if (!/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]+)$/.test(ip)) return none(s, fields);
  const end = numericTimestamp(s, open + 2);
  if (end < 0 || s.charCodeAt(end) !== 93) return none(s, fields);
  fields['client'] = ip;
  return withHeader(s.slice(skipSpaces(s, end + 1)), scan.epoch, undefined, fields);
}

/** klog: `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`. */
function klog(s: string, fields: Record<string, string>): Header {
  const mo = Number(s.slice(1, 3));
  const d = Number(s.slice(3, 5));
  const close = s.indexOf('] ', 6);
  if (!/^\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [^ \]]+$/.test(s.slice(1, close < 0 ? 0 : close))) return none(s, fields);
  const t = s.slice(6, 21);
  const parts = s.slice(22, close).trim().split(/ +/);
  fields['pid'] = parts[0]!;
  fields['source'] = parts[1]!;
  const epoch = Date.UTC(2000, mo - 1, d, Number(t.slice(0, 2)), Number(t.slice(3, 5)), Number(t.slice(6, 8)), Number(t.slice(9, 12).padEnd(3, '0')));
  return withHeader(s.slice(close + 2), epoch, LETTERS[s[0]!]!, fields);
}
