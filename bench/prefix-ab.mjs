// A/B of detectPrefix between two builds, in one process, alternating rounds: CPU ns per line over the
// 16 loghub-2k systems' raw lines. Usage: node bench/prefix-ab.mjs DIST_A DIST_B [rounds=9]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';

const [a, b] = process.argv.slice(2, 4).map((d) => resolve(d));
const rounds = Number(process.argv[4] ?? 9);
const libs = { A: await import(pathToFileURL(join(a, 'index.js')).href), B: await import(pathToFileURL(join(b, 'index.js')).href) };
const dir = join(root, '../shared/data/loghub-2k');
const lines = [];
for (const d of readdirSync(dir).sort()) {
  const f = join(dir, d, `${d}_2k.log`);
  if (existsSync(f)) for (const l of readFileSync(f, 'utf8').split('\n')) if (l) lines.push(l);
}
const best = { A: Infinity, B: Infinity };
let sink = 0;
for (let r = 0; r < rounds; r++) {
  for (const k of r % 2 ? ['B', 'A'] : ['A', 'B']) {
    const { detectPrefix } = libs[k];
    const c = process.cpuUsage();
    for (let rep = 0; rep < 5; rep++) for (const l of lines) sink += detectPrefix(l).message.length;
    const u = process.cpuUsage(c);
    best[k] = Math.min(best[k], ((u.user + u.system) * 1000) / (lines.length * 5));
  }
}
console.log(`detectPrefix, least CPU ns/line of ${rounds} rounds: A ${best.A.toFixed(0)} (${a}), B ${best.B.toFixed(0)} (${b})`, sink > 0 ? '' : '!');
