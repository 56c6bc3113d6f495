// Where the time of `npm run bench:throughput` goes, on the same file (the 16 loghub-2k systems' 32,000 lines
// repeated to 1,000,000): (1) a fresh process mines it once, timing the first 32,000 lines (every message new, the
// code still cold), the next 32,000 and the rest (messages the miner remembers); (2) a second process, once
// warmed up, times the same loop with less and less of the work left out: reading only, reading and
// detectPrefix, those and a Map lookup of the message, the whole mining. Medians of --runs (default 3). (3) One
// cold run with the optimizing compiler on the main thread and its log: what compiling costs, and where it goes.
// (4) The warm parts again on 300,000 lines of the mix with its messages' numbers redrawn (bench/lib/mix.mjs
// freshMixFile), where few messages repeat: reading, detectPrefix, tokenize and maskToken on every token of the
// message, and mining with a new miner each time (so only the file's own repeats are remembered).
// Usage: npm run build && node bench/throughput-parts.mjs [--runs 3] [--no-doc]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { median, option } from './lib/args.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';
import { freshMixFile, mixFile } from './lib/mix.mjs';

const args = process.argv.slice(2);
const file = mixFile(1_000_000);
const self = fileURLToPath(import.meta.url);

const FRESH_LINES = 300_000;

/**
 * Times passes over `input` with less or more of the work done: mode 'read' only reads and splits; every other mode
 * also runs detectPrefix on each line, then `work(mode, message)` (which returns a number, kept so nothing is
 * optimized away). `begin()` runs before each pass. Medians of 3 timed passes after `warmups` untimed ones.
 */
async function timeParts(lib, input, modes, warmups, begin, work) {
  const { readLineBatches, detectPrefix } = lib;
  const pass = async (mode) => {
    begin();
    const t0 = performance.now();
    let x = 0;
    for await (const batch of readLineBatches(input)) {
      if (mode === 'read') {
        x += batch.length;
        continue;
      }
      for (const line of batch) {
        const message = detectPrefix(line).message;
        x += mode === 'prefix' ? message.length : work(mode, message);
      }
    }
    return performance.now() - t0 + x * 0;
  };
  for (let r = 0; r < warmups; r++) for (const m of modes) await pass(m);
  const out = {};
  for (const m of modes) out[m] = [];
  for (let r = 0; r < 3; r++) for (const m of modes) out[m].push(await pass(m));
  for (const m of modes) out[m] = median(out[m]);
  return out;
}

