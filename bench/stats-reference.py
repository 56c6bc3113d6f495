"""Independent reference values for test/stats-*.test.ts.

Computes the exact conditional binomial test and Clopper-Pearson rate-ratio intervals with the Python
standard library only: exact rational arithmetic (fractions + math.comb) for small tables, and
math.lgamma term-by-term summation for large ones. scipy, when installed, is used only as a second
opinion and printed alongside. Run: python3 bench/stats-reference.py
"""
import math
from fractions import Fraction


def tail_exact(x2, k, p0, greater):
    """P(X >= x2) or P(X <= x2) for X ~ Bin(k, p0), exactly, p0 a Fraction."""
    q0 = 1 - p0
    rng = range(x2, k + 1) if greater else range(0, x2 + 1)
    return float(sum(math.comb(k, i) * p0**i * q0 ** (k - i) for i in rng))


def log_pmf(i, k, lp, lq):
    return math.lgamma(k + 1) - math.lgamma(i + 1) - math.lgamma(k - i + 1) + i * lp + (k - i) * lq


def tail_lgamma(x2, k, p0, greater):
    """Same tail by lgamma summation in log space (for k too large for exact rationals)."""
    lp, lq = math.log(p0), math.log1p(-p0)
    rng = range(x2, k + 1) if greater else range(x2, -1, -1)
    terms = []
    top = None
    for i in rng:
        t = log_pmf(i, k, lp, lq)
        if top is None or t > top:
            top = t
        terms.append(t)
        if t < top - 60 and len(terms) > 10:
            break
    return math.exp(top) * sum(math.exp(t - top) for t in terms)


TESTS = [
    (3, 10_000, 12, 10_000, 'greater'),
    (0, 5_000, 5, 5_000, 'greater'),
    (0, 10_000, 12, 10_000, 'greater'),
    (0, 10_000, 1, 10_000, 'greater'),
    (2, 100_000, 15, 100_000, 'greater'),
    (10, 1_000, 2, 4_000, 'less'),
    (2, 100, 9, 400, 'greater'),
    (20, 1_000_000, 40, 1_000_000, 'greater'),
    (5, 100_000, 0, 400_000, 'less'),
    (0, 1_000_000, 60, 1_000_000, 'greater'),
    (1_000, 10_000_000, 1_100, 10_000_000, 'greater'),
    (50_000, 1_000_000, 50_000, 1_000_000, 'greater'),
    (1_000_000, 50_000_000, 1_003_000, 50_000_000, 'greater'),
    (250_000, 2_500_000, 1_002_500, 10_000_000, 'greater'),
    (1_000_000, 100_000_000, 990_000, 100_000_000, 'less'),
    (1_200, 4_000_000, 150, 1_000_000, 'less'),
]

print('# exactRateTest references')
for b, bt, c, ct, alt in TESTS:
    k = b + c
    p0 = Fraction(ct, bt + ct)
    if k <= 5_000:
        ref = tail_exact(c, k, p0, alt == 'greater')
        how = 'exact'
    else:
        ref = tail_lgamma(c, k, ct / (bt + ct), alt == 'greater')
        how = 'lgamma'
    second = ''
    try:
        from scipy.stats import binom
        s = binom.sf(c - 1, k, ct / (bt + ct)) if alt == 'greater' else binom.cdf(c, k, ct / (bt + ct))
        second = f'  # scipy {s:.12g}'
    except ImportError:
        pass
    print(f"  [{b}, {bt}, {c}, {ct}, '{alt}', {ref:.12g}], // {how}{second}")


def cp_bounds(x, n, conf):
    """Clopper-Pearson by bisection on the exact (lgamma) binomial tails; log-odds space."""
    a = (1 - conf) / 2

    def upper_tail(p):  # P(X >= x)
        return sum(math.exp(log_pmf(i, n, math.log(p), math.log1p(-p))) for i in range(x, n + 1))

    def lower_tail(p):  # P(X <= x)
        return sum(math.exp(log_pmf(i, n, math.log(p), math.log1p(-p))) for i in range(0, x + 1))

    def bisect(f, increasing):
        lo, hi = -40.0, 40.0
        for _ in range(200):
            mid = (lo + hi) / 2
            p = 1 / (1 + math.exp(-mid))
            v = f(p) - a
            if (v < 0) == increasing:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2

    lo = -math.inf if x == 0 else bisect(upper_tail, True)
    hi = math.inf if x == n else bisect(lower_tail, False)
    return lo, hi


CI = [
    (10, 1_000, 20, 1_000),
    (0, 1_000, 5, 1_000),
    (5, 1_000, 0, 4_000),
    (300, 100_000, 450, 200_000),
    (7, 250, 30, 1_000),
]
print('# rateRatio references (95%)')
for b, bt, c, ct in CI:
    lo, hi = cp_bounds(c, b + c, 0.95)
    scale = bt / ct
    rl = 0.0 if lo == -math.inf else math.exp(lo) * scale
    rh = math.inf if hi == math.inf else math.exp(hi) * scale
    est = (c / ct) / (b / bt) if b > 0 and c > 0 else ((c + 0.5) / ct) / ((b + 0.5) / bt)
    second = ''
    try:
        from scipy.stats import beta
        k = b + c
        pl = beta.ppf(0.025, c, k - c + 1) if c > 0 else 0.0
        ph = beta.ppf(0.975, c + 1, k - c) if c < k else 1.0
        sl = pl / (1 - pl) * scale
        sh = ph / (1 - ph) * scale if ph < 1 else math.inf
        second = f'  # scipy {sl:.10g} {sh:.10g}'
    except ImportError:
        pass
    print(f'  [{b}, {bt}, {c}, {ct}, {est:.12g}, {rl:.12g}, {rh:.12g}],{second}')
