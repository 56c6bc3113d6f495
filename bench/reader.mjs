// Reader throughput: readLineBatches / readLines against a bare fs.createReadStream + split loop on a
// generated file (.bench-tmp/reader-mix.log: the 16 loghub-2k systems' raw lines repeated, or synthetic
// lines when ../shared is absent). Run: node bench/reader.mjs [lines=2000000] [runs=5]
import { createReadStream, statSync } from 'node:fs';
import { ensureMixFile, loadLogsift } from './_bundle.mjs';
import { median } from './lib/args.mjs';

const target = Number(process.argv[2] ?? 2_000_000);
const runs = Number(process.argv[3] ?? 5);
const { readLineBatches, readLines } = await loadLogsift();
const file = ensureMixFile(target);
const size = statSync(file).size;

async function bare() {
  let count = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    count += parts.length;
  }
  if (rest !== '') count++;
  return count;
}
async function batches() {
  let count = 0;
  const source = readLineBatches(file);
  for await (const lines of source) count += lines.length;
  return count;
}
async function perLine() {
  let count = 0;
  for await (const _ of readLines(file)) count++;
  return count;
}

const walls = { bare: [], batches: [], perLine: [] };
const cpus = { bare: [], batches: [], perLine: [] };
// The three readers take turns in every round, so a change in the machine's load hits them alike.
for (let r = 0; r < runs; r++) {
  for (const [name, fn] of Object.entries({ bare, batches, perLine })) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const n = await fn();
    const used = process.cpuUsage(cpu);
    if (n !== target) throw new Error(`${name} counted ${n} lines, expected ${target}`);
    walls[name].push(n / ((performance.now() - t) / 1000));
    cpus[name].push(n / ((used.user + used.system) / 1e6));
  }
}
console.log(`file: ${target} lines, ${(size / 1e6).toFixed(1)} MB, median of ${runs} runs`);
for (const name of Object.keys(walls)) {
  const wall = median(walls[name]);
  const cpu = median(cpus[name]);
  console.log(
    `${name.padEnd(8)} ${(wall / 1e6).toFixed(2)} M lines/s wall (${((wall * size) / target / 1e6).toFixed(0)} MB/s), ${(cpu / 1e6).toFixed(2)} M per CPU-s; ` +
      `ratio to bare ${(wall / median(walls.bare)).toFixed(2)} wall, ${(cpu / median(cpus.bare)).toFixed(2)} CPU`,
  );
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
