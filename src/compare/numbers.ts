/**
 * `n` as `n.toLocaleString('en-US', { maximumFractionDigits })` writes it (`12,345`, `0.125`), without ICU:
 * the first Intl call of a process loads ICU's data, 15-20 ms that a small comparison would spend on
 * formatting its counts. Like ICU it rounds the shortest decimal form of `n` (what String(n) gives) half away
 * from zero. Numbers from 1e21 up, infinities and NaN still go through toLocaleString.
 */
export function groupDigits(n: number, maximumFractionDigits = 3): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return n.toLocaleString('en-US', { maximumFractionDigits });
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const abs = Math.abs(n);
  // below 1e-6 String() switches to exponent form; such a value rounds to 0 at three digits or fewer
  const text = abs < 1e-6 ? '0' : String(abs);
  const dot = text.indexOf('.');
  const digits = (dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1)).split('').map(Number);
  let intLength = dot < 0 ? text.length : dot;
  const keep = intLength + maximumFractionDigits;
  if (digits.length > keep) {
    const up = digits[keep]! >= 5;
    digits.length = keep;
    for (let i = keep - 1; up && i >= 0; i--) {
      if (digits[i]! < 9) {
        digits[i]!++;
        break;
      }
      digits[i] = 0;
      if (i === 0) {
        digits.unshift(1);
        intLength++;
      }
    }
  }
  while (digits.length > intLength && digits[digits.length - 1] === 0) digits.pop();
  let out = '';
  for (let i = 0; i < intLength; i++) {
    if (i > 0 && (intLength - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  if (digits.length > intLength) out += '.' + digits.slice(intLength).join('');
  return sign + out;
}
