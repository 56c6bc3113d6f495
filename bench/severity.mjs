// Severity of every loghub-2k ground-truth template (both *_templates_corrected*.csv files per system),
// so a human can eyeball false positives. Prints a count table per system, then every critical and
// error template with the topics that decided it, then the cost. Run after `npm run build`:
//   node bench/severity.mjs [--all]      (LOGSIFT_DIST=path/to/index.js to use another build)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRows } from './lib/csv.mjs';

const importStart = performance.now();
const { explainSeverity } = await import(process.env.LOGSIFT_DIST ?? '../dist/index.js');
const importMs = performance.now() - importStart;
const firstStart = performance.now();
explainSeverity('warm-up: the job did not fail');
const firstMs = performance.now() - firstStart;
const root = new URL(process.env.LOGHUB_DIR ?? '../../shared/data/loghub-2k/', import.meta.url).pathname;
const showAll = process.argv.includes('--all');


const systems = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const table = [];
const flagged = [];
let templates = 0;
const start = performance.now();
for (const system of systems) {
  const files = readdirSync(join(root, system)).filter((f) => /_templates_corrected.*\.csv$/.test(f));
  const texts = new Set();
  for (const file of files) {
    const rows = parseCsvRows(readFileSync(join(root, system, file), 'utf8'));
    const column = rows[0].indexOf('EventTemplate');
    for (const row of rows.slice(1)) if (row[column]) texts.add(row[column]);
  }
  const counts = { critical: 0, error: 0, warning: 0, info: 0 };
  for (const text of texts) {
    const e = explainSeverity(text);
    counts[e.severity]++;
    templates++;
    const decisive = e.matches.filter((m) => m.status === 'asserted').map((m) => m.topic);
    const discounted = e.matches.filter((m) => m.status !== 'asserted').map((m) => `${m.topic}:${m.status}`);
    if (e.severity === 'critical' || e.severity === 'error' || (showAll && e.matches.length > 0)) {
      flagged.push({ system, severity: e.severity, text, why: [...new Set(decisive)].join(','), discounted: discounted.join(',') });
    }
  }
  table.push({ system, templates: texts.size, ...counts });
}
const ms = performance.now() - start;

