import { tokenize } from '../tokens/tokenize.js';
import { WILDCARD } from '../tokens/types.js';

/**
 * True when `line` is an instance of `template`: each `<*>` stands for any text (possibly empty)
 * and runs of whitespace in the line count as one space, the way templates are rendered.
 *
 * @example
 * ```ts
 * templateMatches('Failed password for <*> from <*> port <*> ssh2', 'Failed password for root from 10.0.0.1 port 22 ssh2'); // true
 * templateMatches('session closed for user <*>', 'session opened for user root'); // false
 * ```
 */
export function templateMatches(template: string, line: string): boolean {
  return globCapture(template, tokenize(line).join(' ')) !== undefined;
}

/**
 * Matches `text` against a template whose `<*>` are wildcards and returns the text each one
 * covered, or undefined. With `*`-only patterns the leftmost match of every literal piece is
 * always a valid choice, so one left-to-right pass decides it (no backtracking, no regex).
 */
export function globCapture(template: string, text: string): string[] | undefined {
  return capturePieces(template.split(WILDCARD), text);
}

/**
 * True when every text matching `specific` also matches `general` (both may hold `<*>`): the
 * general token matches the specific one with each of the specific token's `<*>` falling inside
 * one of the general token's variables. (Leftmost matching makes this a safe under-approximation.)
 */
export function covers(general: string, specific: string): boolean {
  const parts = general.split(WILDCARD);
  const spans: number[] = [];
  if (capturePieces(parts, specific, spans) === undefined) return false;
  for (let at = specific.indexOf(WILDCARD); at >= 0; at = specific.indexOf(WILDCARD, at + 1)) {
    let inside = false;
    for (let k = 0; k < spans.length; k += 2) if (spans[k]! <= at && at + WILDCARD.length <= spans[k + 1]!) inside = true;
    if (!inside) return false;
  }
  return true;
}

/** {@link globCapture} with the template already split on `<*>`; `spans` receives start/end pairs. */
export function capturePieces(parts: readonly string[], text: string, spans?: number[]): string[] | undefined {
  const first = parts[0]!;
  if (!text.startsWith(first)) return undefined;
  if (parts.length === 1) return text.length === first.length ? [] : undefined;
  const last = parts[parts.length - 1]!;
  const endLimit = text.length - last.length;
  if (endLimit < first.length || !text.endsWith(last)) return undefined;
  const captures: string[] = [];
  let pos = first.length;
  for (let k = 1; k < parts.length - 1; k++) {
    const piece = parts[k]!;
    const at = text.indexOf(piece, pos);
    if (at < 0 || at + piece.length > endLimit) return undefined;
    captures.push(text.slice(pos, at));
    spans?.push(pos, at);
    pos = at + piece.length;
  }
  captures.push(text.slice(pos, endLimit));
  spans?.push(pos, endLimit);
  return captures;
}

/** Extra tokens a quoted slot may cover (its quotes bound the value, so it may take more than a wide `<*>`). */
export const QUOTED_SPAN = 16;

/**
 * A template token whose variable is a whole quoted string (`"<*>"`, `tag="<*>",`, `'<*>'`): exactly two double
 * (or single) quotes, with only the `<*>` between them. Such a slot may cover a quoted value of several words
 * (`tag="View Lock",`).
 */
export function isQuotedSlot(token: string): boolean {
  return quoteOf(token) !== undefined;
}

/** The quote character of a quoted slot (see {@link isQuotedSlot}), or undefined. */
function quoteOf(token: string): string | undefined {
  if (token.length < 5 || !token.includes(WILDCARD)) return undefined; // most tokens: one scan
  for (const q of QUOTES) {
    const open = token.indexOf(q);
    if (open >= 0 && token.startsWith(WILDCARD, open + 1) && token.charAt(open + 4) === q && token.indexOf(q, open + 5) < 0) return q;
  }
  return undefined;
}
const QUOTES = ['"', "'"];

/**
 * Token-level fit: template tokens against a line's masked tokens, where a whole `<*>` token
 * covers one or more tokens (at most `maxSpan` extra; only when `wide`), a quoted slot (see
 * {@link isQuotedSlot}) covers a quoted value of one or more tokens (at most {@link QUOTED_SPAN} extra),
 * and every other token must be equal.
 * Returns the number of line tokens each template token covered, or undefined.
 */
