import { maskVariableToken } from './mask.js';
import { WILDCARD } from './types.js';
import { joinSpans } from './spans.js';

/** Month names packed as three char codes, to test a token without slicing it. */
const MONTHS = new Set(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(
    (m) => (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2),
  ),
);

/**
 * The miner's hot path: one pass over a message's char codes that finds the tokens, masks the
 * variable ones and hashes the masked shape, without slicing constant tokens or building a key
 * string. Buffers are reused from line to line. When a message needs the general path (a
 * multi-token variable, too many tokens) `general` is set and the caller uses `scanMessage`.
 */
export class LineScanner {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** Masked form of token i, or undefined when the token is constant (its text is its mask). */
  masked: Array<string | undefined> = [];
  count = 0;
  /** 53-bit hash of the masked token sequence. */
  hash = 0;
  general = false;
  text = '';

  scan(message: string, maxTokens: number, inline = true): void {
    this.text = message;
    this.count = 0;
    this.general = false;
    let h1 = 0x811c9dc5;
    let h2 = 0x2545f491;
    // hash state before the last stored token, so an `HTTP/1.1` joined into it can rehash it
    let lastS1 = h1;
    let lastS2 = h2;
    let tokens = 0;
    let joined = false;
    const n = message.length;
    let i = 0;
    while (i < n) {
      let c = message.charCodeAt(i);
      if (c <= 32) {
        i++;
        continue;
      }
      let start = i;
      let s1 = h1;
      let s2 = h2;
      // One pass per token: hash it as if constant and watch for anything that makes it variable
      // (a digit, a slash, a dotted name, a long hex run, a boolean word); the hash is redone from
      // the masked text only for those.
      let plain = true;
      let numeric = c >= 48 && c <= 57;
      let hexRun = 0;
      let last4 = 0;
      let prev = 0;
      while (true) {
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        if (numeric && !((c >= 48 && c <= 57) || c === 46)) numeric = false;
        if (plain) {
          if ((c >= 48 && c <= 57) || c === 47 || c === 92) plain = false;
          else {
            const low = c | 32;
            if (prev === 46 && low >= 97 && low <= 122) plain = false;
            if ((low >= 97 && low <= 102) && c !== 32) {
              if (++hexRun >= 8) plain = false;
            } else hexRun = 0;
            const before = last4 >>> 24;
            // Compared on every character, not only after `alse`/`dmin`: a comparison first met in optimized code
            // (the first `false` of a log) would throw that code away.
            const afterF = before === 0x66;
            const afterA = before === 0x61;
            last4 = (last4 << 8) | (low & 0xff);
            // true, null, false, root, admin (see isVariableWord)
            if (
              last4 === 0x74727565 ||
              last4 === 0x6e756c6c ||
              last4 === 0x726f6f74 ||
              (last4 === 0x616c7365 && afterF) ||
              (last4 === 0x646d696e && afterA)
            )
              plain = false;
          }
        }
        prev = c;
        if (++i >= n) break;
        c = message.charCodeAt(i);
        if (c <= 32) break;
      }
      let k = this.count;
      if (tokens++ === maxTokens - 1 && i < n && !isBlankFrom(message, i)) {
        this.general = true;
        return;
      }
      let mask: string | undefined;
      if (inline && k > 0 && isHttpVersion(message, start, i)) {
        // `"GET /x HTTP/1.1"`: the version joins the URL's variable (as joinSpans does), here without
        // leaving the fast path (access logs have one on every line): the previous token is stored again,
        // extended, with the version's trailing punctuation added to its mask.
        const before = this.masked[k - 1] ?? message.slice(this.starts[k - 1]!, this.ends[k - 1]!);
        if (before.endsWith(WILDCARD)) {
          let end = i;
          while (end > start + 5 && !isDigitCode(message.charCodeAt(end - 1))) end--;
          mask = end === i ? before : before + message.slice(end, i);
          k--;
          start = this.starts[k]!;
          s1 = lastS1;
          s2 = lastS2;
          joined = true;
        }
        // not after a variable: nothing to join, as joinSpans would find
      } else if (mayStartSpan(message, start, i, !inline)) this.general = true;
      if (k === this.starts.length) this.grow();
      this.starts[k] = start;
      this.ends[k] = i;
      this.count = k + 1;
      lastS1 = s1;
      lastS2 = s2;
      // `67108864`, `10.251.73.220`: digits and dots are one variable, no need to slice it.
      if (mask === undefined && !plain) mask = numeric && prev !== 46 ? WILDCARD : maskVariableToken(message.slice(start, i));
      if (mask !== undefined) {
        h1 = s1;
        h2 = s2;
        for (let j = 0; j < mask.length; j++) {
          const m = mask.charCodeAt(j);
          h1 = Math.imul(h1 ^ m, 0x01000193);
          h2 = Math.imul(h2 ^ m, 0x5bd1e995);
        }
      }
      this.masked[k] = mask;
      h1 = Math.imul(h1 ^ 0xff, 0x01000193);
      h2 = Math.imul(h2 ^ 0xff, 0x5bd1e995);
    }
    this.hash = (h1 >>> 0) * 2097152 + (h2 >>> 11);
    if (this.general) {
      // A date or a bound spans tokens too: joinSpans takes all spans in one pass, in order, from the raw tokens.
      if (joined) this.scan(message, maxTokens, false);
      else this.joinSpans();
    }
  }

