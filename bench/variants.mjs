// More scenarios of the hidden set's kinds for the five generated services, built from the public generated
// scenarios' baselines and their per-event truth (baseline.events.tsv.gz: the template id and level of every
// event). The events of one baseline are split at random into two sides (a control), then changed:
//   control        the two halves as they are                                   expected pass
//   volume-0.25    the canary keeps a random quarter of its events                expected pass
//   spike-m3/m10   the canary's events of one WARN+ template occur m times as often (copies with redrawn ids)
//                                                                                 expected fail/marginal, fail
//   reword         2-3 frequent INFO statements have one constant word changed in the canary  expected pass,
//                  and no error or critical finding
//   param          40% of one INFO statement's canary events carry a failure value (status 503, err=..., DECLINED)
//                                                                                 expected fail/marginal
//   samehdr-nN     N canary events of an ERROR statement carry another exception or error value (same message)
//                                                                                 N=10: fail; N=3: fail/marginal
//   novel-nN       one ERROR template is removed from the baseline and kept N times in the canary
//                                                                                 N=10: fail; N=3: fail/marginal; N=1: any
// Each pair is compared in this process with compare(); prints one row per case and a summary, and writes a
// section of docs/benchmarks.md. Usage: npm run bench:variants --  [--seeds 3] [--no-doc] [--dist DIR] [--why]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';
import { rng } from './lib/rng.mjs';
import { option } from './lib/args.mjs';

const args = process.argv.slice(2);
const seeds = Number(option('seeds', 3));
// --dist DIR: another build (to compare two builds case by case)
const dist = option('dist', join(root, 'dist'));
const { compare } = await import(pathToFileURL(join(dist, 'index.js')).href);
const publicDir = join(root, '..', 'shared', 'canary-bench', 'public');

/** The events of a generated log with their truth: text (all lines), template id, level, critical. */
function readEvents(dir) {
  const lines = readFileSync(join(dir, 'baseline.log'), 'utf8').split('\n');
  const rows = gunzipSync(readFileSync(join(dir, 'baseline.events.tsv.gz'))).toString('utf8').trim().split('\n').slice(1);
  return rows.map((r) => {
    const [line, n, templateId, level, , critical] = r.split('\t');
    const start = Number(line) - 1;
    return { text: lines.slice(start, start + Number(n)).join('\n'), templateId, level, critical: critical === '1' };
  });
}

/**
 * Copies an event with its ids redrawn after the first 50 characters (a fresh occurrence, not a replay): runs of
 * 4+ digits and 8+ hex digits; shorter numbers (statuses, counts, ports under 1000) stay.
 */
function redraw(text, next) {
  const digit = () => String(Math.floor(next() * 10));
  const hex = () => '0123456789abcdef'[Math.floor(next() * 16)];
  return (
    text.slice(0, 50) +
    text.slice(50).replace(/\b[0-9a-f]{8,}\b|\d{4,}/g, (m) => (/^\d+$/.test(m) ? String(1 + Math.floor(next() * 9)) + Array.from(m.slice(1), digit).join('') : Array.from(m, hex).join('')))
  );
}

function insertAt(list, items, next) {
  const out = list.slice();
  for (const item of items) out.splice(Math.floor(next() * (out.length + 1)), 0, item);
  return out;
}

/** Constant words a release may reword, and what they become. */
const SYNONYMS = {
  completed: 'finished', placed: 'created', Reserved: 'Held', started: 'began', received: 'got', processed: 'handled',
  updated: 'changed', sent: 'dispatched', loaded: 'read', request: 'call', cache: 'store', scheduled: 'queued',
  finished: 'done', created: 'made', Starting: 'Launching', served: 'answered', connected: 'attached',
};

/**
 * The event with another error in place of its own (the message stays): a JSON \`error.type\`, a logfmt \`err\`,
 * or the first exception class of a multi-line trace; undefined when the event carries none.
 */
function swapError(text) {
  const type = /"error\.type":"([^"]+)"/.exec(text);
  if (type !== null) return text.split(type[1]).join('RangeError');
  const err = / err=("[^"]*"|\S+)/.exec(text);
  if (err !== null && err[1] !== 'nil') return text.replace(err[0], ' err="connection reset by peer"');
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  const cls = /\b((?:[a-z]\w*\.)+)?([A-Z]\w*(?:Exception|Error))\b/.exec(text.slice(nl));
  if (cls === null) return undefined;
  const replacement = cls[1] ? 'java.lang.IllegalStateException' : 'RecursionError';
  return text.slice(0, nl) + text.slice(nl).split(cls[0]).join(replacement);
}