export function fitTokens(template: readonly string[], line: readonly string[], maxSpan: number, wide = true): number[] | undefined {
  const extra = line.length - template.length;
  if (extra < 0) return undefined;
  // Cheap rejections before any allocation: the first and last tokens must agree.
  const t0 = template[0]!;
  if (t0 !== WILDCARD && t0 !== line[0] && !isQuotedSlot(t0)) return undefined;
  const tn = template[template.length - 1]!;
  if (extra > 0 && tn !== WILDCARD && tn !== line[line.length - 1] && !isQuotedSlot(tn)) return undefined;
  const spans = new Array<number>(template.length).fill(1);
  if (extra === 0) {
    for (let i = 0; i < template.length; i++) {
      if (template[i] !== WILDCARD && template[i] !== line[i]) return undefined;
    }
    return spans;
  }
  return fitRec(template, line, 0, 0, extra, maxSpan, wide, spans, failedStates((template.length + 1) * (line.length + 1))) ? spans : undefined;
}

const NEGATIONS = new Set(['not', 'no', 'never', 'none', 'nothing', 'nobody', 'neither', 'nor', 'cannot', 'without']);

/**
 * A word that negates the statement (`not`, `never`, `cannot`, `couldn't`...), punctuation around it aside. A wide
 * variable never covers one: `Order <*> placed` must not take `Order 7 not placed`, its opposite.
 */
export function isNegation(token: string): boolean {
  if (token.length < 2 || token.length > 12) return false;
  const word = token.toLowerCase().replace(/^[^a-z']+|[^a-z']+$/g, '');
  return NEGATIONS.has(word) || (word.length > 3 && word.endsWith("n't"));
}

/** Largest table of failed states kept for reuse (bytes); a larger fit gets a table of its own. */
const MAX_REUSED_STATES = 1 << 16;
let reusedStates = new Uint8Array(1024);

/**
 * A cleared table of `size` fit states. Allocating a typed array is a runtime call that cost more than most fits,
 * so one table is reused: fitTokens runs to its end before it is called again (nothing in a fit calls it back).
 */
function failedStates(size: number): Uint8Array {
  if (size > MAX_REUSED_STATES) return new Uint8Array(size);
  if (reusedStates.length < size) reusedStates = new Uint8Array(Math.min(MAX_REUSED_STATES, Math.max(size, reusedStates.length * 2)));
  reusedStates.fill(0, 0, size);
  return reusedStates;
}

function fitRec(
  t: readonly string[],
  l: readonly string[],
  ti: number,
  li: number,
  extra: number,
  maxSpan: number,
  wide: boolean,
  spans: number[],
  failed: Uint8Array,
): boolean {
  // A state (ti, li) fixes how many extra tokens remain, so a failed state never succeeds later.
  const state = ti * (l.length + 1) + li;
  if (failed[state] === 1) return false;
  for (; ti < t.length; ti++, li++) {
    const tok = t[ti]!;
    if (tok === WILDCARD) {
      // Try the shortest span first; extra tokens go to the first wildcard that can take them.
      // A wide variable needs a constant after it (else any longer message would fit) and covers
      // words only: a token that is itself a variable means a different message shape.
      const limit = !wide || ti === t.length - 1 ? 0 : Math.min(extra, maxSpan);
      for (let take = 0; take <= limit; take++) {
        if (take > 0 && (l[li + take]!.includes(WILDCARD) || isNegation(l[li + take]!))) break;
        spans[ti] = 1 + take;
        if (fitRec(t, l, ti + 1, li + 1 + take, extra - take, maxSpan, wide, spans, failed)) return true;
      }
      spans[ti] = 1;
      failed[state] = 1;
      return false;
    }
    if (tok === l[li]) continue;
    if (isQuotedSlot(tok)) {
      // The quotes bound the value, so it may end the line and hold variables of its own.
      const limit = Math.min(extra, QUOTED_SPAN);
      for (let take = 0; take <= limit; take++) {
        if (!quotedValue(tok, l, li, take)) continue;
        spans[ti] = 1 + take;
        if (fitRec(t, l, ti + 1, li + 1 + take, extra - take, maxSpan, wide, spans, failed)) return true;
      }
      spans[ti] = 1;
    }
    failed[state] = 1;
    return false;
  }
  return extra === 0 && li === l.length;
}

/** True when line tokens `from .. from + take` are one quoted value that the quoted slot `slot` covers. */
function quotedValue(slot: string, l: readonly string[], from: number, take: number): boolean {
  if (take === 0) return covers(slot, l[from]!);
  const q = quoteOf(slot)!;
  const first = l[from]!;
  const last = l[from + take]!;
  // The opening quote in the first token, the closing one in the last, none between (an apostrophe in a word
  // between single quotes ends the match: `'it isn't'` is left alone).
  if (!first.includes(q) || !last.includes(q)) return false;
  for (let k = from + 1; k < from + take; k++) if (l[k]!.includes(q)) return false;
  if (first.indexOf(q) !== first.lastIndexOf(q) || last.indexOf(q) !== last.lastIndexOf(q)) return false;
  return covers(slot, l.slice(from, from + take + 1).join(' '));
}