  /** Joins multi-token variables in place (see joinSpans), keeping offsets, and rehashes. */
  private joinSpans(): void {
    const raw = this.rawTokens();
    const masked = this.maskedTokens();
    const groups: number[] = [];
    if (!joinSpans(raw, masked, groups)) {
      this.general = false;
      return;
    }
    const starts = this.starts.slice(0, this.count);
    const ends = this.ends.slice(0, this.count);
    const before = this.masked.slice(0, this.count);
    for (let w = 0; w < raw.length; w++) {
      const from = groups[2 * w]!;
      const take = groups[2 * w + 1]!;
      this.starts[w] = starts[from]!;
      this.ends[w] = ends[from + take - 1]!;
      this.masked[w] = take === 1 && masked[w] === before[from] ? before[from] : masked[w];
    }
    this.count = raw.length;
    this.hash = hashMasked(masked);
    this.general = false;
  }

  /** True when the scanned tokens' masks equal `tokens` exactly (guards against hash collisions). */
  sameShape(tokens: readonly string[]): boolean {
    if (tokens.length !== this.count) return false;
    const text = this.text;
    for (let k = 0; k < this.count; k++) {
      const m = this.masked[k];
      const t = tokens[k]!;
      if (m !== undefined) {
        if (m !== t) return false;
        continue;
      }
      const s = this.starts[k]!;
      const len = this.ends[k]! - s;
      if (t.length !== len) return false;
      for (let j = 0; j < len; j++) if (t.charCodeAt(j) !== text.charCodeAt(s + j)) return false;
    }
    return true;
  }

  raw(k: number): string {
    return this.text.slice(this.starts[k], this.ends[k]);
  }

  rawTokens(): string[] {
    const out: string[] = []; // filled by push: a packed array, as every token list is (see ownAll)
    for (let k = 0; k < this.count; k++) out.push(this.raw(k));
    return out;
  }

  maskedTokens(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.masked[k] ?? this.raw(k));
    return out;
  }

  private grow(): void {
    const s = new Int32Array(this.starts.length * 2);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(this.ends.length * 2);
    e.set(this.ends);
    this.ends = e;
  }
}

/** Tokens that may begin a multi-token variable (see joinSpans): month names, `<1`, and `HTTP/1.1` when asked. */
function mayStartSpan(text: string, from: number, to: number, http: boolean): boolean {
  const c = text.charCodeAt(from);
  const len = to - from;
  // (a three-character bound such as `<5s` goes on to the bound check: not only months have three characters)
  if (len === 3 && MONTHS.has((c << 16) | (text.charCodeAt(from + 1) << 8) | text.charCodeAt(from + 2))) return true;
  if (c === 60) return len >= 2 && text.charCodeAt(from + 1) >= 48 && text.charCodeAt(from + 1) <= 57;
  return http && c === 72 && len >= 6 && text.startsWith('HTTP/', from);
}

/** `HTTP/` and a digit: the token joinSpans joins into a URL's variable before it. */
function isHttpVersion(text: string, from: number, to: number): boolean {
  return to - from >= 6 && text.charCodeAt(from) === 72 && text.startsWith('HTTP/', from) && isDigitCode(text.charCodeAt(from + 5));
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The same 53-bit hash as {@link LineScanner}, over already masked tokens (the general path). */
export function hashMasked(tokens: readonly string[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  for (const t of tokens) {
    for (let j = 0; j < t.length; j++) {
      const c = t.charCodeAt(j);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0xff, 0x01000193);
    h2 = Math.imul(h2 ^ 0xff, 0x5bd1e995);
  }
  return (h1 >>> 0) * 2097152 + (h2 >>> 11);
}

function isBlankFrom(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) if (text.charCodeAt(i) > 32) return false;
  return true;
}
