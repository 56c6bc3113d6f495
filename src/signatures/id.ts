import { fnv1a64 } from '../templates/hash.js';

/**
 * The stable id of a signature: FNV-1a 64 of its template text with whitespace runs folded to one space.
 * It depends only on the template's tokens (constant tokens and `<*>` variables, in order), never on the
 * order clusters were created in, so the same template has the same id on every run, machine and miner
 * restart, and in saved profiles. It equals `Template.id` for every template the miner renders (tokens
 * joined by one space); a template written by hand with other spacing gets the same id.
 *
 * @example
 * ```ts
 * import { signatureId } from 'logsift';
 * signatureId('Order <*> placed by user <*>') === signatureId('Order  <*> placed by user <*> '); // true
 * ```
 */
export function signatureId(template: string): string {
  return fnv1a64(normalizeTemplate(template));
}

/**
 * Template text with whitespace runs folded to one space and no leading or trailing space: the form
 * {@link signatureId} hashes, so templates that differ only in spacing are one signature.
 *
 * @example
 * ```ts
 * import { normalizeTemplate } from 'logsift';
 * normalizeTemplate('  Order  <*>\tplaced by <*> '); // 'Order <*> placed by <*>'
 * ```
 */
export function normalizeTemplate(template: string): string {
  return template.split(/\s+/).filter((t) => t.length > 0).join(' ');
}
