// Instructions of a mining run, counted by valgrind's callgrind: unlike seconds, they do not move with the shared
// machine's other jobs, so two builds can be compared in one run of this script, in parallel, without alternating or
// medians. They repeat closely but not exactly: 4 runs of one build over the 1,000,000 lines gave 14.89-15.12 G, all
// of the difference in the optimizing compiler (4.47-4.67 G; the rest within 0.4%), so a change of a few percent in
// compiling needs more than one run to show. The run is the
// throughput bench's mining loop (readLineBatches -> detectPrefix -> TemplateMiner.add) over the first N lines of
// its mix, fed from memory in chunks as the reader reads a file. V8 runs with fixed hash and random seeds and
// --predictable (one thread: the optimizing compiler and the garbage collector work on the main thread, with no
// timing-dependent choices), so compiling is counted too and happens at the same points every run: it is the work
// that, in a normal run, the other core does while the main thread runs slower code. The split by kind comes from
// the function names callgrind_annotate gives (V8's optimizing compiler, the code it generated, V8's builtins, the
// garbage collector, string hashing, the C library, the rest of V8 and Node). Instructions are not time: cache
// misses and mispredicted branches cost time without instructions (an in-process A/B can show a change that this
// count does not).
// Needs valgrind (Debian's package). About 100 s a build for 100,000 lines, 12 minutes for 1,000,000.
// Usage: node bench/instructions.mjs [--lines N] [--first M] [--dist DIR] [--against DIR] [--fresh] [--no-doc]
//   --dist DIR     the build to measure (default: dist/)
//   --against DIR  another build measured alongside (a saved dist/ of an earlier commit)
//   --first M      also count a run over the first M lines alone (default 32,000: every system's lines once, the
//                  cold start; 0: not), run alongside; the doc gives both
//   --fresh        the first N lines of the mix with its messages' numbers redrawn instead (bench/lib/mix.mjs
//                  freshMixFile: logs whose lines carry fresh ids); printed, not written to the doc
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { option as opt } from './lib/args.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';
import { root } from './lib/load.mjs';
import { freshMixFile, mixFile } from './lib/mix.mjs';
import { mineInput } from './lib/mine.mjs';

const args = process.argv.slice(2);
if (args[0] === '--worker') {
  const lib = await import(pathToFileURL(join(args[1], 'index.js')).href);
  // The file's bytes come from memory in chunks of 1 MiB, as the reader reads a file: read through the thread pool,
  // they would arrive at moments that differ from run to run, and so would the count.
  const bytes = readFileSync(args[2]);
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
  }
  const { lines, miner } = await mineInput(lib, chunks());
  process.stdout.write(JSON.stringify({ lines, templates: miner.templates().length }));
  process.exit(0);
}

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('bench/instructions.mjs needs valgrind (apt-get install valgrind)');
  process.exit(2);
}
const lines = Number(opt('lines', 100_000));
const builds = [resolve(opt('dist', join(root, 'dist')))];
// --fresh: the mix with its messages' numbers redrawn (bench/lib/mix.mjs), where few messages repeat; printed only
const fresh = args.includes('--fresh');
const file = fresh ? freshMixFile(lines, await import(pathToFileURL(join(builds[0], 'index.js')).href)).file : mixFile(lines);
if (opt('against', undefined) !== undefined) builds.push(resolve(opt('against', undefined)));
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'logsift-instructions-'));

/** Kinds of instructions, by the function callgrind_annotate names (first match wins). */
const KINDS = [
  ['optimizing compiler', (f) => f.includes('compiler::') || f.includes('turboshaft')],
  ['garbage collector', (f) => /Scaveng|MarkCompact|heap::|Heap::|Marking|Sweeper|Evacuat|ConcurrentMarking/.test(f)],
  ['generated code', (f) => f.startsWith('???:0x')],
  ['string hashing', (f) => f.includes('ComputeAndSetRawHash') || f.includes('StringHasher')],
  ['V8 builtins', (f) => f.includes('Builtins_')],
  ['C library', (f) => f.includes('libc.so') || f.includes('libstdc++')],
  ['rest of V8 and Node', () => true],
];

