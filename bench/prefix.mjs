// Speed of detectPrefix: nanoseconds of CPU per line for each loghub-2k system (the least of 7 rounds,
// as the machine may be shared), their mean, and the generated canary-bench logs when present; and, for the loghub
// systems, how often the auto-detected message is the ground truth's Content (what the system's log format gives),
// written to docs/benchmarks.md. Run: node bench/prefix.mjs [rounds=7] [--no-doc]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadLogsift, root } from './_bundle.mjs';
import { parseCsvRows } from './lib/csv.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';

const rounds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 7);
const { detectPrefix } = await loadLogsift();
const sets = {};
const loghub = join(root, '../shared/data/loghub-2k');
if (existsSync(loghub)) {
  for (const dir of readdirSync(loghub).sort()) {
    const log = join(loghub, dir, `${dir}_2k.log`);
    if (existsSync(log)) sets[dir] = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
  }
}
const canary = join(root, '../shared/canary-bench/public');
if (existsSync(canary)) {
  for (const dir of readdirSync(canary).filter((d) => /log4j|nginx|python/.test(d))) {
    sets[dir] = readFileSync(join(canary, dir, 'baseline.log'), 'utf8').split('\n').slice(0, 20_000);
  }
}
for (const lines of Object.values(sets)) for (const line of lines) detectPrefix(line); // warm-up
const best = {};
let sink = 0;
for (let r = 0; r < rounds; r++) {
  for (const [name, lines] of Object.entries(sets)) {
    const cpu = process.cpuUsage();
    for (let k = 0; k < 3; k++) for (const line of lines) sink += detectPrefix(line).message.length;
    const used = process.cpuUsage(cpu);
    const ns = ((used.user + used.system) * 1000) / (lines.length * 3);
    best[name] = Math.min(best[name] ?? Infinity, ns);
  }
}
const loghubNames = Object.keys(best).filter((n) => !n.includes('-'));
for (const [name, ns] of Object.entries(best)) {
  const found = sets[name].filter((l) => detectPrefix(l).message !== l).length;
  console.log(`${name.padEnd(36)} ${ns.toFixed(0).padStart(5)} ns/line  header found on ${((100 * found) / sets[name].length).toFixed(1)}%`);
}
if (loghubNames.length > 0) {
  const mean = loghubNames.reduce((a, n) => a + best[n], 0) / loghubNames.length;
  console.log(`loghub mean ${mean.toFixed(0)} ns/line = ${(1e3 / mean).toFixed(2)} M lines per CPU-second${sink < 0 ? '!' : ''}`);
}

// Agreement with the ground truth: the Content column of each system's truth file is what its log format leaves.
if (existsSync(loghub)) {
  const datasets = JSON.parse(readFileSync(join(loghub, 'datasets.json'), 'utf8'));
  const rows = [];
  for (const [name, d] of Object.entries(datasets)) {
    const lines = readFileSync(join(loghub, d.log), 'utf8').split('\n').filter((l) => l !== '').map((l) => l.replace(/\r$/, ''));
    const truth = parseCsvRows(readFileSync(join(loghub, d.truth), 'utf8'));
    const content = truth[0].indexOf('Content');
    let same = 0;
    for (let i = 0; i < lines.length; i++) if (detectPrefix(lines[i]).message.trim() === (truth[i + 1]?.[content] ?? '').trim()) same++;
    rows.push([name, same / lines.length]);
  }
  const table = rows.map(([n, a]) => `| ${n} | ${a.toFixed(3)} |`).join('\n');
  console.log(rows.map(([n, a]) => `${n} ${a.toFixed(3)}`).join('  '));
  writeBenchSection(`## Header detection without a format (\`node bench/prefix.mjs\`)

Share of each loghub-2k system's lines whose message as \`detectPrefix\` finds it (no log format) is the ground truth's
Content (what the system's log format leaves), trimmed. 0 where the header is not a shape logsift detects on its own
(BGL, HPC, Thunderbird and OpenStack start with fields of their own; Windows' component is a padded column that no
colon or dash closes, so it stays in the message), which is what \`--log-format\` is for. Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.
Where the share is below 1.000 and above 0, some messages start like a header part (on Mac, three lines whose program
writes its own level, \`kernel[0]: WARNING: hibernate_page_list_setall ...\`, give that level and the message starts
after it, where the ground truth keeps \`WARNING:\` in the content).

| system | agreement |
|---|---|
${table}
`);
}
