// Log-parsing accuracy on loghub-2k: every system is read with its log_format (compileLogFormat),
// its Content mined with ONE default TemplateMiner, each line labelled with its cluster's FINAL
// template, and the predictions scored (GA, FGA, PA, FTA) by bench/lib/loghub-score.mjs and
// cross-checked against ../shared/tools/loghub_eval.py.
// Run: npm run bench:loghub    flags: --src (bundle sources), --no-py, --no-doc, --show SYSTEM
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, toCsv } from './lib/csv.mjs';
import { loadLibrary, root } from './lib/load.mjs';
import { scoreLoghub } from './lib/loghub-score.mjs';
import { docWanted } from './lib/benchmarks-doc.mjs';

const args = process.argv.slice(2);
const SPEED_HEADING = '### TemplateMiner.add speed';
const dataDir = join(root, '../shared/data/loghub-2k');
const evalPy = join(root, '../shared/tools/loghub_eval.py');
const outDir = join(tmpdir(), 'logsift-loghub');
mkdirSync(outDir, { recursive: true });
const { TemplateMiner, compileLogFormat } = await loadLibrary();
const datasets = JSON.parse(readFileSync(join(dataDir, 'datasets.json'), 'utf8'));
const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;

const results = [];
let unmatched = 0;
for (const [name, d] of Object.entries(datasets)) {
  const format = compileLogFormat(d.log_format);
  const lines = readFileSync(join(dataDir, d.log), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const miner = new TemplateMiner();
  const clusterIds = lines.map((line) => {
    const parsed = format.parse(line);
    if (parsed === undefined) unmatched++;
    return miner.add(parsed === undefined ? line : parsed.content).template.clusterId;
  });
  const rows = clusterIds.map((id, i) => {
    const t = miner.templateOf(id);
    return [i + 1, t.id, t.text];
  });
  const predPath = join(outDir, `${name}_pred.csv`);
  writeFileSync(predPath, toCsv(['LineId', 'EventId', 'EventTemplate'], rows));
  const truthPath = join(dataDir, d.truth);
  const truth = parseCsv(readFileSync(truthPath, 'utf8'));
  const js = scoreLoghub(truth, parseCsv(readFileSync(predPath, 'utf8')));
  let py;
  if (!args.includes('--no-py')) {
    py = JSON.parse(execFileSync('python3', [evalPy, '--gt', truthPath, '--pred', predPath, '--json'], { encoding: 'utf8' }));
  }
  results.push({ name, js, py, templates: miner.templates().length });
  if (show === name || show === 'all') showMistakes(name, truth, rows);
}

function showMistakes(name, truth, rows) {
  const wrong = new Map();
  truth.forEach((r, i) => {
    const p = rows[i][2];
    if (p !== r.EventTemplate) {
      const k = `GT  ${r.EventTemplate}\nOUR ${p}`;
      const e = wrong.get(k) ?? { n: 0, content: r.Content };
      e.n++;
      wrong.set(k, e);
    }
  });
  const byGt = new Map();
  const byPred = new Map();
  truth.forEach((r, i) => {
    const p = rows[i][2];
    if (!byGt.has(r.EventTemplate)) byGt.set(r.EventTemplate, new Map());
    byGt.get(r.EventTemplate).set(p, (byGt.get(r.EventTemplate).get(p) ?? 0) + 1);
    if (!byPred.has(p)) byPred.set(p, new Map());
    byPred.get(p).set(r.EventTemplate, (byPred.get(p).get(r.EventTemplate) ?? 0) + 1);
  });
  console.log(`--- ${name}: grouping mistakes`);
  const lines = (m) => [...m.values()].reduce((a, b) => a + b, 0);
  for (const [g, preds] of [...byGt].sort((a, b) => lines(b[1]) - lines(a[1]))) if (preds.size > 1) console.log(`SPLIT GT ${g}\n${[...preds].map(([p, n]) => `   ${n}x ${p}`).join('\n')}`);
  for (const [p, gts] of byPred) if (gts.size > 1) console.log(`MERGED OUR ${p}\n${[...gts].map(([g, n]) => `   ${n}x ${g}`).join('\n')}`);
  if (args.includes('--groups')) return;
  console.log(`--- ${name}: PA mistakes`);
  for (const [k, e] of [...wrong].sort((a, b) => b[1].n - a[1].n).slice(0, 40)) console.log(`${e.n}x\n${k}\n    ${e.content.slice(0, 160)}`);
}

const keys = ['GA', 'FGA', 'PA', 'FTA'];
const f = (x) => x.toFixed(3);
const avg = Object.fromEntries(keys.map((k) => [k, results.reduce((s, r) => s + r.js[k], 0) / results.length]));
let disagreements = 0;
const table = ['| system | GA | FGA | PA | FTA | templates (truth) |', '|---|---|---|---|---|---|'];
for (const r of results) {
  table.push(`| ${r.name} | ${keys.map((k) => f(r.js[k])).join(' | ')} | ${r.templates} (${r.js.nGtGroups}) |`);
  if (r.py) {
    for (const k of keys) {
      if (Math.abs(r.py[k] - r.js[k]) > 1e-9) {
        disagreements++;
        console.error(`scorer disagreement on ${r.name} ${k}: js ${r.js[k]} python ${r.py[k]}`);
      }
    }
  }
}
table.push(`| **average** | **${keys.map((k) => f(avg[k])).join('** | **')}** | |`);
console.log(table.join('\n'));
if (results[0].py) {
  console.log('\nPython loghub_eval.py on the same predictions:');
  for (const r of results) console.log(`  ${r.name.padEnd(12)} ${keys.map((k) => `${k} ${f(r.py[k])}`).join('  ')}`);
  console.log(disagreements === 0 ? 'JS and Python scorers agree to 1e-9 on every system and metric.' : `${disagreements} disagreements`);
}
if (unmatched > 0) console.log(`${unmatched} lines did not match their log_format (mined whole).`);

if (docWanted() && !args.includes('--src')) {
  const docPath = join(root, 'docs/benchmarks.md');
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf('## Log parsing (loghub-2k)');
  const end = doc.indexOf('\n## ', start + 1);
  const section = [
    '## Log parsing (loghub-2k)',
    '',
    'All 16 systems of loghub-2k, each read with its `log_format` through `compileLogFormat`, mined with one',
    'default `TemplateMiner` (no per-system masks, thresholds or rules), every line labelled with the final template',
    'of its cluster, scored against the `truth` file of `datasets.json` (Loghub-2.0 corrections; Khan et al. for',
    'Android and Windows). Command: `npm run bench:loghub`. The JS scorer (`bench/lib/loghub-score.mjs`) is checked',
    `against \`shared/tools/loghub_eval.py\` on every system (${disagreements === 0 ? 'they agree to 1e-9' : `${disagreements} disagreements`}).`,
    '',
    ...table,
    '',
    'For reference on the same ground truth (14 systems): Drain GA .853 / FGA .735 / PA .311; Brain GA .984 / PA .322.',
    '',
  ].join('\n');
  // Keep the miner-speed subsection written by bench/miner.mjs.
  const old = doc.slice(start, end < 0 ? undefined : end);
  const speedAt = old.indexOf(SPEED_HEADING);
  const speed = speedAt < 0 ? '' : '\n' + old.slice(speedAt).trimEnd() + '\n';
  writeFileSync(docPath, doc.slice(0, start) + section + speed + (end < 0 ? '' : doc.slice(end)));
}
process.exitCode = disagreements === 0 ? 0 : 1;
