import { InputError } from '../errors/InputError.js';
import { LETTERS, UPPER_LEVELS, levelAt, levelWasUpper, normalizeLevel } from './levels.js';
import { accessLog, isDigit, isLower, isNameChar, isSpace, isUpper, klog, none, pipeHeader, rubyLogger, skipSpaces, syslogHeader, withHeader, type Header } from './prefix-shapes.js';
import { alphaTimestamp, numericTimestamp, scan } from './prefix-time.js';

export { normalizeLevel };
export type { Header };
import type { Level } from './types.js';

/**
 * What {@link detectPrefix} found at the start of a line.
 *
 * @example
 * ```ts
 * const { message, level } = detectPrefix('[WARN] cache is cold'); // 'cache is cold', 'warn'
 * ```
 */
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

/** Index of the `]` closing the `[` at `p` (nesting allowed), or -1 within 256 chars. */
function closeBracket(s: string, p: number): number {
  const close = s.indexOf(']', p + 1);
  if (close < 0 || close - p > 256) return -1;
  const open = s.indexOf('[', p + 1);
  if (open < 0 || open > close) return close;
  // Nested brackets (`[QuorumPeer[myid=1]/0:2181]`): count depth.
  let depth = 0;
  const limit = Math.min(s.length, p + 256);
  for (let j = p; j < limit; j++) {
    const c = s.charCodeAt(j);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return j;
  }
  return -1;
}

/** Character classes for one table lookup per character: name characters, `.`/`$` and letters among them. */
const NAME = 1;
const DOT = 2;
const LETTER = 4;
/** Space and tab end a token. */
const SPACE = 8;
/** Every UTF-16 code unit has an entry, so a lookup needs no range check. */
const CLASSES = new Uint8Array(65_536);
for (let c = 0; c < 128; c++) if (isNameChar(c)) CLASSES[c] = NAME | (c === 46 || c === 36 ? DOT : 0) | (isLower(c) || isUpper(c) ? LETTER : 0);
CLASSES[32] = SPACE;
CLASSES[9] = SPACE;

/** Flags of the token last read by {@link scanToken}, without a trailing `:`. */
let tokenName = false;
let tokenDotted = false;
/** Only letters (and not empty): level words are, so other tokens need no lookup. */
let tokenLetters = false;

/**
 * Reads the token at `p` in one pass; returns its end and leaves in `tokenName` whether the token (a
 * trailing colon aside) is a dotted/$ name such as `c.shop.OrderService` or `dfs.DataNode$Responder`.
 */
function scanToken(s: string, p: number): number {
  const n = s.length;
  let j = p;
  let all = NAME | LETTER;
  let before = NAME | LETTER;
  let dot = 0;
  let dotBefore = 0;
  while (j < n) {
    const k = CLASSES[s.charCodeAt(j)]!;
    if (k === SPACE) break;
    before = all;
    dotBefore = dot;
    all &= k;
    dot |= k & DOT;
    j++;
  }
  const colon = j > p && s.charCodeAt(j - 1) === 58;
  const first = s.charCodeAt(p);
  const length = colon ? j - 1 - p : j - p;
  tokenName = length > 0 && length <= 160 && (isLower(first) || isUpper(first) || first === 95) && ((colon ? before : all) & NAME) !== 0;
  tokenDotted = (colon ? dotBefore : dot) !== 0;
  tokenLetters = length > 0 && ((colon ? before : all) & LETTER) !== 0;
  return j;
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
  if (typeof line !== 'string') throw new InputError(`detectPrefix takes a string (got ${line === null ? 'null' : typeof line})`, 'E_INPUT');
  const found = scanPrefix(line);
  const out: Prefix = { message: found.message, fields: found.fields };
  if (!Number.isNaN(found.timestamp)) out.timestamp = found.timestamp;
  if (found.level !== undefined) out.level = found.level;
  return out;
}

