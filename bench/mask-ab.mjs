// Do two builds mask tokens alike? maskToken of build A and of build B over every whitespace-separated token of the
// 16 loghub-2k logs, of the throughput mix and of its variant with its messages' numbers redrawn (bench/lib/mix.mjs),
// then over random tokens (fast-check, two alphabets: characters, and pieces of names, numbers and addresses).
// Prints the first differences and exits 1 on any: a speed change to the masks must leave this at 0.
// Usage: node bench/mask-ab.mjs DIST_A DIST_B [--lines N (of each mix, default 300000)] [--runs R (random, default 300000)]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { option as opt } from './lib/args.mjs';
import { root } from './lib/load.mjs';
import { freshMixFile, mixFile } from './lib/mix.mjs';

const dists = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (dists.length !== 2) {
  console.error('usage: node bench/mask-ab.mjs DIST_A DIST_B [--lines N] [--runs R]');
  process.exit(2);
}
const [a, b] = await Promise.all(dists.map((d) => import(pathToFileURL(join(resolve(d), 'index.js')).href)));
const lines = Number(opt('lines', 300_000));
const runs = Number(opt('runs', 300_000));

let tokens = 0;
let differ = 0;
function check(token, where) {
  tokens++;
  const x = a.maskToken(token);
  const y = b.maskToken(token);
  if (x !== y && differ++ < 10) console.log(`differ (${where}): ${JSON.stringify(token)} -> ${JSON.stringify(x)} / ${JSON.stringify(y)}`);
}

const loghub = join(root, '..', 'shared', 'data', 'loghub-2k');
const datasets = JSON.parse(readFileSync(join(loghub, 'datasets.json'), 'utf8'));
const files = Object.values(datasets).map((d) => join(loghub, d.log));
const mix = mixFile(lines);
files.push(mix, freshMixFile(lines, a).file);
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) for (const t of line.split(/\s+/)) if (t !== '') check(t, file);
}
const fromFiles = tokens;

const chars = fc.constantFrom(...'0123456789abcdefABCDEFxyz:::.-_=/@#$,;()[]<>"\'+%'.split(''));
const pieces = fc.constantFrom(
  ...['a', 'b', 'f', 'x', 'Z', 'api', 'cuhk', '0', '1', '42', '2026', ':', '::', '.', '-', '_', '@', 'com', 'org', 'io', 'hk'],
  ...['net', 'edu', '://', 'http', '=', '#', '##', '/', '\\', '(', ')', '[', ']', '"', "'", ',', 'true', 'root', 'ssh2', 'status='],
  ...['503', 'KB', 'ms', 'ff:ee', 'fe80'],
);
for (const [alphabet, max] of [
  [chars, 40],
  [pieces, 16],
]) {
  fc.assert(
    fc.property(fc.array(alphabet, { minLength: 1, maxLength: max }), (parts) => {
      check(parts.join(''), 'random');
      return true;
    }),
    { numRuns: runs, seed: 20261202 },
  );
}
console.log(`${tokens.toLocaleString('en-US')} tokens (${fromFiles.toLocaleString('en-US')} from ${files.length} files, the rest random): ${differ} masked differently`);
process.exit(differ === 0 ? 0 : 1);
