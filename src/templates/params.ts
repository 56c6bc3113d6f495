import { WILDCARD } from '../tokens/types.js';
import { capturePieces, covers, fitTokens, globCapture, isQuotedSlot } from './glob.js';
import { slotsOf, textOf, type Cluster } from './store.js';

// How a line relates to a template: fitting it, and the parameters it gives.

/** Number of constant tokens matched when `tokens` fits `template` position by position, else -1. */
export function exactFit(template: readonly string[], tokens: readonly string[]): number {
  let constants = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t === WILDCARD) continue;
    const u = tokens[i]!;
    if (t !== u) {
      // A generalized slot such as `rhost=<*>` takes any constant token of that shape; a token with
      // its own `<*>` (masked, or from another template) could be anything, so only an equal slot
      // or a whole `<*>` covers it.
      if (!t.includes(WILDCARD) || !covers(t, u)) return -1;
    }
    constants++;
  }
  return constants;
}

export function paramsOf(c: Cluster, raw: readonly string[], masked: readonly string[], span: number): string[] {
  const tpl = c.tokens;
  const params: string[] = [];
  if (tpl.length === raw.length) {
    for (const i of slotsOf(c)) pushParams(params, tpl[i]!, raw[i]!);
    return params;
  }
  const spans = fitTokens(tpl, masked, Math.max(span, raw.length - tpl.length));
  if (spans === undefined) return globCapture(textOf(c), raw.join(' ')) ?? [];
  let at = 0;
  for (let i = 0; i < tpl.length; i++) {
    const value = spans[i] === 1 ? raw[at]! : raw.slice(at, at + spans[i]!).join(' ');
    if (tpl[i]!.includes(WILDCARD)) pushParams(params, tpl[i]!, value);
    at += spans[i]!;
  }
  return params;
}

/**
 * The values of one template token's variables in `value` (the line's text at that token), one per `<*>` with the
 * token's constant text left out: a whole `<*>` takes the value whole (a value of several tokens too), a quoted slot
 * gives it without its quotes, `<*>"` or `(<*>)` around a URL joined with its `HTTP/1.1` give the URL and version
 * without the quote or brackets. A value joined from several tokens under a token with several `<*>` (a ctime date,
 * `Jun 17 07:07:00` written `<*>:<*>:<*>`) is one variable: one parameter, without the constant text around it;
 * whether its tokens were separated by spaces or tabs. `parts` is the token split on `<*>` (slotPiecesOf keeps it
 * per template; undefined for a whole `<*>`).
 */
export function pushParams(params: string[], templateToken: string, value: string, parts = templateToken === WILDCARD ? undefined : templateToken.split(WILDCARD)): void {
  if (parts === undefined) {
    params.push(value);
    return;
  }
  if (parts.length > 2 && hasSeparator(value) && !isQuotedSlot(templateToken)) {
    params.push(capturePieces([parts[0]!, parts[parts.length - 1]!], value)?.[0] ?? value);
    return;
  }
  for (const v of capturePieces(parts, value) ?? [value]) params.push(v);
}

/** A character that separates tokens (space, tab, any control character): the value was joined from several. */
function hasSeparator(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) <= 32) return true;
  return false;
}
