// Output-equivalence check for speed work: digests everything the hot path produces (readLineBatches,
// detectPrefix, readEventBatches, TemplateMiner.add results and final templates, compare() reports) so a
// build can be compared with a saved one: node bench/equivalence.mjs [DIST_DIR] [--lines N]
// Prints one digest per area; two builds are equivalent when every digest matches.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { mixFile } from './lib/mix.mjs';

const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--lines') ?? join(root, 'dist'));
const total = args.includes('--lines') ? Number(args[args.indexOf('--lines') + 1]) : 300_000;
const lib = await import(pathToFileURL(join(dist, 'index.js')).href);
const { readLineBatches, detectPrefix, TemplateMiner, compileLogFormat, readEventBatches, compare } = lib;
const shared = join(root, '..', 'shared');
const datasets = JSON.parse(readFileSync(join(shared, 'data/loghub-2k/datasets.json'), 'utf8'));

const digest = () => {
  const h = createHash('sha256');
  return { add: (x) => h.update(typeof x === 'string' ? x : JSON.stringify(x) ?? 'undefined').update('\u0001'), hex: () => h.digest('hex').slice(0, 16) };
};
const result = (r) => [r.template.id, r.template.clusterId, r.template.text, r.template.count, r.change, r.params];

// 1. the throughput mix: reader -> detectPrefix -> miner, every per-line result
const mix = mixFile(1_000_000);
const pre = digest();
const mined = digest();
const miner = new TemplateMiner();
let n = 0;
outer: for await (const batch of readLineBatches(mix)) {
  for (const line of batch) {
    const p = detectPrefix(line);
    pre.add(p);
    mined.add(result(miner.add(p.message)));
    if (++n >= total) break outer;
  }
}
mined.add(miner.templates());
mined.add(miner.snapshot());
console.log(`mix prefixes   ${pre.hex()}  (${n} lines)`);
console.log(`mix mining     ${mined.hex()}`);

// 2. loghub with formats, as bench/loghub does, plus per-line params and match()
const lh = digest();
for (const d of Object.values(datasets)) {
  const format = compileLogFormat(d.log_format);
  const m = new TemplateMiner();
  const lines = readFileSync(join(shared, 'data/loghub-2k', d.log), 'utf8').split('\n');
  const ids = [];
  for (const line of lines) {
    const r = m.add(format.parse(line)?.content ?? line);
    lh.add(result(r));
    ids.push(r.template.clusterId);
  }
  for (const id of ids) lh.add(m.templateOf(id));
  for (const line of lines.slice(0, 300)) {
    const r = m.match(format.parse(line)?.content ?? line);
    lh.add(r === undefined ? null : result(r));
  }
}
console.log(`loghub mining  ${lh.hex()}`);

// 3. events framed without a format (multi-line, levels, timestamps) over the canary scenarios
const scen = join(shared, 'canary-bench/public');
const names = readdirSync(scen).filter((s) => /^\d/.test(s)).sort();
const ev = digest();
for (const s of names) {
  for await (const batch of readEventBatches(join(scen, s, 'baseline.log'))) for (const e of batch) ev.add(e);
}
console.log(`events         ${ev.hex()}`);

// 4. whole comparisons (a few scenarios, with and without their log format)
const cmp = digest();
for (const s of names.filter((_, i) => i % 4 === 0)) {
  const truth = JSON.parse(readFileSync(join(scen, s, 'truth.json'), 'utf8'));
  const opts = truth.logFormat ? { logFormat: truth.logFormat } : {};
  const rep = await compare(join(scen, s, 'baseline.log'), join(scen, s, 'canary.log'), opts);
  const { timing: _t, elapsedMs: _e, generatedAt: _g, ...rest } = rep;
  cmp.add(rest);
}
console.log(`compare        ${cmp.hex()}`);
