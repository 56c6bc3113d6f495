// Controls beyond the canary benchmark: random splits of each loghub-2k system (not redrawn, unlike the
// benchmark's) and of the generated public baselines (split by events), compared as they are, with the canary
// resampled with replacement to 4x, and subsampled to 0.25x. Nothing changed between the sides, so every
// verdict should be pass; marginal is tolerable where chance put a rare warning-or-worse event on one side.
// Usage: npm run build && node bench/controls.mjs   (writes the "Controls" section of docs/benchmarks.md)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { compare, readEvents } = await import(join(root, 'dist', 'index.js'));
const shared = join(root, '..', 'shared');
const loghub = join(shared, 'data', 'loghub-2k');
const datasets = JSON.parse(readFileSync(join(loghub, 'datasets.json'), 'utf8'));

function variants(items, seed0) {
  let seed = seed0 * 7919;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const a = [];
  const b = [];
  for (const x of items) (rnd() < 0.5 ? a : b).push(x);
  const x4 = Array.from({ length: b.length * 4 }, () => b[Math.floor(rnd() * b.length)]);
  const quarter = b.filter(() => rnd() < 0.25);
  return { a, cases: { split: b, x4, 'x0.25': quarter } };
}

const tally = { pass: 0, marginal: 0, fail: 0 };
const rows = [];
async function run(name, items, options, toLines) {
  const row = { name, split: [], x4: [], 'x0.25': [] };
  for (const seed of [1, 2, 3]) {
    const { a, cases } = variants(items, seed);
    for (const [kind, c] of Object.entries(cases)) {
      const r = await compare(toLines(a), toLines(c), options);
      tally[r.verdict]++;
      row[kind].push(r.verdict[0]);
    }
  }
  rows.push(row);
  console.log(name.padEnd(28), ['split', 'x4', 'x0.25'].map((k) => `${k}:${row[k].join('')}`).join('  '));
}

for (const [name, d] of Object.entries(datasets)) {
  const lines = readFileSync(join(loghub, d.log), 'utf8').split('\n').filter(Boolean);
  await run(`loghub ${name}`, lines, { logFormat: d.log_format }, (x) => x);
}
const pub = join(shared, 'canary-bench', 'public');
for (const [format, s] of [['log4j', '036-benign-reword-log4j-20k'], ['json', '037-fault-novel-json-n10-samehdr-20k'], ['logfmt', '038-fault-novel-logfmt-n1-crit-20k'], ['nginx', '039-fault-spike-nginx-m10-20k'], ['python', '040-fault-param-python-20k']]) {
  const events = [];
  for await (const e of readEvents(join(pub, s, 'baseline.log'))) events.push(e.raw);
  await run(`generated ${format} (baseline of ${s.slice(0, 3)})`, events, {}, (x) => x.join('\n').split('\n'));
}
const total = tally.pass + tally.marginal + tally.fail;
const summary = `${total} comparisons: ${tally.pass} pass, ${tally.marginal} marginal, ${tally.fail} fail`;
console.log(summary);
const md = `## Controls: random splits, 4x resampling, 0.25x subsampling

\`node bench/controls.mjs\`: each loghub-2k system (with its log format) and each generated public baseline
(split by events) is split at random into two halves three times (seeds 1-3; not redrawn, unlike the canary
benchmark's controls), and the first half is compared with the second as it is (\`split\`), resampled with
replacement to 4x (\`x4\`), and subsampled to a quarter (\`x0.25\`). Nothing changed, so pass is right; marginal
is tolerable where chance put a rare warning-or-worse event on one side only. p = pass, m = marginal, f = fail.

**${summary}.** Measured ${new Date().toISOString().slice(0, 10)}.

| source | split | x4 | x0.25 |
|---|---|---|---|
${rows.map((r) => `| ${r.name} | ${r.split.join('')} | ${r.x4.join('')} | ${r['x0.25'].join('')} |`).join('\n')}
`;
writeBenchSection(md);