/** Scans the header of `line`. */
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
    if (s.charCodeAt(1) === 44) {
      const ruby = rubyLogger(s, fields);
      if (ruby !== undefined) return ruby;
    }
    end = alphaTimestamp(s, 0);
    // klog: `I0102 15:04:05.000000 ...`; a level word of five letters (`DEBUG db query`) is not one
    if (end < 0 && s.charCodeAt(5) === 32 && isDigit(s.charCodeAt(1)) && LETTERS[s[0]!] !== undefined) return klog(s, fields);
  }
  // A date that does not exist (month 13) is not a header: the line stays whole.
  if (end > 0 && Number.isNaN(scan.epoch)) return none(s, fields);
  let syslog = false;
  if (end > 0) {
    timestamp = scan.epoch;
    syslog = scan.syslog && !bracketed;
    const next = s.charCodeAt(end);
    if (end < s.length && !isSpace(next) && next !== 44 && next !== 124) return none(s, fields);
    p = end;
  }
  // RFC 3339 syslog (rsyslog's high-precision file format): an ISO time, then `host prog[pid]:`
  if (!syslog && end > 0 && !bracketed && hostProgramAt(s, end)) syslog = true;
  if (syslog) {
    const at = syslogHeader(s, skipSpaces(s, p), fields);
    // An application's own header after syslog's (`shop[42]: ERROR [exec-2] c.shop.Mail - ...`): its level,
    // thread and logger are read as they are without syslog, so the message is the same either way.
    if (appLevelAt(s, at)) return headerParts(s, at, false, timestamp, fields);
    return withHeader(s.slice(at), timestamp, undefined, fields);
  }
  if (end > 0 && isCriStream(s, end)) {
    // Kubernetes CRI: `<time> stdout F <the container's own line>`; the inner line may have a header too.
    fields['stream'] = s.slice(end + 1, end + 7);
    const inner = scanPrefix(s.slice(end + 10));
    for (const key in inner.fields) if (fields[key] === undefined) fields[key] = inner.fields[key]!;
    return withHeader(inner.message, Number.isNaN(inner.timestamp) ? timestamp : inner.timestamp, inner.level, fields);
  }
  if (s.charCodeAt(p) === 124) return withHeader(s.slice(pipeHeader(s, p, fields)), timestamp, undefined, fields);
  if (s.charCodeAt(p) === 44) p++;
  if (end < 0 && isUpper(first)) {
    const at = pythonDefault(s);
    if (at > 0) {
      fields['logger'] = s.slice(s.indexOf(':') + 1, at - 1);
      return withHeader(s.slice(at), Number.NaN, pythonLevel, fields);
    }
  }
  return headerParts(s, p, end > 0, timestamp, fields);
}

/**
 * The header parts after the timestamp (or from the start): `[thread]`, `[LEVEL]`, a bare level, pids, `logger:` or
 * `logger -`. A function of its own, so the optimizing compiler compiles it apart from the timestamp forms above (a
 * branch one of them meets for the first time then recompiles less code).
 */
