/**
 * FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 lower-case hex digits. Used for
 * template ids: the same template text gives the same id on every run and every machine.
 * A lone surrogate (text that is not well-formed Unicode) is hashed as its own three bytes
 * (WTF-8, `ED A0 80` for U+D800), not as the U+FFFD that UTF-8 encoders put in its place, so
 * texts that differ only there get different ids; well-formed text hashes as plain UTF-8.
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
  const bytes = ascii ? undefined : wtf8(text);
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

/**
 * The WTF-8 bytes of `text`: UTF-8 for every code point (for well-formed text, the bytes TextEncoder gives), and a lone surrogate (a high one not followed by a low one,
 * or a low one alone) as the three bytes its code would take, which no well-formed text has.
 */
function wtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[k++] = c;
    else if (c < 0x800) {
      out[k++] = 0xc0 | (c >> 6);
      out[k++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[k++] = 0xe0 | (c >> 12);
      out[k++] = 0x80 | ((c >> 6) & 0x3f);
      out[k++] = 0x80 | (c & 0x3f);
    } else {
      out[k++] = 0xf0 | (c >> 18);
      out[k++] = 0x80 | ((c >> 12) & 0x3f);
      out[k++] = 0x80 | ((c >> 6) & 0x3f);
      out[k++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, k);
}
