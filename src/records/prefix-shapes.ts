/** Header shapes with their own grammar (syslog, pipes, access logs, klog) and the shared scan helpers. */
import { LETTERS, UPPER_LEVELS as LEVEL_WORDS } from './levels.js';
import { numericTimestamp, scan } from './prefix-time.js';
import type { Level } from './types.js';

export const isSpace = (c: number): boolean => c === 32 || c === 9;
export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Characters of logger, host and program names: letters, digits and `_ $ . - / # @`. */
export const isNameChar = (c: number): boolean =>
  isLower(c) || isUpper(c) || isDigit(c) || c === 95 || c === 36 || c === 46 || c === 45 || c === 47 || c === 35 || c === 64;

/** End of the token at `p` (the next space or tab, or the end). */
export function tokenEnd(s: string, p: number): number {
  let j = p;
  while (j < s.length && !isSpace(s.charCodeAt(j))) j++;
  return j;
}

export function skipSpaces(s: string, p: number): number {
  let j = p;
  while (isSpace(s.charCodeAt(j))) j++;
  return j;
}

/** What {@link detectPrefix} finds, as {@link scanPrefix} gives it: NaN and undefined for what is not there. */
export interface Header {
  message: string;
  /** NaN when there is no timestamp. */
  timestamp: number;
  level: Level | undefined;
  fields: Record<string, string>;
}

/**
 * A new object on every call: storing each line's new strings into one long-lived object instead cost a write
 * barrier per field (the GC must note every reference from an old object to a young one).
 */
export function withHeader(message: string, timestamp: number, level: Level | undefined, fields: Record<string, string>): Header {
  return { message, timestamp, level, fields };
}

export const none = (s: string, fields: Record<string, string>): Header => withHeader(s, Number.NaN, undefined, fields);

/**
 * `host prog[pid]:` after a syslog timestamp; returns where the message starts (`p`, the host kept in the message,
 * when no word ending in a colon follows the host within two words). Besides `prog:` and `prog[pid]:`, a program
 * part of two tokens is read only with a pid, which a message does not carry there: a version (`BezelServices
 * 255.10[94]:`), a parenthesized detail after `prog[pid]` (`sandboxd[129] ([31211]):`), a name of two words (macOS
 * `Microsoft Word[14463]:`) and `-- prog[pid]:`. Without a pid (`syslogd 1.4.1: restart.`) the two words could be the
 * message's own (`upgraded 2.0.1: restart needed`): the host is read and the words stay in the message, so the same
 * statement from two hosts (a baseline's and a canary's) is one template. syslogd's own `last message repeated N
 * times` lines have no program part: their host is read all the same.
 */
export function syslogHeader(s: string, p: number, fields: Record<string, string>): number {
  const hostEnd = tokenEnd(s, p);
  const q = skipSpaces(s, hostEnd);
  // syslogd's own `--- last message repeated 3 times ---` (BSD, macOS) or `last message repeated 3 times`: no program.
  if (s.startsWith(REPEATED, s.charCodeAt(q) === 45 ? q + 4 : q) && (s.charCodeAt(q) !== 45 || s.startsWith('--- ', q))) {
    fields['host'] = s.slice(p, hostEnd);
    return q;
  }
  const firstEnd = tokenEnd(s, q);
  let start = q;
  let nameEnd: number;
  let after: number;
  if (firstEnd - q >= 2 && s.charCodeAt(firstEnd - 1) === 58) {
    nameEnd = firstEnd - 1;
    after = firstEnd;
  } else {
    const r = skipSpaces(s, firstEnd);
    const secondEnd = tokenEnd(s, r);
    if (firstEnd === q || secondEnd - r < 2 || s.charCodeAt(secondEnd - 1) !== 58) return p;
    const first = s.slice(q, firstEnd);
    const second = s.slice(r, secondEnd - 1);
    if (VERSION.test(second) && PROGRAM_WORD.test(first)) nameEnd = secondEnd - 1;
    else if (DETAIL.test(second) && NAME_PID.test(first)) nameEnd = firstEnd;
    else if (NAME_PID.test(second) && PROGRAM_WORD.test(first)) {
      if (first === '--') start = r;
      nameEnd = secondEnd - 1;
    } else {
      // Two words before a colon without a pid: the host is read, and the words stay in the message.
      fields['host'] = s.slice(p, hostEnd);
      return q;
    }
    after = secondEnd;
  }
  if (s.charCodeAt(nameEnd - 1) === 93) {
    // The `[` before the pid (a loop: lastIndexOf is a call into the runtime).
    let open = nameEnd - 2;
    while (open >= 0 && s.charCodeAt(open) !== 91) open--;
    if (open <= start) return p;
    fields['pid'] = s.slice(open + 1, nameEnd - 1);
    nameEnd = open;
  }
  fields['host'] = s.slice(p, hostEnd);
  fields['program'] = s.slice(start, nameEnd);
  return skipSpaces(s, after);
}

