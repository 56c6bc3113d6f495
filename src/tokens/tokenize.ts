import { isSpace } from './chars.js';
import { maskToken } from './mask.js';
import { wholeMatch } from './masks.js';
import { joinSpans } from './spans.js';
import { WILDCARD, type Mask } from './types.js';

/**
 * Splits a message into whitespace-separated tokens in one pass over its char codes
 * (space, tab, CR, LF and other control characters separate tokens).
 *
 * @example
 * ```ts
 * tokenize('Failed password for root  from 10.0.0.1'); // ['Failed', 'password', 'for', 'root', 'from', '10.0.0.1']
 * ```
 */
export function tokenize(message: string, maxTokens = Infinity): string[] {
  const out: string[] = [];
  const n = message.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (isSpace(message.charCodeAt(i))) {
      if (start >= 0) {
        if (out.length === maxTokens - 1) return pushTail(out, message, start);
        out.push(message.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(message.slice(start));
  return out;
}

/**
 * Past the token cap, the rest of the message becomes one last token: its tokens joined by one space (split as
 * tokens are, on spaces and control characters, so none is left inside it).
 */
function pushTail(out: string[], message: string, start: number): string[] {
  const rest: string[] = [];
  let from = -1;
  for (let i = start; i <= message.length; i++) {
    if (i === message.length || isSpace(message.charCodeAt(i))) {
      if (from >= 0) rest.push(message.slice(from, i));
      from = -1;
    } else if (from < 0) from = i;
  }
  out.push(rest.join(' '));
  return out;
}

/**
 * Masks every token: user masks first (a match makes the whole token `<*>`), then the built-in
 * one-pass scanner ({@link maskToken}). Returns a new array; constant tokens are the same strings.
 *
 * @example
 * ```ts
 * maskTokens(['Received', 'block', 'blk_-42', 'of', 'size', '67108864']);
 * // ['Received', 'block', '<*>', 'of', 'size', '<*>']
 * ```
 */
export function maskTokens(tokens: readonly string[], masks: readonly Mask[] = []): string[] {
  const out: string[] = []; // filled by push: a packed array, as every token list is (see ownAll)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out.push(masks.length > 0 && matchesAnyMask(t, masks) ? WILDCARD : maskToken(t));
  }
  return out;
}

/**
 * Tokenizes and masks a message: returns the raw tokens and their masked forms, aligned, with
 * variables that span several tokens (a ctime date, `URL HTTP/1.1`, `<1 sec`) joined into one.
 *
 * @example
 * ```ts
 * scanMessage('connection from 1.2.3.4 at Fri Jun 17 07:07:00 2005').masked;
 * // ['connection', 'from', '<*>', 'at', '<*>:<*>:<*>']
 * ```
 */
export function scanMessage(message: string, masks: readonly Mask[] = [], maxTokens = Infinity): { raw: string[]; masked: string[] } {
  const raw = tokenize(message, maxTokens);
  const masked = maskTokens(raw, masks);
  // Past the token cap the rest of the message is one token; it is one variable, never a constant.
  if (raw.length === maxTokens && raw[maxTokens - 1]!.includes(' ')) masked[maxTokens - 1] = WILDCARD;
  let maybeSpan = false;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const c = t.charCodeAt(0);
    if (t.length === 3 || c === 60 /* < */ || (c === 72 /* H */ && t.length >= 6)) {
      maybeSpan = true;
      break;
    }
  }
  if (maybeSpan) joinSpans(raw, masked);
  return { raw, masked };
}

function matchesAnyMask(token: string, masks: readonly Mask[]): boolean {
  for (const m of masks) {
    if ('test' in m ? m.test(token) : wholeMatch(m.pattern, token)) return true;
  }
  return false;
}
