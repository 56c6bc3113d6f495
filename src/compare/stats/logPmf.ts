// Binomial probabilities in log space, after C. Loader, "Fast and Accurate Computation of Binomial
// Probabilities" (2000). lgamma differences lose ~log10(n) digits for large n; the saddle-point form
// below keeps full relative precision, which matters because tail p-values are built on it.

const LN_2PI = Math.log(2 * Math.PI);

// stirlerr(n) = log(n!) - log(sqrt(2*pi*n) * (n/e)^n) for small integer n, computed once from an exact
// sum of logs (the subtraction loses at most a few ulps at these magnitudes).
const SMALL_STIRLERR: number[] = [0];
{
  let logFactorial = 0;
  for (let n = 1; n <= 15; n++) {
    logFactorial += Math.log(n);
    SMALL_STIRLERR.push(logFactorial - (n + 0.5) * Math.log(n) + n - 0.5 * LN_2PI);
  }
}

function stirlerr(n: number): number {
  if (n <= 15) return SMALL_STIRLERR[n]!;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

// bd0(x, np) = x*log(x/np) + np - x, evaluated without cancellation when x is close to np.
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/**
 * log P(X = x) for X ~ Binomial(n, p), with q = 1 - p passed separately so that callers holding an exact
 * complement (e.g. T1/(T1+T2)) do not lose it to rounding. x and n are non-negative integers.
 */
export function logBinomialPmf(x: number, n: number, p: number, q: number): number {
  if (x < 0 || x > n) return -Infinity;
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) return n === 0 ? 0 : p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  if (x === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}
