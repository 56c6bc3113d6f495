import { binomialLowerTail, binomialUpperTail } from './binomialTail.js';
import { logBinomialPmf } from './logPmf.js';

// Roots are searched in log-odds theta = log(pi / (1 - pi)): pi and 1 - pi are then both exact
// (1 / (1 + e^-theta) and 1 / (1 + e^theta)), tiny and near-one bounds keep their precision, and the
// rate ratio is just e^theta scaled by the totals.
const THETA_MIN = -745;
const THETA_MAX = 745;

function fromLogOdds(theta: number): [number, number] {
  return [1 / (1 + Math.exp(-theta)), 1 / (1 + Math.exp(theta))];
}

/**
 * Solves f(theta) = target for a tail probability f that is monotone in theta, by Newton steps kept
 * inside a shrinking bracket (bisection when a step would leave it).
 */
function solve(
  f: (p: number, q: number) => number,
  slope: (p: number, q: number) => number,
  target: number,
  increasing: boolean,
  start: number,
): number {
  let lo = THETA_MIN;
  let hi = THETA_MAX;
  let theta = start;
  for (let iteration = 0; iteration < 300; iteration++) {
    const [p, q] = fromLogOdds(theta);
    const value = f(p, q) - target;
    if (value === 0) return theta;
    if (value < 0 === increasing) lo = theta;
    else hi = theta;
    let next = theta - value / slope(p, q);
    if (!Number.isFinite(next) || next <= lo || next >= hi) next = (lo + hi) / 2;
    if (Math.abs(next - theta) <= 1e-12 * Math.max(1, Math.abs(theta)) || hi - lo < 1e-12) return next;
    theta = next;
  }
  return theta;
}

/**
 * Clopper-Pearson bounds for a binomial proportion, as log-odds: `x` successes in `n` trials at
 * two-sided confidence `confidence`. Returns -Infinity / +Infinity for the open sides (x = 0, x = n).
 */
export function clopperPearsonLogOdds(x: number, n: number, confidence: number): [number, number] {
  const tail = (1 - confidence) / 2;
  // Start Newton from the normal approximation on the log-odds scale: usually 2-4 steps from the root.
  const centre = Math.log((x + 0.5) / (n - x + 0.5));
  const spread = normalQuantile(1 - tail) * Math.sqrt(1 / (x + 0.5) + 1 / (n - x + 0.5));
  let lower = -Infinity;
  let upper = Infinity;
  if (x > 0) {
    // P(X >= x | pi) = tail; d/dpi = n * P(Bin(n-1, pi) = x-1); d/dtheta multiplies by pi(1-pi).
    lower = solve(
      (p, q) => binomialUpperTail(x, n, p, q),
      (p, q) => n * Math.exp(logBinomialPmf(x - 1, n - 1, p, q)) * p * q,
      tail,
      true,
      centre - spread,
    );
  }
  if (x < n) {
    // P(X <= x | pi) = tail, decreasing in pi.
    upper = solve(
      (p, q) => binomialLowerTail(x, n, p, q),
      (p, q) => -n * Math.exp(logBinomialPmf(x, n - 1, p, q)) * p * q,
      tail,
      false,
      centre + spread,
    );
  }
  return [lower, upper];
}

// Standard normal quantile (P. J. Acklam's rational approximation, relative error < 1.2e-9); only a
// starting point for the exact solve, so its accuracy is not critical.
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
