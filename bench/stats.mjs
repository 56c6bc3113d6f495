// Speed of the per-signature statistics: exactRateTest (both directions), rateRatio and BH over
// many synthetic signatures with counts from 0 to millions. Run after `npm run build`:
//   node bench/stats.mjs            (or LOGSIFT_DIST=/path/to/index.js node bench/stats.mjs)
const { exactRateTest, rateRatio, benjaminiHochberg, testRates } = await import(process.env.LOGSIFT_DIST ?? '../dist/index.js');

// Deterministic pseudo-random counts (mulberry32) so runs are comparable.
let seed = 42;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function tables(n, maxCount) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const bt = 1_000_000 + Math.floor(random() * 9_000_000);
    const ct = Math.floor(bt * (0.25 + random() * 3.75));
    const b = Math.floor(Math.exp(random() * Math.log(maxCount + 1))) - 1;
    const c = Math.max(0, Math.round((b * ct) / bt * (0.5 + random())));
    out.push([b, bt, c, ct]);
  }
  return out;
}

function time(label, rows, fn) {
  fn(rows.slice(0, 50)); // warm up
  const start = process.hrtime.bigint();
  fn(rows);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label.padEnd(48)} ${String(rows.length).padStart(6)} signatures  ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1000) / rows.length).toFixed(1).padStart(7)} us/signature`);
}

for (const maxCount of [100, 10_000, 1_000_000]) {
  const rows = tables(10_000, maxCount);
  time(`exactRateTest x2, counts up to ${maxCount}`, rows, (rs) => {
    for (const [b, bt, c, ct] of rs) {
      exactRateTest(b, bt, c, ct, 'greater');
      exactRateTest(b, bt, c, ct, 'less');
    }
  });
  time(`rateRatio 95% CI, counts up to ${maxCount}`, rows, (rs) => {
    for (const [b, bt, c, ct] of rs) rateRatio(b, bt, c, ct);
  });
}
// A whole comparison: one pair of totals, 10,000 signatures, a few of them shifted.
{
  const bt = 2_000_000;
  const ct = 3_000_000;
  const rows = tables(10_000, 100_000).map(([b], i) => ({ baselineCount: b, canaryCount: Math.round((b * ct) / bt) + (i % 500 === 0 ? 50 + b : 0) }));
  time('testRates (all signatures, CIs for findings)', rows, (rs) => testRates(rs, bt, ct));
}
const ps = Array.from({ length: 100_000 }, () => random());
time('benjaminiHochberg', ps, (rs) => benjaminiHochberg(rs));
