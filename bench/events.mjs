// End-to-end event reading (reader + header detection + framing) on the loghub mix file, and on the
// generated canary-bench logs when ../shared is present. Prints lines/s (median of runs) and peak RSS.
// Run: node bench/events.mjs [lines=1000000] [runs=5]
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureMixFile, loadLogsift, root } from './_bundle.mjs';
import { median } from './lib/args.mjs';

const target = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);
const { readEventBatches, readLineBatches } = await loadLogsift();

async function measure(file, read) {
  const rates = [];
  const cpuRates = [];
  let last;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const source = read(file);
    let events = 0;
    for await (const batch of source) events += batch.length;
    const used = process.cpuUsage(cpu);
    rates.push(source.stats.lines / ((performance.now() - t) / 1000));
    // CPU time too: on a shared machine wall time also counts other processes' turns.
    cpuRates.push(source.stats.lines / ((used.user + used.system) / 1e6));
    last = { lines: source.stats.lines, events };
  }
  return { rate: median(rates), cpuRate: median(cpuRates), ...last };
}

const inputs = { [`loghub mix ${target} lines`]: ensureMixFile(target) };
const canary = join(root, '../shared/canary-bench/public');
if (existsSync(canary)) for (const dir of readdirSync(canary).filter((d) => d.endsWith('-20k'))) inputs[dir] = join(canary, dir, 'canary.log');

for (const [name, file] of Object.entries(inputs)) {
  const lines = await measure(file, (f) => readLineBatches(f));
  const events = await measure(file, (f) => readEventBatches(f));
  console.log(
    `${name.padEnd(38)} events ${(events.rate / 1e6).toFixed(2)} M lines/s wall, ${(events.cpuRate / 1e6).toFixed(2)} per CPU-s ` +
      `(${events.events} events / ${events.lines} lines); reader alone ${(lines.rate / 1e6).toFixed(2)} wall, ${(lines.cpuRate / 1e6).toFixed(2)} per CPU-s`,
  );
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