const REPEATED = 'last message repeated ';

/** Shapes of a syslog program part of two tokens (see syslogHeader). */
const VERSION = /^\d+(?:\.\d+)+\[\d+\]$/;
const DETAIL = /^\([^\s]*\)$/;
const NAME_PID = /^[A-Za-z][\w.-]*\[\d+\]$/;
const PROGRAM_WORD = /^(?:--|[A-Za-z][\w.-]*)$/;

/** `|component|pid|` after a timestamp (HealthApp-style pipes); returns where the message starts. */
export function pipeHeader(s: string, p: number, fields: Record<string, string>): number {
  const bar = pipeEnd(s, p);
  if (bar < 0) return p + 1;
  fields['component'] = s.slice(p + 1, bar);
  const next = pipeEnd(s, bar);
  if (next < 0) return bar + 1;
  fields['pid'] = s.slice(bar + 1, next);
  return next + 1;
}

/** The `|` closing the part that starts after the `|` at `q` (at most 80 characters on, no space before it), or -1. */
function pipeEnd(s: string, q: number): number {
  const bar = s.indexOf('|', q + 1);
  if (bar < 0 || bar - q > 80) return -1;
  const space = s.indexOf(' ', q + 1);
  return space >= 0 && space < bar ? -1 : bar;
}

/** `client - user [DD/Mon/YYYY:HH:MM:SS +zzzz] "request" ...` (common/combined access logs). */
export function accessLog(s: string, fields: Record<string, string>): Header {
  const ipEnd = tokenEnd(s, 0);
  // An address has a `.` or a `:` (checked first: the search for ` [` may otherwise run to the end of the line).
  if (s.charCodeAt(ipEnd) !== 32 || !hasDotOrColon(s, ipEnd)) return none(s, fields);
  const open = s.indexOf(' [', ipEnd);
  if (open < 0 || open - ipEnd > 80) return none(s, fields);
  const ip = s.slice(0, ipEnd);
  if (!/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]+)$/.test(ip)) return none(s, fields);
  const end = numericTimestamp(s, open + 2);
  if (end < 0 || s.charCodeAt(end) !== 93) return none(s, fields);
  fields['client'] = ip;
  const epoch = scan.epoch;
  let message = s.slice(skipSpaces(s, end + 1));
  // `"GET /path?q=1 HTTP/1.1" 503 ...`: the method and status become fields, and the status gives the
  // level (5xx error, 4xx warn, else info), as access logs have no level of their own. The message is
  // the request without its query string (the signature adds `status=503` from the field). Sizes, referrer,
  // user agent, timings and upstream columns are left out (the raw line keeps them), so one kind of request
  // is one signature, not one per browser.
  const request = /^"([A-Z]{3,10}) ([^"?\s]*)[^"\s]*( [^"]*)?" (\d{3})(?= |$)/.exec(message);
  let level: Level | undefined;
  if (request !== null) {
    fields['method'] = request[1]!;
    fields['status'] = request[4]!;
    const c = request[4]!.charCodeAt(0);
    level = c === 53 ? 'error' : c === 52 ? 'warn' : 'info';
    message = `"${request[1]!} ${request[2]!}${request[3] ?? ''}"`;
  }
  return withHeader(message, epoch, level, fields);
}

function hasDotOrColon(s: string, end: number): boolean {
  for (let j = 0; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c === 46 || c === 58) return true;
  }
  return false;
}

/** klog: `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`. */
export function klog(s: string, fields: Record<string, string>): Header {
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

/** Ruby's Logger: `I, [2024-05-01T10:00:00.123456 #1234]  INFO -- progname: message`; undefined if not one. */
export function rubyLogger(s: string, fields: Record<string, string>): Header | undefined {
  if (s.charCodeAt(1) !== 44 || s.charCodeAt(2) !== 32 || s.charCodeAt(3) !== 91) return undefined;
  const end = numericTimestamp(s, 4);
  if (end < 0 || Number.isNaN(scan.epoch) || s.charCodeAt(end) !== 32 || s.charCodeAt(end + 1) !== 35) return undefined;
  const epoch = scan.epoch;
  const close = s.indexOf(']', end);
  if (close < 0 || close - end > 24) return undefined;
  const levelStart = skipSpaces(s, close + 1);
  const levelEnd = tokenEnd(s, levelStart);
  const level = LEVEL_WORDS.get(s.slice(levelStart, levelEnd));
  if (level === undefined || !s.startsWith(' -- ', levelEnd)) return undefined;
  const colon = s.indexOf(': ', levelEnd + 4);
  fields['pid'] = s.slice(end + 2, close);
  let message = levelEnd + 4;
  if (colon >= 0 && colon - message < 120 && !s.slice(message, colon).includes(' ')) {
    if (colon > message) fields['program'] = s.slice(message, colon);
    message = colon + 2;
  }
  return withHeader(s.slice(message), epoch, level, fields);
}
