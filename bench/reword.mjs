// Benign rewordings beyond the one public benign-reword scenario: from every generated public scenario of
// ../shared/canary-bench, a new canary is made the way the benchmark's README describes benign-reword
// scenarios: the injected fault events are removed, the 3 most frequent INFO statements get one constant word
// changed (every event of the statement), as does the most frequent ERROR statement (the benchmark rewords
// INFO statements only; an ERROR one tests that a rewording keeps its error history), and the most frequent INFO API path moves from /api/v1/ to /api/v2/
// in every event that carries it (error statements on that path included). Version drift stays as it was.
// The scenarios (expected verdict pass, no faults) are scored with canary_eval.py twice: with the CLI as it
// is, and with alignment turned off (bench/lib/compare-no-align.mjs).
// Run: npm run build && node bench/reword.mjs [--write]   (--write records the result in docs/benchmarks.md)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { root } from './lib/load.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';

const pub = join(root, '..', 'shared', 'canary-bench', 'public');
const out = join(root, '.bench-tmp', 'reword');
const TROUBLE = /exception|error|fail|fatal|panic|timeout|refused|denied|reject|declin|invalid|abort|unavailable|warn|retry/i;
const SYNONYM = ['handled', 'recorded', 'registered', 'logged', 'noted'];

function rows(path) {
  const text = gunzipSync(readFileSync(path)).toString('utf8').trimEnd().split('\n');
  const head = text[0].split('\t');
  return text.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i], v])));
}

