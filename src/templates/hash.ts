const encoder = new TextEncoder();

/**
 * FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 lower-case hex digits. Used for
 * template ids: the same template text gives the same id on every run and every machine.
 *
 * @example
 * ```ts
 * fnv1a64('')  // 'cbf29ce484222325'
 * fnv1a64('a') // 'af63dc4c8601ec8c'
 * ```
 */
export function fnv1a64(text: string): string {
  // 64-bit arithmetic on two 32-bit halves: h * 0x100000001b3 = h * 0x1b3 + (h << 40). The halves stay
  // locals of this loop (a closure over them would box every intermediate value).
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const n = text.length;
  let ascii = true;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  const bytes = ascii ? undefined : encoder.encode(text);
  const length = bytes === undefined ? n : bytes.length;
  for (let i = 0; i < length; i++) {
    lo ^= bytes === undefined ? text.charCodeAt(i) : bytes[i]!;
    const low = (lo >>> 0) * 0x1b3;
    hi = ((hi >>> 0) * 0x1b3 + Math.floor(low / 0x100000000) + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  return hex8(hi) + hex8(lo);
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