console.log('| system | templates | critical | error | warning | info |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of table) console.log(`| ${r.system} | ${r.templates} | ${r.critical} | ${r.error} | ${r.warning} | ${r.info} |`);
console.log();
for (const f of flagged) {
  const extra = f.discounted ? `  [discounted: ${f.discounted}]` : '';
  console.log(`${f.system.padEnd(11)} ${f.severity.padEnd(8)} ${f.text.slice(0, 110)}  <- ${f.why}${extra}`);
}

// Agreement with the level the writers gave, where the structured logs have a Level column: per
// template, the most common level. The text alone is classified (no level passed), so this shows how
// the topics fare when a log has no level: "text error, level info" are candidate false positives.
const LEVELS = [
  [/^(?:f|fatal|severe|critical|crit|emerg|alert|failure)$/i, 'critical'],
  [/^(?:e|err|error)$/i, 'error'],
  [/^(?:w|warn|warning)$/i, 'warning'],
  [/^(?:i|info|information|d|debug|v|verbose|notice|trace)$/i, 'info'],
];
const rank = { info: 0, warning: 1, error: 2, critical: 3 };
const agreement = [];
const disagreements = [];
for (const system of systems) {
  const file = readdirSync(join(root, system)).find((f) => /_structured_corrected\.csv$/.test(f));
  if (!file) continue;
  const rows = parseCsvRows(readFileSync(join(root, system, file), 'utf8'));
  const levelColumn = rows[0].indexOf('Level');
  const templateColumn = rows[0].indexOf('EventTemplate');
  if (levelColumn < 0) continue;
  const byTemplate = new Map();
  for (const row of rows.slice(1)) {
    const level = LEVELS.find(([re]) => re.test(row[levelColumn] ?? ''))?.[1];
    if (!level || !row[templateColumn]) continue;
    const counts = byTemplate.get(row[templateColumn]) ?? {};
    counts[level] = (counts[level] ?? 0) + 1;
    byTemplate.set(row[templateColumn], counts);
  }
  if (byTemplate.size === 0) continue;
  const row = { system, templates: byTemplate.size, same: 0, textHigher: 0, textLower: 0, falseError: 0, missedError: 0 };
  for (const [text, counts] of byTemplate) {
    const level = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const severity = explainSeverity(text).severity;
    if (severity === level) row.same++;
    else if (rank[severity] > rank[level]) row.textHigher++;
    else row.textLower++;
    if (rank[severity] >= 2 && rank[level] < 2) row.falseError++, disagreements.push(`${system.padEnd(11)} text ${severity.padEnd(8)} level ${level.padEnd(8)} ${text.slice(0, 100)}`);
    if (rank[level] >= 2 && rank[severity] < 2) row.missedError++, disagreements.push(`${system.padEnd(11)} text ${severity.padEnd(8)} level ${level.padEnd(8)} ${text.slice(0, 100)}`);
  }
  agreement.push(row);
}
console.log('\n| system | templates with a level | same severity | text higher | text lower | text error+, level below | level error+, text below |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of agreement) console.log(`| ${r.system} | ${r.templates} | ${r.same} | ${r.textHigher} | ${r.textLower} | ${r.falseError} | ${r.missedError} |`);
console.log();
for (const d of disagreements) console.log(d);

// The generated services of the canary benchmark publish a truth per template (level, error, critical).
// Compare with the level given (how compare() calls it for logs with levels) and from the text alone.
const benchRoot = new URL(process.env.CANARY_BENCH_DIR ?? '../../shared/canary-bench/public/', import.meta.url).pathname;
const LEVEL_NAMES = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', WARNING: 'warn', ERROR: 'error', FATAL: 'fatal', CRITICAL: 'fatal' };
const truthRows = [];
const truthMisses = [];
for (const dir of readdirSync(benchRoot, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  let spec;
  try {
    spec = JSON.parse(readFileSync(join(benchRoot, dir.name, 'templates.json'), 'utf8'));
  } catch {
    continue;
  }
  const row = { format: spec.format, templates: 0, withLevel: 0, textOnly: 0 };
  for (const t of spec.templates) {
    const truth = t.critical ? 'critical' : t.error ? 'error' : 'below error';
    const bucket = (sev) => (sev === 'critical' ? 'critical' : sev === 'error' ? 'error' : 'below error');
    const level = LEVEL_NAMES[t.level];
    const withLevel = bucket(explainSeverity(t.template, level ? { level } : {}).severity);
    const textOnly = bucket(explainSeverity(t.template).severity);
    row.templates++;
    if (withLevel === truth) row.withLevel++;
    if (textOnly === truth) row.textOnly++;
    if (withLevel !== truth || textOnly !== truth) {
      truthMisses.push(`${spec.format.padEnd(7)} truth ${truth.padEnd(11)} level ${t.level.padEnd(5)} with level ${withLevel.padEnd(11)} text only ${textOnly.padEnd(11)} ${t.template.slice(0, 90)}`);
    }
  }
  truthRows.push(row);
}
if (truthRows.length > 0) {
  console.log('\n| generated format | templates | right with the level | right from the text alone |');
  console.log('|---|---:|---:|---:|');
  for (const r of truthRows) console.log(`| ${r.format} | ${r.templates} | ${r.withLevel} | ${r.textOnly} |`);
  console.log('(right = same bucket as the truth: critical, error, or below error)\n');
  for (const m of truthMisses) console.log(m);
}

// Cost. wink-nlp runs only for templates with a negation word close before a topic, once per distinct
// template text; everything else is regular expressions. Distinct synthetic texts defeat the cache.
function meanUs(make, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) explainSeverity(make(i));
  return ((performance.now() - t) * 1000) / n;
}
const plainUs = meanUs((i) => `Connection to host-${i} refused after ${i} ms`, 5000);
const negatedUs = meanUs((i) => `batch ${i} finished without any errors`, 2000);
const cachedUs = meanUs(() => 'batch 7 finished without any errors', 100000);
console.log(`\n${templates} loghub templates classified in ${ms.toFixed(1)} ms, uncached (${((ms * 1000) / templates).toFixed(1)} us/template)`);
console.log(`library import ${importMs.toFixed(0)} ms; first wink-nlp use (model start) ${firstMs.toFixed(0)} ms`);
console.log(`per distinct template: ${plainUs.toFixed(1)} us without a negation word, ${negatedUs.toFixed(1)} us with one (wink-nlp parse); cached ${cachedUs.toFixed(2)} us`);
