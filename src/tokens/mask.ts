import { isDigit, isFieldDelimiter, isHexLetter, isInnerDelimiter, isLetter, isUpper } from './chars.js';
import { hexPairRun, ipv6Run, isDomainName } from './addresses.js';
import { MemoGate } from './memo-gate.js';
import { own } from './own.js';
import { WILDCARD } from './types.js';

/**
 * Masks the variable parts of one whitespace-free token, following the loghub ground-truth
 * conventions: `10.251.73.220:50010` -> `<*>:<*>`, `blk_-123` -> `<*>`, `uid=0` -> `uid=<*>`,
 * `node-129` -> `node-<*>`, `/var/log/x` -> `<*>`, `true` -> `<*>`. Returns the token itself
 * (the same string, no copy) when nothing in it is variable, which is the common case.
 *
 * @example
 * ```ts
 * maskToken('10.251.73.220:50010'); // '<*>:<*>'
 * maskToken('(uid=0)');             // '(uid=<*>)'
 * maskToken('ssh2');                // 'ssh2'
 * ```
 */
export function maskToken(token: string): string {
  if (isPlainToken(token, 0, token.length)) return token;
  return maskVariableToken(token);
}

// Masks of recent variable tokens: `uid=0`, ports, small numbers and addresses repeat a lot.
// Bounded: cleared when full, so memory stays flat on any input.
const recent = new Map<string, string>();
const RECENT_MAX = 8192;

// Long tokens (13+ characters: ids, UUIDs, URLs) are copied to be kept (see own), which only pays when they
// repeat. In logs whose every line carries fresh ids they never do: after a window of 4096 long tokens with
// fewer than one in sixteen found, long tokens are neither looked up nor kept for the next 32k.
const LONG = 13;
const longGate = new MemoGate(4096, 4096 / 16, 1, 8 * 4096);

/** {@link maskToken} for a token already known not to be plain (the scanner checked it). */
export function maskVariableToken(token: string): string {
  if (isNumberLike(token)) return WILDCARD;
  if (isPinnedStatus(token)) return token;
  const long = token.length >= LONG;
  if (long && longGate.skip()) return maskSlow(token);
  let masked = recent.get(token);
  if (long) longGate.record(masked !== undefined);
  if (masked === undefined) {
    // Key and mask may be slices of a larger string (a read buffer's 8 KiB piece) that they would keep
    // alive for as long as they are cached, and in templates after that: cache copies of their own.
    masked = own(maskSlow(token));
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(own(token), masked);
  }
  return masked;
}

const STATUS_KEY = /^(?:[\w-]+\.)*(?:status|status_?code|http_?status|response_?code)=[1-5]\d\d$/i;

/**
 * `status=503`, `http.response.status_code=404`: an HTTP status given as an outcome field is part of what
 * happened, not a value of it, so it stays a constant (the masks keep it and templates never generalize it):
 * a request that fails is another event than the same request succeeding.
 */
export function isPinnedStatus(token: string): boolean {
  return token.length >= 4 && token.length <= 64 && token.charCodeAt(token.length - 4) === 61 && STATUS_KEY.test(token);
}

/** Digits and dots only, starting with a digit (`67108864`, `0.25`, `10.251.73.220`): one variable. */
function isNumberLike(t: string): boolean {
  if (!isDigit(t.charCodeAt(0))) return false;
  for (let i = 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!isDigit(c) && !(c === 46 && i < t.length - 1)) return false;
  }
  return true;
}

/**
 * The fast path of {@link maskToken} on `text[from, to)`, without slicing: true when the token has
 * no digit, no slash, no dotted name, no long hex run and no boolean-like word, so it is constant.
 */
export function isPlainToken(text: string, from: number, to: number): boolean {
  let hexRun = 0;
  let maxHexRun = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || c === 47 || c === 92) return false;
    if (c === 46 && i + 1 < to && isLetter(text.charCodeAt(i + 1))) return false;
    if (isHexLetter(c)) {
      hexRun++;
      if (hexRun > maxHexRun) maxHexRun = hexRun;
    } else hexRun = 0;
  }
  return maxHexRun < 8 && (to - from < 4 || !hasBooleanWord(text, from, to));
}

/** True when `t[from, to)` holds `true`, `false` or `null` (any case) somewhere; checked without a regex. */
function hasBooleanWord(t: string, from: number, to: number): boolean {
  for (let i = from; i + 3 < to; i++) {
    const c = t.charCodeAt(i) | 32;
    if (c === 116 && eqLower(t, i + 1, 'rue')) return true;
    if (c === 110 && eqLower(t, i + 1, 'ull')) return true;
    if (c === 102 && i + 4 < to && eqLower(t, i + 1, 'alse')) return true;
    if (c === 114 && eqLower(t, i + 1, 'oot')) return true;
    if (c === 97 && i + 4 < to && eqLower(t, i + 1, 'dmin')) return true;
  }
  return false;
}

