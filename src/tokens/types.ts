/**
 * A user mask: a named rule that marks a whole token as a variable. Either a `test` function or a
 * `pattern`, a regular expression that must match the whole token: it is run as `^(?:source)$` with its
 * flags but `g` and `y`, so alternatives and lazy quantifiers are tried to the token's end (`/alpha|alphabet/`
 * masks `alphabet`; `/ORD-\d+?/` masks `ORD-123`, never a part of it). Masks are data: add your own
 * to {@link MinerOptions.masks} and they run before the built-in scanner.
 *
 * @example
 * ```ts
 * const orderId: Mask = { name: 'order', test: (token) => token.startsWith('ORD-') };
 * const sku: Mask = { name: 'sku', pattern: /^SKU\d+$/ };
 * ```
 */
export type Mask =
  | { readonly name: string; readonly test: (token: string) => boolean }
  | { readonly name: string; readonly pattern: RegExp };

/**
 * The variable placeholder used in rendered templates (the loghub ground-truth convention).
 *
 * @example
 * ```ts
 * template.text.split(WILDCARD).length - 1; // number of variables in a template
 * ```
 */
export const WILDCARD = '<*>';

