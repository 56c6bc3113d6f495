// Order invariance: each of the 16 loghub-2k systems compared with the same lines in another order (seeded shuffles).
// Both sides hold the same events, so every signature has the same rate on both: any finding comes from the mining
// depending on the order lines arrive in (which template a statement ended in on each side), not from the logs.
// A comparison with findings is a fault of logsift; the verdict must be pass.
// Usage: npm run build && node bench/reorder.mjs [--seeds 3] [--no-doc] [--dist DIR]
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';
import { rng } from './lib/rng.mjs';
import { option } from './lib/args.mjs';
import { loadSystem, loghubDatasets } from './lib/loghub-scenarios.mjs';

const seeds = Number(option('seeds', 3));
const dist = option('dist', join(root, 'dist'));
const { compare } = await import(pathToFileURL(join(dist, 'index.js')).href);
const datasets = loghubDatasets();

let comparisons = 0;
let clean = 0;
let findings = 0;
const rows = [];
for (const [name, d] of Object.entries(datasets)) {
  const sys = loadSystem(name, d);
  const lines = sys.events.map((e) => e.line);
  const marks = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const next = rng(seed);
    const other = lines.slice();
    for (let i = other.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [other[i], other[j]] = [other[j], other[i]];
    }
    const report = await compare(lines, other, { logFormat: sys.format, threads: 'off' });
    comparisons++;
    findings += report.findings.length;
    if (report.findings.length === 0 && report.verdict === 'pass') clean++;
    marks.push(report.findings.length === 0 ? '.' : String(report.findings.length));
    for (const f of report.findings) console.log(`  ${name} seed ${seed}: ${f.kind} ${f.severity} ${f.baselineCount}->${f.canaryCount} ${f.template.slice(0, 90)}`);
  }
  rows.push(`| ${name} | ${marks.join(' ')} |`);
  console.log(`${name.padEnd(12)} ${marks.join(' ')}`);
}
console.log(`${clean}/${comparisons} comparisons without findings, ${findings} findings in all`);

writeBenchSection(`## Order invariance

\`node bench/reorder.mjs\` compares each of the 16 loghub-2k systems (2,000 lines, its log format) with the same lines
in another order (${seeds} seeded shuffles each). The rates are equal on both sides, so a finding can only come from the
mining depending on the order lines arrive in. Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.

**${clean}/${comparisons} comparisons without findings** (${findings} findings in all). Findings per shuffle (\`.\` = none):

| system | shuffles |
|---|---|
${rows.join('\n')}

Before the mend of 2026-12-02 (a side's templates joined the other side's miner by being scanned again as messages,
so a partly variable token such as \`<*>/EUR\` was masked again), the build of that morning found 6 findings in 3 of the
16 comparisons of seed 1 (Thunderbird, Windows, Mac: a new and a gone signature for one statement). The other mend of
that day (a specific template joins the general one covering it whichever lines came first) shows in the python
control of \`npm run bench:variants\` and in \`test/templates-miner.test.ts\`, not here.
`);