async function measure(dist, tag, file) {
  const out = join(work, `callgrind-${tag}.out`);
  const { stdout } = await run(
    'valgrind',
    ['--tool=callgrind', `--callgrind-out-file=${out}`, '--smc-check=all', '--dump-instr=no', process.execPath,
      '--predictable', '--hash-seed=1', '--random-seed=1', fileURLToPath(import.meta.url), '--worker', dist, file],
    { maxBuffer: 1 << 26 },
  );
  const mined = JSON.parse(stdout);
  const annotated = execFileSync('callgrind_annotate', ['--threshold=100', out], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const kinds = new Map(KINDS.map(([k]) => [k, 0]));
  let total = 0;
  for (const line of annotated.split('\n')) {
    const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (m === null || line.includes('PROGRAM TOTALS')) continue;
    const n = Number(m[1].replaceAll(',', ''));
    const kind = KINDS.find(([, test]) => test(m[2]))[0];
    kinds.set(kind, kinds.get(kind) + n);
    total += n;
  }
  return { dist, lines: mined.lines, templates: mined.templates, total, kinds };
}

const first = fresh ? 0 : Math.min(lines, Number(opt('first', 32_000)));
const runs = builds.map((d, i) => measure(d, i, file));
if (first > 0 && first < lines) {
  runs.push(measure(builds[0], 'first', mixFile(first)));
  // no lines at all: starting Node and loading the library, counted in every run
  const empty = join(work, 'empty.log');
  writeFileSync(empty, '');
  runs.push(measure(builds[0], 'empty', empty));
}
const measured = await Promise.all(runs);
const results = measured.slice(0, builds.length);
const [cold, start] = measured.slice(builds.length);
rmSync(work, { recursive: true, force: true });
const g = (n) => (n / 1e9).toFixed(3);
const name = (d) => relative(root, d) || '.';
for (const r of results) {
  console.log(`${name(r.dist)}: ${r.lines} lines, ${r.templates} templates, ${g(r.total)} G instructions (${Math.round(r.total / r.lines).toLocaleString('en-US')} a line)`);
  for (const [k, n] of r.kinds) console.log(`  ${k.padEnd(22)} ${g(n)} G  ${((100 * n) / r.total).toFixed(1)}%`);
}
if (results.length === 2) console.log(`${name(results[0].dist)} / ${name(results[1].dist)}: ${(results[0].total / results[1].total).toFixed(4)}`);
if (cold !== undefined) {
  console.log(`${name(cold.dist)}, the first ${cold.lines} lines alone: ${g(cold.total)} G instructions (${Math.round(cold.total / cold.lines).toLocaleString('en-US')} a line)`);
  for (const [k, n] of cold.kinds) console.log(`  ${k.padEnd(22)} ${g(n)} G  ${((100 * n) / cold.total).toFixed(1)}%`);
  console.log(`${name(start.dist)}, no lines (starting Node, loading the library): ${g(start.total)} G instructions`);
}

if (fresh) {
  console.log('(--fresh: printed only; docs/benchmarks.md gives the repeated mix)');
  process.exit(0);
}
const [r] = results;
writeBenchSection(`## Throughput: instructions

\`node bench/instructions.mjs --lines ${lines}\`: valgrind's callgrind counts the instructions of one mining run (the
throughput loop over the first ${lines.toLocaleString('en-US')} lines of its mix), with V8's hash and random seeds fixed and
\`--predictable\` (the optimizing compiler and the garbage collector on the main thread), so the count hardly moves
with whatever else the machine runs, and compiling is counted. It repeats closely, not exactly: 4 runs of one build over
1,000,000 lines gave 14.89-15.12 G, the difference all in the compiler (4.47-4.67 G; the rest within 0.4%). ${r.lines.toLocaleString('en-US')} lines, ${r.templates} templates.${
  cold === undefined
    ? ''
    : ` Beside it, a run over the first ${cold.lines.toLocaleString('en-US')} lines alone (every system's lines once: each message new to the miner, the code not yet optimized). Both count starting Node and loading the library: ${g(start.total)} G (a run over no lines), most of it in "rest of V8 and Node" and the C library.`
}

${
  cold === undefined
    ? `| instructions | G | share |
|---|---|---|
| all (${Math.round(r.total / r.lines).toLocaleString('en-US')} a line) | ${g(r.total)} | 100% |
${[...r.kinds].map(([k, n]) => `| ${k} | ${g(n)} | ${((100 * n) / r.total).toFixed(1)}% |`).join('\n')}`
    : `| instructions | ${r.lines.toLocaleString('en-US')} lines: G | share | first ${cold.lines.toLocaleString('en-US')} lines alone: G | share of the whole run's |
|---|---|---|---|---|
| all (a line: ${Math.round(r.total / r.lines).toLocaleString('en-US')}; ${Math.round(cold.total / cold.lines).toLocaleString('en-US')}) | ${g(r.total)} | 100% | ${g(cold.total)} | ${((100 * cold.total) / r.total).toFixed(0)}% |
${[...r.kinds].map(([k, n]) => `| ${k} | ${g(n)} | ${((100 * n) / r.total).toFixed(1)}% | ${g(cold.kinds.get(k))} | ${((100 * cold.kinds.get(k)) / n).toFixed(0)}% |`).join('\n')}`
}

Compiling is nearly a fixed cost, paid while the first 32,000 lines bring every system's branches (and again each
time optimized code meets a branch it has not seen), so it weighs more in shorter runs. String hashing is V8 hashing
each message for its lookup in the miner's message memory. \`--against DIR\` measures a second build alongside.

Measured on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.
`);
