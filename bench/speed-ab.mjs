// A/B speed of two builds on the throughput pipeline (reader -> detectPrefix -> TemplateMiner.add) or on
// the whole comparison, in fresh processes, alternating, reporting wall and CPU lines/s (CPU time is what
// matters on a shared machine). Usage:
//   node bench/speed-ab.mjs DIST_A DIST_B [--mode mine|compare] [--runs N] [--file F]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { option as opt } from './lib/args.mjs';
import { mixFile } from './lib/mix.mjs';
import { mineInput } from './lib/mine.mjs';

const args = process.argv.slice(2);

if (args[0] === '--worker') {
  const [, dist, mode, file] = args;
  const lib = await import(pathToFileURL(join(dist, 'index.js')).href);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let lines = 0;
  if (mode === 'compare') {
    const report = await lib.compare(file, file);
    lines = report.baseline.lines + report.canary.lines;
  } else {
    lines = (await mineInput(lib, file)).lines;
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ lines, wall, cpu: (cpu.user + cpu.system) / 1e6, rssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const [a, b] = args.filter((x, i) => !x.startsWith('--') && !args[i - 1]?.startsWith('--')).map((d) => resolve(d));
if (a === undefined || b === undefined) {
  console.error('usage: node bench/speed-ab.mjs DIST_A DIST_B [--mode mine|compare] [--runs N] [--file F]');
  process.exit(2);
}
const mode = opt('mode', 'mine');
const runs = Number(opt('runs', 3));
const file = resolve(opt('file', undefined) ?? mixFile(1_000_000));
const self = fileURLToPath(import.meta.url);
const res = { A: [], B: [] };
for (let r = 0; r < runs; r++) {
  for (const [k, d] of r % 2 ? [['B', b], ['A', a]] : [['A', a], ['B', b]]) {
    res[k].push(JSON.parse(execFileSync(process.execPath, [self, '--worker', d, mode, file], { encoding: 'utf8' })));
  }
}
const med = (xs) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)];
for (const k of ['A', 'B']) {
  const rs = res[k];
  const w = med(rs.map((r) => r.lines / r.wall));
  const c = med(rs.map((r) => r.lines / r.cpu));
  console.log(`${k} ${k === 'A' ? a : b}: ${mode}, ${rs[0].lines} lines, median of ${runs}: wall ${Math.round(w).toLocaleString('en-US')} lines/s, cpu ${Math.round(c).toLocaleString('en-US')} lines/CPU-s, peak RSS ${Math.round(Math.max(...rs.map((r) => r.rssMB)))} MB`);
}
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
