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
  const start = Math.log((x + 0.5) / (n - x + 0.5));
  let lower = -Infinity;
  let upper = Infinity;
  if (x > 0) {
    // P(X >= x | pi) = tail; d/dpi = n * P(Bin(n-1, pi) = x-1); d/dtheta multiplies by pi(1-pi).
    lower = solve(
      (p, q) => binomialUpperTail(x, n, p, q),
      (p, q) => n * Math.exp(logBinomialPmf(x - 1, n - 1, p, q)) * p * q,
      tail,
      true,
      start,
    );
  }
  if (x < n) {
    // P(X <= x | pi) = tail, decreasing in pi.
    upper = solve(
      (p, q) => binomialLowerTail(x, n, p, q),
      (p, q) => -n * Math.exp(logBinomialPmf(x, n - 1, p, q)) * p * q,
      tail,
      false,
      start,
    );
  }
  return [lower, upper];
}