function eqLower(t: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((t.charCodeAt(at + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

function maskSlow(token: string): string {
  // Most tokens have no colon: one search for a character is cheaper than one for `://`.
  const colon = token.indexOf(':');
  const url = colon < 0 ? -1 : token.indexOf('://', colon);
  if (url > 0) return maskUrl(token, url);
  const whole = wholeValueEnd(token);
  if (whole > 0) return WILDCARD + token.slice(whole);
  let out = '';
  let start = 0;
  const n = token.length;
  // MAC and IPv6 addresses have colons between their groups: in a token without a colon, no field starts one.
  const addresses = colon >= 0;
  for (let i = 0; i <= n; i++) {
    if (addresses && i === start && i < n) {
      const mac = hexPairRun(token, i) || ipv6Run(token, i);
      if (mac > 0) {
        out += WILDCARD;
        i += mac - 1;
        start = i + 1;
        continue;
      }
    }
    const c = i < n ? token.charCodeAt(i) : -1;
    if (c === -1 || isFieldDelimiter(c)) {
      if (i > start) {
        const field = token.slice(start, i);
        // `cmp=com.android.systemui`: a qualified name given as a key's value is that key's value.
        out += start > 0 && token.charCodeAt(start - 1) === 61 && isQualifiedName(field) ? WILDCARD : maskField(field);
      }
      // `<memory:1024>`: the closing `>` of a bracketed value is written as part of its variable.
      if (c !== -1 && !(c === 62 && out.endsWith(WILDCARD))) out += token[i];
      start = i + 1;
    }
  }
  // `key=7007##548365##8661`: the value of a key is one variable even when `#` runs split it.
  return out.includes('=<*>#') ? out.replace(/=<\*>#+<\*>(#+<\*>)*/g, '=' + WILDCARD) : out;
}

/**
 * Tokens that are one value as a whole, before any splitting: a Windows path (`C:\\dir\\file`)
 * or an email address. Returns where the value ends (trailing punctuation stays), or 0.
 */
function wholeValueEnd(token: string): number {
  let end = token.length;
  while (end > 0 && isTrailingPunctuation(token.charCodeAt(end - 1))) end--;
  if (end > 3 && isLetter(token.charCodeAt(0)) && token.charCodeAt(1) === 58 && token.charCodeAt(2) === 92) return end;
  const at = token.indexOf('@');
  if (at > 0 && at < end - 1 && isDomainName(token.slice(at + 1, end))) {
    for (let i = 0; i < at; i++) if (isFieldDelimiter(token.charCodeAt(i))) return 0;
    return end;
  }
  return 0;
}

/** `scheme://host:port` keeps host and port as separate variables; a URL with a path is one variable. */
function maskUrl(token: string, at: number): string {
  let end = token.length;
  // A URL ends before a colon as before a period: `x-coredata://DB05/p11: scheduler ...`.
  while (end > at + 3 && (isTrailingPunctuation(token.charCodeAt(end - 1)) || token.charCodeAt(end - 1) === 58)) end--;
  const rest = token.slice(at + 3, end);
  let hasDigit = false;
  for (let i = 0; i < rest.length; i++) if (isDigit(rest.charCodeAt(i))) hasDigit = true;
  if (!hasDigit) return token;
  const head = token.slice(0, at + 3);
  const tail = token.slice(end);
  if (rest.indexOf('/') >= 0) return head + WILDCARD + tail;
  return head + maskSlow(rest) + tail;
}

function isTrailingPunctuation(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 41 || c === 93 || c === 125 || c === 34 || c === 39;
}

function maskField(field: string): string {
  if (isNumberLike(field)) return WILDCARD;
  if (isPlainToken(field, 0, field.length)) return field;
  const c0 = field.charCodeAt(0);
  if (c0 === 47 && isPathLike(field)) return WILDCARD;
  if (isLetter(c0) && field.length > 2 && field.charCodeAt(1) === 58 && field.charCodeAt(2) === 92) return WILDCARD;
  if (c0 === 92 && field.length > 1) return WILDCARD; // a Windows path without its drive
  let out = '';
  let start = 0;
  const n = field.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? field.charCodeAt(i) : -1;
    const dotRun = c === 46 && i + 1 < n && field.charCodeAt(i + 1) === 46;
    if (c === -1 || isInnerDelimiter(c) || dotRun) {
      if (i > start) out += maskPiece(field.slice(start, i));
      if (c === -1) break;
      let j = i + 1;
      if (dotRun) while (j < n && field.charCodeAt(j) === 46) j++;
      out += field.slice(i, j);
      start = j;
      i = j - 1;
    }
  }
  return out;
}

/** `(/[^/]+)+`: an absolute path without empty segments (the loghub "path-like string" rule). */
function isPathLike(field: string): boolean {
  if (field.length < 2) return false;
  let prevSlash = false;
  for (let i = 0; i < field.length; i++) {
    const slash = field.charCodeAt(i) === 47;
    if (slash && prevSlash) return false;
    prevSlash = slash;
  }
  return !prevSlash || (field.length > 2 && field.charCodeAt(field.length - 2) !== 47);
}

function maskPiece(piece: string): string {
  let end = piece.length;
  while (end > 0 && (piece.charCodeAt(end - 1) === 46 || piece.charCodeAt(end - 1) === 45)) end--;
  if (end === 0) return piece;
  const core = end === piece.length ? piece : piece.slice(0, end);
  if (!isVariableWord(core)) return piece;
  return renderVariable(core) + piece.slice(end);
}

/**
 * A word is variable when it is a boolean or null, a long hex run, or when one of its parts
 * (split on `.`, `-`, `_`, `+`) holds a digit, except short names like `ssh2`, `eth0`, `HttpServer2`.
 */
export function isVariableWord(word: string): boolean {
  const n = word.length;
  // Booleans, null, and the user names `root` and `admin` (the loghub "user string" convention).
  if (n === 4 && (eqLower(word, 0, 'true') || eqLower(word, 0, 'null') || eqLower(word, 0, 'root'))) return true;
  if (n === 5 && (eqLower(word, 0, 'false') || eqLower(word, 0, 'admin'))) return true;
  let partStart = 0;
  let hexOnly = true;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? word.charCodeAt(i) : -1;
    if (c === -1 || c === 46 || c === 45 || c === 43 || c === 95) {
      if (i > partStart && isVariablePart(word, partStart, i, partStart > 0 && word.charCodeAt(partStart - 1) === 95)) return true;
      partStart = i + 1;
    } else if (!(isDigit(c) || isHexLetter(c))) hexOnly = false;
  }
  return (hexOnly && n >= 8) || isDomainName(word);
}

function isVariablePart(w: string, from: number, to: number, afterUnderscore: boolean): boolean {
  let digits = 0;
  let firstDigit = -1;
  for (let i = from; i < to; i++) {
    if (isDigit(w.charCodeAt(i))) {
      digits++;
      if (firstDigit < 0) firstDigit = i;
    }
  }
  if (digits === 0) {
    if (to - from < 8) return false;
    for (let i = from; i < to; i++) if (!isHexLetter(w.charCodeAt(i))) return false;
    return true;
  }
  // A name ending in one digit (`ssh2`, `eth0`, `L3`, `HttpServer2`) is usually a constant;
  // an all-capitals run of three or more letters before it (`FNANLI5`) looks like an identifier.
  // An acronym with a short number (`NAT64`, `IPV6`, `CI46`, `X11`) names a thing.
  if (digits <= 2 && firstDigit > from && to - firstDigit === digits && firstDigit - from <= 4 && firstDigit - from >= 1) {
    let caps = true;
    for (let i = from; i < firstDigit; i++) if (!isUpper(w.charCodeAt(i))) caps = false;
    if (caps && (firstDigit - from >= 2 || digits === 1) && !afterUnderscore) return false;
  }
  if (digits === 1 && firstDigit === to - 1 && firstDigit > from) {
    let upper = 0;
    for (let i = from; i < firstDigit; i++) {
      const c = w.charCodeAt(i);
      if (!isLetter(c)) return true;
      if (isUpper(c)) upper++;
    }
    const letters = firstDigit - from;
    // `Thunderbird_A8`: a one-letter code after an underscore is a generated name.
    if (letters === 1 && afterUnderscore) return true;
    return letters >= 6 && upper === letters;
  }
  return true;
}

function renderVariable(core: string): string {
  // `core.2275`, `touch.0`: a name, one dot, a number.
  const dot = core.indexOf('.');
  if (dot > 1 && core.indexOf('.', dot + 1) < 0 && core.indexOf('-') < 0 && isAllDigits(core, dot + 1)) {
    let letters = true;
    for (let i = 0; i < dot; i++) if (!isLetter(core.charCodeAt(i))) letters = false;
    if (letters) return core.slice(0, dot + 1) + WILDCARD;
  }
  const dash = core.indexOf('-');
  if (dash > 1 && core.indexOf('-', dash + 1) < 0 && dash < core.length - 1) {
    let letters = true;
    for (let i = 0; i < dash; i++) if (!isLetter(core.charCodeAt(i))) letters = false;
    if (letters && !isVariableWord(core.slice(0, dash))) return core.slice(0, dash + 1) + WILDCARD;
  }
  if (dash > 0 && allDigitsBetweenDashes(core)) return core.split('-').map(() => WILDCARD).join('-');
  return WILDCARD;
}

function isAllDigits(s: string, from: number): boolean {
  if (from >= s.length) return false;
  for (let i = from; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function allDigitsBetweenDashes(core: string): boolean {
  let run = 0;
  for (let i = 0; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (c === 45) {
      if (run === 0) return false;
      run = 0;
    } else if (isDigit(c)) run++;
    else return false;
  }
  return run > 0;
}

/** `com.tencent.mobileqq`, `android.intent.action.MAIN`, `pkg/.Activity`: three or more dotted labels. */
function isQualifiedName(field: string): boolean {
  let dots = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 46) {
      if (i === 0 || i === field.length - 1 || field.charCodeAt(i - 1) === 46) return false;
      if (field.charCodeAt(i - 1) === 47) continue; // `pkg/.Activity`
      dots++;
    } else if (!(isLetter(c) || isDigit(c) || c === 95 || c === 36 || c === 47)) return false;
  }
  return dots >= 2;
}