if (args[0] === '--warm-fresh') {
  const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const { TemplateMiner, tokenize, maskToken } = lib;
  let miner;
  const out = await timeParts(
    lib,
    freshMixFile(FRESH_LINES, lib).file,
    ['read', 'prefix', 'mask', 'mine'],
    2,
    () => {
      miner = new TemplateMiner(); // a new one each pass: only the file's own repeats are remembered
    },
    (mode, message) => {
      if (mode === 'mine') return miner.add(message).params.length;
      let n = 0;
      for (const t of tokenize(message)) n += maskToken(t).length;
      return n;
    },
  );
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

if (args[0] === '--cold' || args[0] === '--warm') {
  const t00 = performance.now();
  const { readLineBatches, detectPrefix, TemplateMiner } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  if (args[0] === '--cold') {
    const miner = new TemplateMiner();
    let n = 0;
    const marks = [];
    for await (const batch of readLineBatches(file)) {
      for (const line of batch) {
        miner.add(detectPrefix(line).message);
        if (++n % 32_000 === 0) marks.push(performance.now() - t00);
      }
    }
    const total = performance.now() - t00;
    // each later block of 32,000 lines on its own: the same code on the same lines, so their spread is the machine's
    const blocks = marks.slice(2).map((m, i) => m - marks[i + 1]);
    process.stdout.write(JSON.stringify({ first: marks[0], second: marks[1] - marks[0], rest: total - marks[1], restLines: n - 64_000, total, blocks }));
  } else {
    const miner = new TemplateMiner();
    const seen = new Map();
    // one miner and one map for every pass: the warm-up pass teaches them every message
    const out = await timeParts(
      { readLineBatches, detectPrefix },
      file,
      ['read', 'prefix', 'lookup', 'mine'],
      1,
      () => {},
      (mode, message) => {
        if (mode === 'mine') return miner.add(message).params.length;
        // keys of their own, as the miner keeps them (a slice would keep its 8 KiB piece of the file alive)
        if (seen.get(message) === undefined) seen.set((' ' + message).slice(1), 1);
        return 0;
      },
    );
    process.stdout.write(JSON.stringify(out));
  }
  process.exit(0);
}

const runs = Number(option('runs', 3));
const run = (mode) => JSON.parse(execFileSync(process.execPath, [self, mode], { encoding: 'utf8' }));
const cold = [];
const warm = [];
const warmFresh = [];
for (let i = 0; i < runs; i++) {
  cold.push(run('--cold'));
  warm.push(run('--warm'));
  warmFresh.push(run('--warm-fresh'));
}
// One more cold run with V8's optimizing compiler on the main thread (--no-concurrent-recompilation) and its
// logs (--trace-opt, --trace-deopt): what compiling costs, and which functions it goes to (a function is compiled
// again after each deoptimization, as new systems bring branches its optimized code has not seen).
const traced = execFileSync(process.execPath, ['--no-concurrent-recompilation', '--trace-opt', '--trace-deopt', self, '--cold'], { encoding: 'utf8', maxBuffer: 1 << 27 });
const deopts = traced.match(/\[bailout \(kind/g)?.length ?? 0;
const tracedRun = JSON.parse(traced.slice(traced.lastIndexOf('\n') + 1));
const compiles = new Map();
let compileMs = 0;
let compileCount = 0;
for (const m of traced.matchAll(/<JSFunction ([^ >]+)[^\n]*took [\d.]+, ([\d.]+), [\d.]+ ms/g)) {
  const ms = Number(m[2]);
  const e = compiles.get(m[1]) ?? { ms: 0, n: 0 };
  e.ms += ms;
  e.n++;
  compiles.set(m[1], e);
  compileMs += ms;
  compileCount++;
}
const topCompiles = [...compiles].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
const med = (list, key) => median(list.map((r) => r[key]));
const c = { first: med(cold, 'first'), second: med(cold, 'second'), rest: med(cold, 'rest'), total: med(cold, 'total'), restLines: cold[0].restLines };
const blockMs = cold.flatMap((r) => r.blocks).sort((a, b) => a - b);
const quantile = (q) => blockMs[Math.min(blockMs.length - 1, Math.floor(q * blockMs.length))];
const w = { read: med(warm, 'read'), prefix: med(warm, 'prefix'), lookup: med(warm, 'lookup'), mine: med(warm, 'mine') };
const wf = { read: med(warmFresh, 'read'), prefix: med(warmFresh, 'prefix'), mask: med(warmFresh, 'mask'), mine: med(warmFresh, 'mine') };
const us = (ms, lines) => ((ms * 1000) / lines).toFixed(2);
const result = {
  cold: { firstMs: Math.round(c.first), secondMs: Math.round(c.second), restMs: Math.round(c.rest), totalMs: Math.round(c.total), restUsPerLine: us(c.rest, c.restLines) },
  steadyBlocks: { n: blockMs.length, fastestMs: Math.round(blockMs[0]), p10Ms: Math.round(quantile(0.1)), medianMs: Math.round(quantile(0.5)), p90Ms: Math.round(quantile(0.9)), slowestMs: Math.round(blockMs[blockMs.length - 1]) },
  warmUsPerLine: { read: us(w.read, 1e6), prefix: us(w.prefix - w.read, 1e6), lookup: us(w.lookup - w.prefix, 1e6), restOfMining: us(w.mine - w.lookup, 1e6), whole: us(w.mine, 1e6) },
  warmFreshUsPerLine: {
    read: us(wf.read, FRESH_LINES),
    prefix: us(wf.prefix - wf.read, FRESH_LINES),
    tokenizeAndMask: us(wf.mask - wf.prefix, FRESH_LINES),
    mining: us(wf.mine - wf.prefix, FRESH_LINES),
    whole: us(wf.mine, FRESH_LINES),
  },
  compiling: {
    runMs: Math.round(tracedRun.total),
    compiles: compileCount,
    compileMs: Math.round(compileMs),
    deopts,
    top: topCompiles.map(([name, e]) => `${name} ${Math.round(e.ms)} ms (${e.n}x)`),
  },
};
console.log(JSON.stringify(result, null, 2));
if (!args.includes('--no-doc')) {
  writeBenchSection(`## Throughput: where the time goes

\`node bench/throughput-parts.mjs\` on the Throughput file (medians of ${runs} runs each, fresh processes).

| part | measure |
|---|---|
| cold run: the first 32,000 lines (every message new to the miner, the code not yet optimized) | ${result.cold.firstMs} ms |
| cold run: the next 32,000 lines | ${result.cold.secondMs} ms |
| cold run: the remaining ${c.restLines.toLocaleString('en-US')} lines | ${result.cold.restMs} ms (${result.cold.restUsPerLine} us a line) |
| cold run: all | ${result.cold.totalMs} ms |
| cold run: each later block of 32,000 lines (${result.steadyBlocks.n} blocks): fastest, 10th percentile, median, 90th percentile, slowest | ${result.steadyBlocks.fastestMs}, ${result.steadyBlocks.p10Ms}, ${result.steadyBlocks.medianMs}, ${result.steadyBlocks.p90Ms}, ${result.steadyBlocks.slowestMs} ms (${us(result.steadyBlocks.fastestMs, 32_000)} to ${us(result.steadyBlocks.slowestMs, 32_000)} us a line) |
| warm, per line: reading and splitting | ${result.warmUsPerLine.read} us |
| warm, per line: \`detectPrefix\` | ${result.warmUsPerLine.prefix} us |
| warm, per line: a Map lookup of the message | ${result.warmUsPerLine.lookup} us |
| warm, per line: the rest of mining a remembered message (a difference of two timed loops: noise can make it negative) | ${result.warmUsPerLine.restOfMining} us |
| warm, per line: all | ${result.warmUsPerLine.whole} us |
| warm, per line, ${FRESH_LINES.toLocaleString('en-US')} lines of the numbers-redrawn mix: reading and splitting | ${result.warmFreshUsPerLine.read} us |
| the same: \`detectPrefix\` | ${result.warmFreshUsPerLine.prefix} us |
| the same: \`tokenize\` and \`maskToken\` on every token of the message (the masks on their own, each token's plain check included: about what the miner's masking costs) | ${result.warmFreshUsPerLine.tokenizeAndMask} us |
| the same: mining the message (\`TemplateMiner.add\`, a new miner each pass) | ${result.warmFreshUsPerLine.mining} us |
| the same: all | ${result.warmFreshUsPerLine.whole} us |

V8 hashes every fresh message string for the lookup (about 2.3 ns a character, measured apart) and the table holds
20,000 messages. The warm parts come from one process that also holds the lookup's own table of every message, and
the machine is shared: they show where the time goes, and need not add up to the cold run's steady state. The bar of
500,000 lines/s leaves 2 us a line, the cold start included. Where messages seldom repeat (the numbers-redrawn
rows), each line is tokenized, masked and fitted, and masking is the largest part of mining it.

**Compiling.** A cold run with V8's optimizing compiler on the main thread (\`--no-concurrent-recompilation
--trace-opt\`) took ${result.compiling.runMs} ms against ${result.cold.totalMs} ms (the median cold run above): TurboFan
compiled ${result.compiling.compiles} times for ${result.compiling.compileMs} ms in all, after ${result.compiling.deopts}
deoptimizations (\`--trace-deopt\`); most went to (V8's function
names, a few of them Node's own) ${result.compiling.top.join(', ')}. In a normal run that work is done on another
thread, so on a 2-core machine shared with other jobs it competes with them, and the main thread runs slower code until
each compile lands. The consolidation rules (mergeBySlot, mergeSubsumed, mergeVariableLength) run in only a few passes
(7 in a run) but each loops over hundreds of changed templates, so they are compiled too.

The blocks after the first 64,000 lines repeat the same lines through the same optimized code (\`node --trace-opt
--trace-deopt\` shows no optimization or deoptimization there), so their spread is the shared machine's: within one run
the steady state moves between about 1.0 and 1.6 us a line, in stretches of a few blocks.
`);
}
