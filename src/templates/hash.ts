const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/**
 * FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 lower-case hex digits. Used for
 * template ids: the same template text gives the same id on every run and every machine.
 *
 * @example
 * ```ts
 * fnv1a64('') // 'cbf29ce484222325'
 * ```
 */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK64;
  }
  return h.toString(16).padStart(16, '0');
}
