// Worker threads on and off, on the enlarged scenarios that `node bench/scale.mjs --keep` leaves in
// .bench-tmp/scale/<scenario>/ (about 1M lines per side): each comparison runs the CLI in a fresh process with
// `--threads on` and with `--threads off`, checks that the two JSON reports are byte for byte the same, and
// reports both wall times. Usage: node bench/scale.mjs --keep && node bench/threads.mjs [--no-doc]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/load.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';

const dir = join(root, '.bench-tmp', 'scale');
const scenarios = existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(join(dir, d, 'baseline.log')) && existsSync(join(dir, d, 'canary.log'))) : [];
if (scenarios.length === 0) throw new Error(`no enlarged scenarios in ${dir}: run node bench/scale.mjs --keep first`);

const run = (d, threads) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'compare', join(dir, d, 'baseline.log'), join(dir, d, 'canary.log'), '--format', 'json', '--threads', threads], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1 && r.status !== 3) throw new Error(`${d} --threads ${threads}: exit ${r.status}: ${r.stderr}`);
  return { seconds, stdout: r.stdout, verdict: JSON.parse(r.stdout).verdict };
};

const rows = [];
for (const d of scenarios) {
  const on = run(d, 'on');
  const off = run(d, 'off');
  const row = { name: d, same: on.stdout === off.stdout, verdict: on.verdict, on: on.seconds, off: off.seconds };
  rows.push(row);
  console.log(`${d.padEnd(40)} ${row.same ? 'same report' : 'REPORTS DIFFER'}  ${row.verdict.padEnd(8)} on ${on.seconds.toFixed(1)} s  off ${off.seconds.toFixed(1)} s  (${(off.seconds / on.seconds).toFixed(2)}x)`);
}
const same = rows.filter((r) => r.same).length;
const ratios = rows.map((r) => r.off / r.on).sort((a, b) => a - b);
console.log(`${same}/${rows.length} identical; speed-up with threads ${ratios[0].toFixed(2)}x-${ratios.at(-1).toFixed(2)}x`);

if (!process.argv.includes('--no-doc')) {
  writeBenchSection(`## Worker threads on and off (\`node bench/threads.mjs\`)

The enlarged scenarios of the scale bench (about 1,000,000 lines per side, left by \`node bench/scale.mjs --keep\`),
each compared by the CLI in a fresh process with \`--threads on\` and \`--threads off\` on this shared 2-core machine.

| scenario | reports | verdict | seconds, threads on | seconds, threads off | speed-up |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.name} | ${r.same ? 'identical' : '**differ**'} | ${r.verdict} | ${r.on.toFixed(1)} | ${r.off.toFixed(1)} | ${(r.off / r.on).toFixed(2)}x |`).join('\n')}

${same}/${rows.length} reports identical byte for byte; threads ${ratios[0].toFixed(2)}x-${ratios.at(-1).toFixed(2)}x faster.
`);
}