const made = [];
for (const dir of readdirSync(pub).sort()) {
  let truth;
  try {
    truth = JSON.parse(readFileSync(join(pub, dir, 'truth.json'), 'utf8'));
  } catch {
    continue;
  }
  if (truth.source !== 'generated') continue;
  const templates = JSON.parse(readFileSync(join(pub, dir, 'templates.json'), 'utf8')).templates;
  const byId = new Map(templates.map((t) => [t.id, t]));
  const lines = readFileSync(join(pub, dir, 'canary.log'), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const events = rows(join(pub, dir, 'canary.events.tsv.gz')).map((r) => ({
    id: r.templateId,
    fault: r.fault,
    text: lines.slice(Number(r.line) - 1, Number(r.line) - 1 + Number(r.nLines)),
  }));
  const kept = events.filter((e) => !e.fault);
  const counts = new Map();
  for (const e of kept) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  const info = [...counts].filter(([id]) => byId.get(id)?.level === 'INFO').sort((a, b) => b[1] - a[1]);
  const rewords = [];
  for (const [id] of info) {
    if (rewords.length === 3) break;
    const words = byId.get(id).template.split(/[^A-Za-z]+/).filter((w) => w.length >= 4 && !TROUBLE.test(w));
    const sample = kept.filter((e) => e.id === id).slice(0, 50);
    // a word that occurs exactly once in each event's first line can be changed safely
    const word = words.find((w) => sample.every((e) => e.text[0].split(w).length === 2));
    if (word) rewords.push({ id, from: word, to: SYNONYM[rewords.length] });
  }
  // and one ERROR statement (beyond what the benchmark's scenarios do): it must keep its error history
  const errors = [...counts].filter(([id]) => byId.get(id)?.level === 'ERROR' && !byId.get(id)?.critical).sort((a, b) => b[1] - a[1]);
  for (const [id] of errors) {
    const words = byId.get(id).template.split(/[^A-Za-z]+/).filter((w) => w.length >= 4 && !TROUBLE.test(w));
    const sample = kept.filter((e) => e.id === id).slice(0, 50);
    const word = words.find((w) => sample.every((e) => e.text[0].split(w).length === 2));
    if (word) {
      rewords.push({ id, from: word, to: 'upstream', error: true });
      break;
    }
  }
  const paths = info.map(([id]) => JSON.stringify(byId.get(id)).match(/\/api\/v1\/[a-z]+/)?.[0]).filter(Boolean);
  const path = paths[0];
  const canary = [];
  for (const e of kept) {
    let text = e.text.join('\n');
    const r = rewords.find((x) => x.id === e.id);
    if (r) text = text.replace(r.from, r.to);
    if (path) text = text.split(path).join(path.replace('/api/v1/', '/api/v2/'));
    canary.push(text);
  }
  const name = `reword-${truth.format}-${dir.slice(0, 3)}`;
  const sdir = join(out, name);
  mkdirSync(sdir, { recursive: true });
  const baseline = readFileSync(join(pub, dir, 'baseline.log'));
  writeFileSync(join(sdir, 'baseline.log'), baseline);
  const canaryText = canary.join('\n') + '\n';
  writeFileSync(join(sdir, 'canary.log'), canaryText);
  const benign = [{ type: 'reword', templates: rewords.map((r) => ({ id: r.id, from: r.from, to: r.to })), path: path ?? null }];
  writeFileSync(
    join(sdir, 'truth.json'),
    JSON.stringify({
      name, set: 'synthetic', kind: 'benign-reword', source: 'generated', format: truth.format, logFormat: null,
      expectedVerdicts: ['pass'], faults: [], benign, tolerated: [], from: dir,
      baselineLines: baseline.toString('utf8').split('\n').length - 1, canaryLines: canaryText.split('\n').length - 1,
    }),
  );
  made.push({ name, rewords, path });
}
for (const m of made) console.log(`${m.name}: ${m.rewords.map((r) => `${r.from}->${r.to}${r.error ? ' (ERROR)' : ''}`).join(', ')}${m.path ? `, ${m.path}/ -> v2` : ''}`);

function run(label, cmd) {
  const summary = join(out, `summary-${label}.json`);
  const stdout = execFileSync('python3', [
    join(root, '..', 'shared', 'tools', 'canary_eval.py'), '--scenarios', out, '--cmd', cmd, '--timeout', '300',
    '--out-json', summary, '--out-md', join(out, `table-${label}.md`), '--keep-outputs', join(out, `outputs-${label}`),
  ], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  const rowsOut = JSON.parse(readFileSync(summary, 'utf8')).rows ?? [];
  return { line: stdout.trim().split('\n').pop(), rows: rowsOut };
}
const cli = `node ${join(root, 'dist', 'cli.js')} compare {baseline} {canary} --format json`;
const before = run('no-align', `node ${join(root, 'bench', 'lib', 'compare-no-align.mjs')} {baseline} {canary}`);
const after = run('align', cli);
const table = ['| scenario | changes | without alignment: verdict, error findings | with alignment: verdict, error findings |', '|---|---|---|---|'];
for (const m of made) {
  const b = before.rows.find((r) => r.name === m.name) ?? {};
  const a = after.rows.find((r) => r.name === m.name) ?? {};
  table.push(`| ${m.name} | ${[...m.rewords.map((r) => `${r.from}→${r.to}${r.error ? ' (ERROR)' : ''}`), ...(m.path ? [`${m.path}/→v2`] : [])].join(', ')} | ${b.verdict}, ${b.falseFindings} | ${a.verdict}, ${a.falseFindings} |`);
}
const notes = [];
for (const m of made) {
  const row = after.rows.find((r) => r.name === m.name);
  if (!row || row.verdict === 'pass') continue;
  const report = JSON.parse(readFileSync(join(out, 'outputs-align', `${m.name}.json`), 'utf8'));
  const top = report.findings[0];
  notes.push(`- ${m.name} is ${row.verdict} with alignment because of its riskiest finding, ${top.kind} ${top.severity} (risk ${top.risk}${top.pairedWith ? ', a paired rewording' : ', not a rewording'}): \`${top.template.slice(0, 100)}\``);
}
console.log(`without alignment: ${before.line}\nwith alignment:    ${after.line}\n${table.join('\n')}\n${notes.join('\n')}`);
if (process.argv.includes('--write')) {
  const title = '## Benign rewordings (synthetic, from the generated public scenarios)';
  const section = [
    title, '',
    '`node bench/reword.mjs` (after `npm run build`) makes one benign-reword scenario from each generated public',
    'scenario (faults removed; the 3 most frequent INFO statements and the most frequent ERROR statement get one word',
    'changed; the top INFO API path moves',
    'from /api/v1/ to /api/v2/ in every event on it, error statements included) and scores it with canary_eval.py,',
    `with cross-version alignment off and on. Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`,
    '', `- without alignment: \`${before.line}\``, `- with alignment: \`${after.line}\``, '', ...table, '', ...(notes.length ? [...notes, ''] : []), '',
  ].join('\n');
  writeBenchSection(section);
}
