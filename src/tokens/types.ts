/**
 * A user mask: a named rule that marks a whole token as a variable. Either a `test` function or a
 * `pattern` (a regular expression matched against the whole token). Masks are data: add your own
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