/** Healthy outcome values and the failure value a parameter fault puts in their place. */
const FAILURES = [
  [/"http\.response\.status_code":200\b/, '"http.response.status_code":503'],
  [/\bstatus=200\b/, 'status=503'],
  [/\berr=nil\b/, 'err="context deadline exceeded"'],
  [/\bresult=(?:OK|APPROVED|SUCCESS)\b/, 'result=DECLINED'],
  [/(HTTP\/[\d.]+" )200 /, '$1503 '],
];

const rows = [];
const dirs = existsSync(publicDir)
  ? readdirSync(publicDir).filter(
      (d) => existsSync(join(publicDir, d, 'baseline.events.tsv.gz')) && JSON.parse(readFileSync(join(publicDir, d, 'truth.json'), 'utf8')).source === 'generated',
    )
  : [];
if (dirs.length === 0) throw new Error(`no generated scenarios with per-event truth under ${publicDir}`);
for (const dir of dirs) {
  const format = JSON.parse(readFileSync(join(publicDir, dir, 'truth.json'), 'utf8')).format;
  const events = readEvents(join(publicDir, dir));
  const counts = new Map();
  for (const e of events) if (e.level === 'WARN' || e.level === 'ERROR' || e.level === 'FATAL') counts.set(e.templateId, (counts.get(e.templateId) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1]);
  for (let seed = 1; seed <= seeds; seed++) {
    const next = rng(seed * 7919 + dir.length);
    const a = [];
    const b = [];
    for (const e of events) (next() < 0.5 ? a : b).push(e);
    const warn = byCount.filter(([, c]) => c >= 12);
    // a different WARN+ template per seed, from the middle of the frequency ranking
    const spiked = warn[Math.min(warn.length - 1, 2 + seed)][0];
    const errors = byCount.filter(([id, c]) => c >= 20 && events.find((e) => e.templateId === id).level === 'ERROR');
    const novelId = errors[(seed - 1) % errors.length][0];
    // as in the benchmark's truth: a control where a WARN+ template is by chance 3x as frequent in the canary
    // (or absent from the baseline) lists it as tolerated, and then marginal is right too
    const controlExpected = (base, canary) => {
      const count = (list) => {
        const m = new Map();
        for (const e of list) if (e.level !== 'INFO' && e.level !== 'DEBUG') m.set(e.templateId, (m.get(e.templateId) ?? 0) + 1);
        return m;
      };
      const cb = count(base);
      const cc = count(canary);
      const tolerated = [...cc].some(([id, n]) => (cb.get(id) ?? 0) === 0 || n / canary.length >= (3 * cb.get(id)) / base.length);
      return tolerated ? ['pass', 'marginal'] : ['pass'];
    };
    const quarter = b.filter(() => next() < 0.25);
    const cases = [
      ['control', a, b, controlExpected(a, b)],
      ['volume-0.25', a, quarter, controlExpected(a, quarter)],
    ];
    {
      // benign rewording: in 2-3 frequent INFO statements one constant word changes in every canary event
      const info = [...new Map(events.filter((e) => e.level === 'INFO').map((e) => [e.templateId, 0]))].map(([id]) => id);
      const reworded = new Map();
      for (const id of info.slice(seed - 1)) {
        const texts = b.filter((e) => e.templateId === id).map((e) => e.text.slice(50));
        if (texts.length < 20) continue;
        const word = Object.keys(SYNONYMS).find((w) => texts.every((t) => new RegExp(`\\b${w}\\b`).test(t)));
        if (word === undefined) continue;
        reworded.set(id, word);
        if (reworded.size === 3) break;
      }
      const canary = b.map((e) => {
        const word = reworded.get(e.templateId);
        return word === undefined ? e : { ...e, text: e.text.slice(0, 50) + e.text.slice(50).replace(new RegExp(`\\b${word}\\b`), SYNONYMS[word]) };
      });
      cases.push([`reword ${[...reworded].map(([id, w]) => `${id}:${w}`).join(',')}`, a, canary, controlExpected(a, b), true]);
    }
    {
      // a parameter fault: 40% of one INFO statement's canary events carry a failure value in an outcome field
      const ids = [...new Set(events.filter((e) => e.level === 'INFO').map((e) => e.templateId))];
      const usable = ids
        .map((id) => [id, b.filter((e) => e.templateId === id)])
        .filter(([, list]) => list.length >= 30)
        .map(([id, list]) => [id, FAILURES.find(([rx]) => list.every((e) => rx.test(e.text)))])
        .filter(([, f]) => f !== undefined);
      if (usable.length > 0) {
        const [id, [rx, failure]] = usable[(seed - 1) % usable.length];
        const canary = b.map((e) => (e.templateId === id && next() < 0.4 ? { ...e, text: e.text.replace(rx, failure) } : e));
        cases.push([`param ${id}`, a, canary, ['fail', 'marginal']]);
      }
    }
    for (const m of [3, 10]) {
      // the canary's rate of the template becomes m times the baseline's
      const own = b.filter((e) => e.templateId === spiked);
      const target = Math.round((m * a.filter((e) => e.templateId === spiked).length * b.length) / a.length);
      const extra = [];
      for (let k = 0; own.length + extra.length < target; k++) extra.push({ ...own[k % own.length], text: redraw(own[k % own.length].text, next) });
      cases.push([`spike-m${m} ${spiked}`, a, insertAt(b, extra, next), m === 3 ? ['fail', 'marginal'] : ['fail']]);
    }
    {
      // same header, new error: in N canary events of an ERROR statement only the exception (or error value) changes
      const ids = [...new Set(events.filter((e) => e.level === 'ERROR').map((e) => e.templateId))];
      const usable = ids.filter((id) => {
        const list = b.filter((e) => e.templateId === id);
        return list.length >= 10 && list.every((e) => swapError(e.text) !== undefined);
      });
      if (usable.length > 0) {
        const id = usable[(seed - 1) % usable.length];
        for (const n of [3, 10]) {
          const chosen = new Set(b.filter((e) => e.templateId === id).slice(0, n));
          const canary = b.map((e) => (chosen.has(e) ? { ...e, text: swapError(e.text) } : e));
          cases.push([`samehdr-n${n} ${id}`, a, canary, n >= 10 ? ['fail'] : ['fail', 'marginal']]);
        }
      }
    }
    for (const n of [1, 3, 10]) {
      const kept = b.filter((e) => e.templateId === novelId).slice(0, n);
      const critical = kept.some((e) => e.critical);
      const canary = insertAt(b.filter((e) => e.templateId !== novelId), kept, next);
      // by the events actually kept (a template may have fewer than n in this half)
      const k = kept.length;
      const expected = k >= 10 ? ['fail'] : k >= 3 || critical ? ['fail', 'marginal'] : ['pass', 'marginal', 'fail'];
      cases.push([`novel-n${n}${k < n ? `(${k})` : ''} ${novelId}`, a.filter((e) => e.templateId !== novelId), canary, expected]);
    }
    for (const [name, base, canary, expected, benign] of cases) {
      const report = await compare(base.map((e) => e.text).join('\n') + '\n', canary.map((e) => e.text).join('\n') + '\n');
      const risky = report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.kind}:${f.severity}`);
      // a benign change must also bring no error or critical finding
      const loud = benign === true && report.findings.some((f) => f.severity === 'error' || f.severity === 'critical');
      const row = { format, seed, name, expected, verdict: report.verdict, score: report.score, ok: expected.includes(report.verdict) && !loud, findings: risky };
      rows.push(row);
      console.log(`${row.ok ? 'ok ' : 'BAD'} ${format.padEnd(7)} seed ${seed} ${name.padEnd(22)} ${report.verdict.padEnd(8)} ${String(report.score).padStart(3)}  expected ${expected.join('/')}  ${risky.slice(0, 6).join(' ')}`);
      if (args.includes('--dump') && !row.ok) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(join(root, '.bench-tmp', `variant-${format}-${seed}-${name.split(' ')[0]}-baseline.log`), base.map((e) => e.text).join('\n') + '\n');
        writeFileSync(join(root, '.bench-tmp', `variant-${format}-${seed}-${name.split(' ')[0]}-canary.log`), canary.map((e) => e.text).join('\n') + '\n');
      }
      if ((!row.ok || args.includes("--all")) && args.includes("--why")) {
        for (const f of report.findings.slice(0, 8)) console.log(`      ${f.kind} ${f.severity} risk ${Math.round(f.risk)} ${f.baselineCount}->${f.canaryCount} ${f.template.slice(0, 90)} | ${f.reason.slice(0, 160)}`);
      }
    }
  }
}

const kindOf = (r) => r.name.split(' ')[0].replace(/\(\d+\)$/, '');
const kinds = [...new Set(rows.map(kindOf))];
const summary = kinds.map((k) => {
  const rs = rows.filter((r) => kindOf(r) === k);
  return { kind: k, n: rs.length, ok: rs.filter((r) => r.ok).length, verdicts: ['pass', 'marginal', 'fail'].map((v) => `${v} ${rs.filter((r) => r.verdict === v).length}`).join(', ') };
});
const right = rows.filter((r) => r.ok).length;
console.log(`right ${right}/${rows.length}`);

if (!args.includes('--no-doc')) {
  writeBenchSection(`## Variants of the generated services (\`node bench/variants.mjs\`)

The five public generated services (log4j, json, logfmt, nginx, python) each give ${seeds} random 50/50 splits of their
baseline's events (by the per-event truth in \`baseline.events.tsv.gz\`), and each split gives a control, a 0.25x canary,
2-3 INFO statements reworded (one constant word changed in every canary event), a WARN+ template spiked x3 and x10
(copies with redrawn ids), 40% of one INFO statement's events given a failure value in an outcome field (status 503,
\`err="context deadline exceeded"\`, \`result=DECLINED\`), 3 or 10 events of an ERROR statement given another exception or error value (same message), and an ERROR template
removed from the baseline and kept 1, 3 or 10 times in the canary. Expected verdicts follow ../shared/canary-bench/README.md.

| case | n | verdict right | verdicts |
|---|---|---|---|
${summary.map((s) => `| ${s.kind} | ${s.n} | ${s.ok}/${s.n} | ${s.verdicts} |`).join('\n')}

Right: ${right}/${rows.length}.${rows.some((r) => !r.ok) ? ` Wrong: ${rows.filter((r) => !r.ok).map((r) => `${r.format} seed ${r.seed} ${r.name} (${r.verdict}, expected ${r.expected.join('/')})`).join('; ')}.` : ''}
`);
}
