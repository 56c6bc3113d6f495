// Spikes of small warning-or-worse templates in the 16 loghub-2k systems, built the way the canary benchmark
// describes its loghub fault-spike scenarios (../shared/canary-bench/README.md), down to its smallest case:
// a random 50/50 split of a system's lines, re-drawn (up to 25 times) until no WARN+ template is >= 3x more
// frequent in the canary with >= 3 canary lines; then one WARN+ template with >= 3 baseline occurrences gets
// its canary rate multiplied by m (extra copies of its real occurrences, digits redrawn, at random canary
// positions) until the canary's rate is m x the baseline's (the public truth files' counts show this is how the
// benchmark builds them). m = 3 must give fail or marginal, m = 10 fail. The split itself is also compared (a control:
// pass, or marginal when some WARN+ template is >= 3x more frequent in the canary by chance).
// WARN+ is the ground truth's Level column where a system has one (WARN, ERROR, FATAL, ...), otherwise
// a failure word in the ground-truth template. Templates are picked across the range of baseline counts,
// smallest first, so the hard cases (3-10 occurrences) are all there.
// Usage: npm run build && node bench/loghub-spikes.mjs [--per-system 3] [--seeds 2] [--no-doc] [--why]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';
import { rng } from './lib/rng.mjs';
import { option } from './lib/args.mjs';
import { countBy, imbalanced, loadSystem, loghubDatasets, refresh, split } from './lib/loghub-scenarios.mjs';

const args = process.argv.slice(2);
const perSystem = Number(option('per-system', 3));
const seeds = Number(option('seeds', 2));
const dist = option('dist', join(root, 'dist'));
// --show REGEX: print the findings of the cases whose label (`System seed N mM EventId`) matches
const show = option('show', '');
const { compare } = await import(pathToFileURL(join(dist, 'index.js')).href);
const datasets = loghubDatasets();

