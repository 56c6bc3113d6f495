// Controls of the 16 loghub-2k systems, built the way the canary benchmark describes its loghub controls
// (../shared/canary-bench/README.md): a random 50/50 split (control-split), or its canary half resampled with
// replacement to 4x or to a quarter (control-volume), re-drawn (up to 25 times) until no WARN+ template is >= 3x
// more frequent in the canary with >= 3 canary lines. What chance leaves (WARN+ templates >= 3x as frequent in
// the canary, or absent from the baseline) is tolerated: then marginal is right too, else only pass.
// Unlike bench/controls.mjs (splits as they fall, judged strictly), this one measures the benchmark's own rule.
// Usage: npm run build && node bench/loghub-controls.mjs [--seeds 8] [--no-doc] [--why] [--dist DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';
import { rng } from './lib/rng.mjs';
import { option } from './lib/args.mjs';
import { imbalanced, loadSystem, loghubDatasets } from './lib/loghub-scenarios.mjs';

const args = process.argv.slice(2);
const seeds = Number(option('seeds', 8));
const dist = option('dist', join(root, 'dist'));
// --show REGEX: print the findings of the cases whose label (`System seed N kind`) matches
const show = option('show', '');
const { compare } = await import(pathToFileURL(join(dist, 'index.js')).href);
const datasets = loghubDatasets();

const KINDS = [['split', 1], ['x4', 4], ['x0.25', 0.25]];

function draw(sys, ratio, next) {
  let last;
  for (let attempt = 0; attempt < 25; attempt++) {
    const base = [];
    const half = [];
    for (const e of sys.events) (next() < 0.5 ? base : half).push(e);
    const canary = ratio === 1 ? half : Array.from({ length: Math.max(1, Math.round(half.length * ratio)) }, () => half[Math.floor(next() * half.length)]);
    last = { base, canary };
    if (!imbalanced(sys, base, canary).some(([, n]) => n >= 3)) break;
  }
  return last;
}

const tally = Object.fromEntries(KINDS.map(([k]) => [k, { ok: 0, n: 0, fail: 0, marginalTolerated: 0 }]));
const rows = [];
const wrong = [];
for (const [name, d] of Object.entries(datasets)) {
  const sys = loadSystem(name, d);
  const row = { name, cells: Object.fromEntries(KINDS.map(([k]) => [k, ''])) };
  for (let seed = 1; seed <= seeds; seed++) {
    for (const [kind, ratio] of KINDS) {
      const next = rng(seed * 6151 + ratio * 1000 + name.charCodeAt(0) * 7 + name.length);
      const { base, canary } = draw(sys, ratio, next);
      const tolerated = imbalanced(sys, base, canary).length > 0;
      const r = await compare(base.map((e) => e.line), canary.map((e) => e.line), { logFormat: sys.format });
      const ok = r.verdict === 'pass' || (tolerated && r.verdict === 'marginal');
      const t = tally[kind];
      t.n++;
      if (ok) t.ok++;
      if (r.verdict === 'fail') t.fail++;
      if (tolerated && r.verdict === 'marginal') t.marginalTolerated++;
      row.cells[kind] += ok ? r.verdict[0] : r.verdict[0].toUpperCase();
      if (show && new RegExp(show).test(`${name} seed ${seed} ${kind}`)) {
        console.log(`--- ${name} seed ${seed} ${kind}: ${r.verdict} ${r.score}${tolerated ? ' (tolerated)' : ''}`);
        for (const f of r.findings.slice(0, 8)) console.log(`   ${f.kind} ${f.severity} risk ${f.risk} ${f.baselineCount}->${f.canaryCount} ${f.template.slice(0, 60)} | ${f.reason.slice(0, 150)}`);
        if (args.includes('--dump')) {
          const dir = join(root, '.bench-tmp', 'loghub-controls', `${name}-${seed}-${kind}`);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, 'baseline.log'), base.map((e) => e.line).join('\n') + '\n');
          writeFileSync(join(dir, 'canary.log'), canary.map((e) => e.line).join('\n') + '\n');
          console.log(`   written to ${dir}`);
        }
      }
      if (!ok) {
        const top = r.findings.find((f) => f.risk > 20);
        wrong.push(`${name} seed ${seed} ${kind}: ${r.verdict} ${r.score}${tolerated ? '' : ' (nothing tolerated)'}; ${top ? `${top.kind} ${top.severity} ${top.baselineCount}->${top.canaryCount} ${top.template.slice(0, 70)}` : ''}`);
      }
    }
  }
  rows.push(row);
  console.log(name.padEnd(12), KINDS.map(([k]) => `${k}:${row.cells[k]}`).join('  '));
}
const summary = KINDS.map(([k]) => `${k} ${tally[k].ok}/${tally[k].n} right (${tally[k].fail} fail)`).join(', ');
console.log(summary);
if (args.includes('--why') || wrong.length <= 20) for (const w of wrong) console.log('  wrong:', w);
if (!args.includes('--no-doc')) {
  writeBenchSection(`## Loghub controls as the canary benchmark draws them (\`node bench/loghub-controls.mjs\`)

Each loghub-2k system, ${seeds} seeds: a random 50/50 split (\`split\`), or its canary half resampled with replacement
to 4x (\`x4\`) or to a quarter (\`x0.25\`), re-drawn (up to 25 times) until no WARN+ template is 3x more frequent in the
canary with 3 or more canary lines. Nothing changed, so pass is right, and marginal too where chance left a WARN+
template 3x as frequent in the canary or absent from the baseline (the benchmark's \`tolerated\`). WARN+ is the
ground truth's level where a system has one, else a failure word in the template. Lower case = right, upper case =
wrong. (\`node bench/controls.mjs\`, below, judges splits as they fall, without re-drawing or tolerating.)

**${summary}.** Measured ${new Date().toISOString().slice(0, 10)}.

| system | split | x4 | x0.25 |
|---|---|---|---|
${rows.map((r) => `| ${r.name} | ${r.cells.split} | ${r.cells.x4} | ${r.cells['x0.25']} |`).join('\n')}
`);
}
