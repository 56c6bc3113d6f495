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
  // 64-bit arithmetic on two 32-bit halves: h * 0x100000001b3 = h * 0x1b3 + (h << 40).
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const step = (byte: number): void => {
    lo ^= byte;
    const low = (lo >>> 0) * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = ((hi >>> 0) * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  };
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) for (let i = 0; i < text.length; i++) step(text.charCodeAt(i));
  else for (const byte of encoder.encode(text)) step(byte);
  return hex8(hi) + hex8(lo);
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
