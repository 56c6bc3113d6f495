// How much of a mining run is the JIT warming up: the 16 loghub-2k systems' 32,000 raw lines (headers
// included) mined by a fresh TemplateMiner three times in one process, each time a first pass (every line
// new) and a second pass (every line a repeat). Round 1 runs on cold code (interpreted, then optimized and
// deoptimized as new systems bring new branches); rounds 2 and 3 show the same work on warm code.
// Usage: npm run build && node bench/warmup.mjs [--rounds 3]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { option } from './lib/args.mjs';

const { TemplateMiner, detectPrefix } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const shared = join(root, '..', 'shared', 'data', 'loghub-2k');
const datasets = JSON.parse(readFileSync(join(shared, 'datasets.json'), 'utf8'));
const lines = [];
for (const d of Object.values(datasets)) {
  for (const l of readFileSync(join(shared, d.log), 'utf8').split('\n')) if (l.length) lines.push(l.replace(/\r$/, ''));
}
const rounds = Number(option('rounds', 3));
for (let r = 1; r <= rounds; r++) {
  const miner = new TemplateMiner();
  const t0 = performance.now();
  for (const l of lines) miner.add(detectPrefix(l).message);
  const t1 = performance.now();
  for (const l of lines) miner.add(detectPrefix(l).message);
  const t2 = performance.now();
  const us = (ms) => ((ms * 1000) / lines.length).toFixed(2);
  console.log(
    `round ${r}: first pass ${Math.round(t1 - t0)} ms (${us(t1 - t0)} us/line), repeat pass ${Math.round(t2 - t1)} ms (${us(t2 - t1)} us/line), ${miner.templates().length} templates`,
  );
}