function headerParts(s: string, from: number, afterTime: boolean, timestamp: number, fields: Record<string, string>): Header {
  let p = from;
  let level: Level | undefined;
  let pids = 0;
  // Header parts are kept in locals and stored once at the end, in a fixed order: reading and writing
  // a fields object of varying shape at every step is slow.
  let thread: string | undefined;
  let logger: string | undefined;
  let pid: string | undefined;
  let tid: string | undefined;
  let application: string | undefined;
  let start = skipSpaces(s, p);
  // A `[thread]` or `[LEVEL]` was the last part read: a ` - ` after it ends the header (`- INFO [thread] - FOLLOWING
  // - LEADER ELECTION TOOK`, log4j's `%t] - %m`); a logger comes right after the bracket (`[main] c.shop.Order - `).
  let afterBracket = false;
  for (let round = 0; round < 8 && start < s.length; round++) {
    p = start;
    const c = s.charCodeAt(p);
    if (afterTime && c === 45 && (isSpace(s.charCodeAt(p + 1)) || (s.startsWith('--', p + 1) && isSpace(s.charCodeAt(p + 3))))) {
      // `-` and Spring Boot's `---` separators.
      start = skipSpaces(s, p + (s.charCodeAt(p + 1) === 45 ? 3 : 1));
      if (afterBracket && s.charCodeAt(p + 1) !== 45) break;
      continue;
    }
    afterBracket = c === 91;
    if (c === 91) {
      const close = closeBracket(s, p);
      if (close < 0) break;
      const after = s.charCodeAt(close + 1);
      if (close + 1 < s.length && !isSpace(after) && after !== 58) break;
      // Spring Boot pads the thread name with spaces: `[           main]`.
      const inner = s.charCodeAt(p + 1) === 32 ? s.slice(p + 1, close).trim() : s.slice(p + 1, close);
      const asLevel = level === undefined && inner.length > 1 && inner.length < 12 ? normalizeLevel(inner) : undefined;
      if (asLevel !== undefined) level = asLevel;
      else if ((afterTime || level !== undefined) && inner.length > 0) {
        // Spring Boot 3.2 writes `[application] [thread]`: the later bracket is the thread.
        if (thread !== undefined) application = thread;
        thread = inner;
      } else break;
      start = skipSpaces(s, close + (after === 58 ? 2 : 1));
      continue;
    }
    // With neither a time nor a level yet, only a level word (all letters) could go on the header.
    if (!afterTime && level === undefined && !isUpper(c) && !isLower(c)) break;
    const tEnd = scanToken(s, p);
    const last = s.charCodeAt(tEnd - 1);
    const colon = last === 58;
    const wordEnd = colon ? tEnd - 1 : tEnd;
    if (level === undefined && tokenLetters) {
      const found = levelToken(s, p, wordEnd, tEnd, colon, afterTime, pids > 0);
      if (found !== undefined) {
        level = found;
        start = skipSpaces(s, tEnd);
        if (colon) break;
        continue;
      }
    }
    if (!afterTime && level === undefined) break;
    if (afterTime && isDigit(c) && pids < 2 && (level === undefined || colon || s.startsWith(' --- ', tEnd)) && pidToken(s, p, wordEnd)) {
      if (pids === 0) pid = s.slice(p, wordEnd);
      else tid = s.slice(p, wordEnd);
      pids++;
      start = skipSpaces(s, tEnd);
      if (colon) break;
      continue;
    }
    if (logger === undefined && tokenName) {
      const dash = s.charCodeAt(tEnd) === 32 && s.charCodeAt(tEnd + 1) === 45 && isSpace(s.charCodeAt(tEnd + 2));
      const dotted = tokenDotted;
      // Spring Boot pads the logger to a column before ` : `.
      const padded = !colon && dotted && (afterTime || level !== undefined) ? paddedColon(s, tEnd) : -1;
      if ((colon && (level !== undefined || dotted) && isSpace(s.charCodeAt(tEnd))) || (dash && (afterTime || level !== undefined)) || padded > 0) {
        logger = s.slice(p, wordEnd);
        start = skipSpaces(s, padded > 0 ? padded : dash ? tEnd + 2 : tEnd);
        if (dash && level === undefined) continue;
        break;
      }
    }
    break;
  }
  if (pid !== undefined) fields['pid'] = pid;
  if (application !== undefined) fields['application'] = application;
  if (tid !== undefined) fields['tid'] = tid;
  if (thread !== undefined) fields['thread'] = thread;
  if (logger !== undefined) fields['logger'] = logger;
  return withHeader(start >= s.length ? '' : s.slice(start), timestamp, level, fields);
}



/**
 * True when ` host prog[pid]:` follows a numeric timestamp ending at `end`: a host name (not a level word) and a
 * program with its pid in brackets, ending in a colon, after an RFC 3339 time (`T` between date and time). The pid
 * is required: `INFO c.shop.Http:` or `main worker:` would read the same without it. Most lines are rejected by a
 * character read or two, before any pattern.
 */
