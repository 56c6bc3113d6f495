import { logBinomialPmf } from './logPmf.js';

/** Up to this many trials a tail is an explicit sum of probabilities; beyond it, a continued fraction. */
export const EXACT_SUM_LIMIT = 2000;

const FPMIN = 1e-300;
const EPS = 1e-15;

// Continued fraction of the incomplete beta function (modified Lentz, as in Numerical Recipes 6.4).
// Converges fast for x < (a+1)/(a+b+2); iterations grow like sqrt(min(a, b)) near the mean.
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  const maxIterations = 1000 + 20 * Math.ceil(Math.sqrt(Math.min(a, b)));
  for (let m = 1; m <= maxIterations; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b) for integers a, b >= 1, with y = 1 - x given exactly.
 * The prefactor x^a y^b / (a B(a,b)) equals y * P(Bin(a+b-1, x) = a), so it comes from the
 * saddle-point pmf rather than from lgamma differences.
 */
export function regularizedBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  if (x < (a + 1) / (a + b + 2)) {
    const front = Math.exp(logBinomialPmf(a, a + b - 1, x, y) + Math.log(y));
    return Math.min(1, front * betaContinuedFraction(a, b, x));
  }
  const front = Math.exp(logBinomialPmf(b, a + b - 1, y, x) + Math.log(x));
  return Math.max(0, 1 - front * betaContinuedFraction(b, a, y));
}

/** P(X >= k) for X ~ Binomial(n, p), q = 1 - p. */
export function binomialUpperTail(k: number, n: number, p: number, q: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (n <= EXACT_SUM_LIMIT) {
    // Sum the shorter side and complement only when the tail is large, so small p-values keep
    // their relative precision.
    if (k > n * p) return Math.min(1, sumUpward(k, n, p, q));
    return Math.max(0, 1 - sumDownward(k - 1, n, p, q));
  }
  return regularizedBeta(p, q, k, n - k + 1);
}

/** P(X <= k) for X ~ Binomial(n, p), q = 1 - p. */
export function binomialLowerTail(k: number, n: number, p: number, q: number): number {
  // n - X ~ Binomial(n, q)
  return binomialUpperTail(n - k, n, q, p);
}

// Terms beyond the mean shrink monotonically, so a sum that starts at the term nearest the mean and walks
// outward by the ratio recurrence can stop once terms no longer change it: O(sqrt(n)) terms, not O(n).
function sumUpward(from: number, n: number, p: number, q: number): number {
  let term = Math.exp(logBinomialPmf(from, n, p, q));
  let sum = term;
  const odds = p / q;
  for (let i = from; i < n && term > sum * 1e-17; i++) {
    term *= ((n - i) / (i + 1)) * odds;
    sum += term;
  }
  return sum;
}

function sumDownward(from: number, n: number, p: number, q: number): number {
  let term = Math.exp(logBinomialPmf(from, n, p, q));
  let sum = term;
  const inverseOdds = q / p;
  for (let i = from; i > 0 && term > sum * 1e-17; i--) {
    term *= (i / (n - i + 1)) * inverseOdds;
    sum += term;
  }
  return sum;
}