const tally = { control: { ok: 0, n: 0 }, m3: { ok: 0, n: 0 }, m10: { ok: 0, n: 0 } };
const rows = [];
const wrong = [];
for (const [name, d] of Object.entries(datasets)) {
  const sys = loadSystem(name, d);
  const row = { name, control: '', m3: '', m10: '', counts: [] };
  for (let seed = 1; seed <= seeds; seed++) {
    const next = rng(seed * 104729 + name.length * 31 + name.charCodeAt(0));
    const { base, canary } = split(sys, next);
    const toLines = (list) => list.map((e) => e.line);
    const tolerated = imbalanced(sys, base, canary).length > 0;
    const control = await compare(toLines(base), toLines(canary), { logFormat: sys.format });
    const controlOk = control.verdict === 'pass' || (tolerated && control.verdict === 'marginal');
    tally.control.n++;
    if (controlOk) tally.control.ok++;
    else wrong.push(`${name} seed ${seed} control: ${control.verdict} ${control.score}`);
    row.control += controlOk ? control.verdict[0] : control.verdict[0].toUpperCase();
    // WARN+ templates with >= 3 baseline occurrences, smallest first, spread over the range
    const b = countBy(base, sys.warnIds);
    const candidates = [...b].filter(([, n]) => n >= 3).sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
    const picks = [];
    for (let k = 0; k < Math.min(perSystem, candidates.length); k++) picks.push(candidates[Math.floor((k * candidates.length) / perSystem)]);
    for (const [id, nBase] of picks) {
      const occurrences = sys.events.filter((e) => e.id === id);
      const own = canary.filter((e) => e.id === id).length;
      for (const m of [3, 10]) {
        // As the benchmark builds its spikes (checked on the public set's truth.json: baselineCount, canaryCountBefore
        // and count): copies are added until the canary's rate is m x the BASELINE's rate, counted on the canary
        // with the copies in it: own + x = m * nBase * (canary + x) / base.
        const share = (m * nBase) / base.length;
        // a template that would have to be most of the canary (m x a share of 5% or more) is no spike of this kind
        if (share >= 0.5) {
          row[`m${m}`] += '-';
          continue;
        }
        const extra = Math.max(1, Math.round((share * canary.length - own) / (1 - share)));
        const events = canary.slice();
        for (let i = 0; i < extra; i++) {
          const e = occurrences[Math.floor(next() * occurrences.length)];
          const at = Math.floor(next() * (events.length + 1));
          const line = refresh(e, events[at - 1] ?? events[at], next);
          events.splice(at, 0, { ...e, line });
        }
        const lines = toLines(events);
        const r = await compare(toLines(base), lines, { logFormat: sys.format });
        const ok = m === 3 ? r.verdict !== 'pass' : r.verdict === 'fail';
        if (show && new RegExp(show).test(`${name} seed ${seed} m${m} ${id}`)) {
          console.log(`--- ${name} seed ${seed} m${m} ${id}: ${r.verdict} ${r.score}`);
          if (args.includes('--dump')) {
            const dir = join(root, '.bench-tmp', 'loghub-spikes', `${name}-${seed}-m${m}-${id}`);
            mkdirSync(dir, { recursive: true });
            writeFileSync(join(dir, 'baseline.log'), toLines(base).join('\n') + '\n');
            writeFileSync(join(dir, 'canary.log'), lines.join('\n') + '\n');
            console.log(`   written to ${dir}`);
          }
          for (const f of r.findings.slice(0, 8)) console.log(`   ${f.kind} ${f.severity} risk ${f.risk} ${f.baselineCount}->${f.canaryCount} ${f.template.slice(0, 80)} | ${f.reason.slice(0, 160)}`);
        }
        const key = `m${m}`;
        tally[key].n++;
        if (ok) tally[key].ok++;
        else wrong.push(`${name} seed ${seed} ${key} ${id} (${nBase} -> ${own + extra}, ${sys.events.find((e) => e.id === id).template.slice(0, 60)}): ${r.verdict} ${r.score}`);
        row[key] += ok ? r.verdict[0] : r.verdict[0].toUpperCase();
      }
      row.counts.push(`${nBase}/${own}`);
    }
  }
  rows.push(row);
  console.log(name.padEnd(12), `control:${row.control}`.padEnd(14), `m3:${row.m3}`.padEnd(12), `m10:${row.m10}`.padEnd(13), row.counts.join(' '));
}
const pct = (t) => `${t.ok}/${t.n}`;
const summary = `controls ${pct(tally.control)} right, m3 spikes ${pct(tally.m3)}, m10 spikes ${pct(tally.m10)}`;
console.log(summary);
if (args.includes('--why') || wrong.length <= 20) for (const w of wrong) console.log('  wrong:', w);
if (!args.includes('--no-doc')) {
  writeBenchSection(`## Spikes of small warning-or-worse templates (\`node bench/loghub-spikes.mjs\`)

Each loghub-2k system is split at random 50/50 (${seeds} seeds), re-drawn as the canary benchmark does until no
WARN+ template is 3x more frequent in the canary with 3 or more canary lines; ${perSystem} WARN+ templates with at
least 3 baseline occurrences (smallest counts first, spread over the range) then get their canary rate multiplied by
3 and by 10: extra copies of real occurrences (digits redrawn, at random positions) until the canary's rate is m
times the baseline's, as the benchmark's public truth files show it is built (baselineCount, canaryCountBefore,
count). WARN+ is the ground truth's level where a system has one, else a failure word in its template. Right:
m = 3 fail or marginal, m = 10 fail, the split itself pass (or marginal when chance made a WARN+ template 3x as frequent in the canary).
Lower case = right, upper case = wrong, \`-\` = not built (the template would have to be half of the canary or
more); counts are baseline / canary occurrences before the spike.

**${summary}.** Measured ${new Date().toISOString().slice(0, 10)}.

| system | control | m3 | m10 | counts |
|---|---|---|---|---|
${rows.map((r) => `| ${r.name} | ${r.control} | ${r.m3} | ${r.m10} | ${r.counts.join(' ')} |`).join('\n')}
`);
}