function hostProgramAt(s: string, end: number): boolean {
  // RFC 3339 writes a `T` between date and time (`2026-01-10T12:00:00Z`): other numeric headers cost one read
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(end) !== 32) return false;
  const hostEnd = s.indexOf(' ', end + 1);
  if (hostEnd < 0) return false;
  let tEnd = s.indexOf(' ', hostEnd + 1);
  if (tEnd < 0) tEnd = s.length;
  if (s.charCodeAt(tEnd - 1) !== 58 || s.charCodeAt(tEnd - 2) !== 93) return false;
  return HOST.test(s.slice(end + 1, hostEnd)) && levelAt(s, end + 1, hostEnd) === undefined && NAME_PID_COLON.test(s.slice(hostEnd + 1, tEnd));
}
const HOST = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const NAME_PID_COLON = /^[A-Za-z][\w./-]*\[\d+\]:$/;

/** Application levels in capitals, the only words read as a level right after a syslog header. */
const APP_LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR', 'FATAL']);

/**
 * True when an application level in capitals starts at `p`, bare or bracketed, followed by a space or a colon: not
 * syslog's own words that read like levels (`logrotate: ALERT exited abnormally` keeps its ALERT).
 */
function appLevelAt(s: string, p: number): boolean {
  const from = s.charCodeAt(p) === 91 ? p + 1 : p;
  let end = from;
  while (end < s.length && isUpper(s.charCodeAt(end))) end++;
  if (end - from < 4 || !APP_LEVELS.has(s.slice(from, end))) return false;
  const next = s.charCodeAt(from === p ? end : end + 1);
  return (from === p || s.charCodeAt(end) === 93) && (next === 32 || next === 58 || Number.isNaN(next));
}

/** After a name: spaces, then `:` and a space (Spring Boot's logger column); returns the index after the colon, or -1. */
function paddedColon(s: string, tEnd: number): number {
  const j = skipSpaces(s, tEnd);
  return j > tEnd && s.charCodeAt(j) === 58 && isSpace(s.charCodeAt(j + 1)) ? j + 1 : -1;
}

/** Python's default `LEVEL:logger:message` (logging.basicConfig); returns where the message starts, or -1. */
function pythonDefault(s: string): number {
  const first = s.indexOf(':');
  if (first < 4 || first > 8) return -1;
  const level = UPPER_LEVELS.get(s.slice(0, first));
  if (level === undefined) return -1;
  const second = s.indexOf(':', first + 1);
  if (second <= first + 1 || second - first > 120) return -1;
  for (let j = first + 1; j < second; j++) if (!isNameChar(s.charCodeAt(j))) return -1;
  pythonLevel = level;
  return second + 1;
}
let pythonLevel: Level | undefined;

/** A level word in header position; mixed-case words need a header-like separator after them. */
function levelToken(s: string, p: number, wordEnd: number, tEnd: number, colon: boolean, afterTime: boolean, afterPid: boolean): Level | undefined {
  const length = wordEnd - p;
  if (length > 11) return undefined;
  if (length === 1) return afterTime && afterPid && !colon ? LETTERS[s[p]!] : undefined;
  const level = levelAt(s, p, wordEnd);
  if (level === undefined) return undefined;
  if (levelWasUpper) return afterTime || colon || s.charCodeAt(tEnd) === 32 ? level : undefined;
  // "Error connecting to db": a capitalized word is a level only in a column (two spaces, comma, colon).
  const next = s.charCodeAt(tEnd);
  return colon || next === 44 || (next === 32 && isSpace(s.charCodeAt(tEnd + 1))) ? level : undefined;
}

/** ` stdout F ` or ` stderr P ` right after a timestamp (the CRI log line layout). */
function isCriStream(s: string, end: number): boolean {
  if (s.charCodeAt(end) !== 32 || s.charCodeAt(end + 7) !== 32 || s.charCodeAt(end + 9) !== 32) return false;
  const tag = s.charCodeAt(end + 8);
  if (tag !== 70 && tag !== 80) return false;
  return s.startsWith('stdout', end + 1) || s.startsWith('stderr', end + 1);
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

