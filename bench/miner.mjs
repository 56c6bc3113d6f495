// Speed of TemplateMiner.add alone: the Content of the 16 loghub-2k systems (parsed once with each
// log_format), repeated to 1,000,000 messages, mined by a fresh miner; median of 5 runs.
// Run: npm run build && node bench/miner.mjs [--src] [--lines N] [--runs N]
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadLibrary, root } from './lib/load.mjs';
import { median as med } from './lib/args.mjs';
import { docWanted } from './lib/benchmarks-doc.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const total = opt('--lines', 1_000_000);
const runs = opt('--runs', 5);
const dataDir = join(root, '../shared/data/loghub-2k');
const { TemplateMiner, compileLogFormat } = await loadLibrary();
const datasets = JSON.parse(readFileSync(join(dataDir, 'datasets.json'), 'utf8'));

const contents = [];
for (const d of Object.values(datasets)) {
  const format = compileLogFormat(d.log_format);
  for (const line of readFileSync(join(dataDir, d.log), 'utf8').split('\n')) {
    if (line === '') continue;
    contents.push(format.parse(line)?.content ?? line);
  }
}
const messages = Array.from({ length: total }, (_, i) => contents[i % contents.length]);

// Wall-clock rates suffer when other processes share the cores, so the CPU time of this process
// is reported too (user + system); on an idle machine the two agree.
const rates = [];
const cpuRates = [];
let templates = 0;
for (let r = 0; r < runs; r++) {
  const miner = new TemplateMiner();
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i++) miner.add(messages[i]);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  rates.push(messages.length / secs);
  cpuRates.push(messages.length / ((cpu.user + cpu.system) / 1e6));
  templates = miner.templates().length;
}
const median = med(rates);
const cpuMedian = med(cpuRates);
console.log(`TemplateMiner.add: ${total.toLocaleString('en-US')} messages (${contents.length} distinct lines of 16 systems, repeated), ${runs} runs`);
console.log(`wall: median ${Math.round(median).toLocaleString('en-US')} lines/s (${(1e6 / median).toFixed(2)} µs/line); runs: ${rates.map((x) => Math.round(x / 1000) + 'k').join(', ')}`);
const load = loadavg()[0].toFixed(1);
console.log(`cpu:  median ${Math.round(cpuMedian).toLocaleString('en-US')} lines/s (${(1e6 / cpuMedian).toFixed(2)} µs/line of CPU time); ${templates} templates; load average ${load}`);

// Written into the loghub section of docs/benchmarks.md (unless --src or --no-doc).
if (docWanted() && !args.includes('--src')) {
  const docPath = join(root, 'docs/benchmarks.md');
  const doc = readFileSync(docPath, 'utf8');
  const heading = '### TemplateMiner.add speed';
  const block = [
    heading,
    '',
    `\`node bench/miner.mjs\` (after \`npm run build\`): the Content of the 16 systems (${contents.length.toLocaleString('en-US')} lines,`,
    `parsed once) repeated to ${total.toLocaleString('en-US')} messages, each run a fresh miner (first pass included), median of ${runs}:`,
    '',
    '| measure | lines/s | µs/line |',
    '|---|---|---|',
    `| wall clock | ${Math.round(median).toLocaleString('en-US')} | ${(1e6 / median).toFixed(2)} |`,
    `| CPU time of the process | ${Math.round(cpuMedian).toLocaleString('en-US')} | ${(1e6 / cpuMedian).toFixed(2)} |`,
    '',
    `Measured with a load average of ${load} on 2 cores shared with other jobs, so the wall clock is pessimistic.`,
    '',
  ].join('\n');
  const sectionAt = doc.indexOf('## Log parsing (loghub-2k)');
  const nextSection = doc.indexOf('\n## ', sectionAt + 1);
  const at = doc.indexOf(heading);
  const next = nextSection < 0 ? doc.length : nextSection + 1;
  const updated = at >= 0 && at < next ? doc.slice(0, at) + block + '\n' + doc.slice(next) : doc.slice(0, next) + '\n' + block + '\n' + doc.slice(next);
  writeFileSync(docPath, updated);
}
