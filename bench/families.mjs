// Does family-level grouping raise grouping accuracy over raw templates? Every loghub-2k system is mined as
// in bench/loghub.mjs (one default TemplateMiner, final template per line); then the distinct templates are
// grouped into families (groupFamilies: k-means over TF-IDF template vectors, k by silhouette, members too
// unlike their family split off at minSimilarity) and each line is labelled with its template's family.
// GA and FGA of both labellings are scored against the truth files (bench/lib/loghub-score.mjs).
// Run: npm run build && node bench/families.mjs [--src] [--write]   (--write puts the table in docs/benchmarks.md)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './lib/csv.mjs';
import { loadLibrary, root } from './lib/load.mjs';
import { scoreLoghub } from './lib/loghub-score.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';

const { TemplateMiner, compileLogFormat, groupFamilies } = await loadLibrary();
const dataDir = join(root, '../shared/data/loghub-2k');
const datasets = JSON.parse(readFileSync(join(dataDir, 'datasets.json'), 'utf8'));
const variants = [
  { name: 'templates', options: undefined },
  { name: 'families (k-means only)', options: { minSimilarity: 0 } },
  { name: 'families, minSimilarity 0.5 (default)', options: { minSimilarity: 0.5 } },
  { name: 'families, minSimilarity 0.8', options: { minSimilarity: 0.8 } },
];
const rows = [];
for (const [name, d] of Object.entries(datasets)) {
  const format = compileLogFormat(d.log_format);
  const lines = readFileSync(join(dataDir, d.log), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const miner = new TemplateMiner();
  const ids = lines.map((line) => miner.add(format.parse(line)?.content ?? line).template.clusterId);
  const texts = ids.map((id) => miner.templateOf(id).text);
  const distinct = [...new Set(texts)];
  const truth = parseCsv(readFileSync(join(dataDir, d.truth), 'utf8'));
  const row = { name, templates: distinct.length, truthGroups: 0, results: [] };
  for (const v of variants) {
    let label = (t) => t;
    let families = distinct.length;
    const started = performance.now();
    if (v.options) {
      const g = groupFamilies(distinct, v.options);
      const of = new Map(distinct.map((t, i) => [t, `family-${g.family[i]}`]));
      label = (t) => of.get(t);
      families = g.families.length;
    }
    const ms = performance.now() - started;
    const pred = texts.map((t, i) => ({ LineId: String(i + 1), EventTemplate: label(t) }));
    const s = scoreLoghub(truth, pred);
    row.truthGroups = s.nGtGroups;
    row.results.push({ GA: s.GA, FGA: s.FGA, groups: families, ms });
  }
  rows.push(row);
  console.error(`${name}: ${row.results.map((r) => r.FGA.toFixed(3)).join(' / ')}`);
}
const f = (x) => x.toFixed(3);
const head = `| system | truth groups | ${variants.map((v) => `${v.name}: groups, GA, FGA`).join(' | ')} |`;
const table = [head, `|---|---|${variants.map(() => '---').join('|')}|`];
for (const r of rows) table.push(`| ${r.name} | ${r.truthGroups} | ${r.results.map((x) => `${x.groups}, ${f(x.GA)}, ${f(x.FGA)}`).join(' | ')} |`);
const mean = (i, k) => rows.reduce((s, r) => s + r.results[i][k], 0) / rows.length;
table.push(`| **average** | | ${variants.map((_, i) => `**${f(mean(i, 'GA'))}, ${f(mean(i, 'FGA'))}**`).join(' | ')} |`);
const slowest = Math.max(...rows.flatMap((r) => r.results.map((x) => x.ms)));
console.log(table.join('\n'));
console.log(`slowest grouping: ${slowest.toFixed(0)} ms`);
if (process.argv.includes('--write')) {
  const title = '## Template families (loghub-2k)';
  const section = [
    title,
    '',
    '`node bench/families.mjs` (after `npm run build`): each system mined as in the log-parsing benchmark, the',
    'distinct templates grouped by `groupFamilies` (k-means over TF-IDF template vectors, k by silhouette), and',
    'every line labelled with its family instead of its template. Scored with the same GA/FGA as above.',
    `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}; slowest grouping of one system ${slowest.toFixed(0)} ms.`,
    '',
    ...table,
    '',
    `Against raw templates, family labels raise FGA on ${variants.slice(1).map((v, i) => `${rows.filter((r) => r.results[i + 1].FGA > r.results[0].FGA + 1e-9).length} of ${rows.length} systems (${v.name})`).join(', ')}:`,
    'families are a way to read related findings together, not a better log parser.',
    '',
    '',
  ].join('\n');
  writeBenchSection(section);
}
