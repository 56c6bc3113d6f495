// Severity of every loghub-2k ground-truth template (both *_templates_corrected*.csv files per system),
// so a human can eyeball false positives. Prints a count table per system, then every critical and
// error template with the topics that decided it, then the cost. Run after `npm run build`:
//   node bench/severity.mjs [--all]      (LOGSIFT_DIST=path/to/index.js to use another build)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const importStart = performance.now();
const { explainSeverity } = await import(process.env.LOGSIFT_DIST ?? '../dist/index.js');
const importMs = performance.now() - importStart;
const firstStart = performance.now();
explainSeverity('warm-up: the job did not fail');
const firstMs = performance.now() - firstStart;
const root = new URL(process.env.LOGHUB_DIR ?? '../../shared/data/loghub-2k/', import.meta.url).pathname;
const showAll = process.argv.includes('--all');

// Minimal RFC 4180 reader for the two-column template files.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

const systems = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const table = [];
const flagged = [];
let templates = 0;
const start = performance.now();
for (const system of systems) {
  const files = readdirSync(join(root, system)).filter((f) => /_templates_corrected.*\.csv$/.test(f));
  const texts = new Set();
  for (const file of files) {
    const rows = parseCsv(readFileSync(join(root, system, file), 'utf8'));
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
