// How the multiple-testing choice changes spike findings on the public canary benchmark: for each
// scenario, both sides are mined with compare() (profiles only), then testRates() runs three ways:
// plain BH, Tarone-filtered BH (`discrete`, the default), and Tarone-filtered BH with separate families
// for warning+ and info signatures. Counted: increases that are findings (q <= 0.05, gates minCount 3,
// minExcess 3, minRatio 1.5) on warning+ signatures, and whether the injected spike is among them.
//   npm run build && node bench/stats-families.mjs       (LOGSIFT_DIST=... to use another build)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const L = await import(process.env.LOGSIFT_DIST ?? '../dist/index.js');
const root = new URL(process.env.CANARY_BENCH_DIR ?? '../../shared/canary-bench/public/', import.meta.url).pathname;
const only = process.argv[2] ? new RegExp(process.argv[2]) : /control|benign|spike/;
const gates = { minCount: 3, minExcess: 3, minRatio: 1.5 };
const variants = [
  ['plain BH', { discrete: false }, false],
  ['Tarone BH', {}, false],
  ['Tarone BH + families', {}, true],
];

const rows = [];
for (const name of readdirSync(root).filter((n) => only.test(n)).sort()) {
  const dir = join(root, name);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  let base;
  let can;
  await L.compare(join(dir, 'baseline.log'), join(dir, 'canary.log'), {
    ...(truth.logFormat ? { logFormat: truth.logFormat } : {}),
    onProfiles: (b, c) => ((base = b), (can = c)),
  });
  const byId = new Map();
  for (const e of base.entries()) byId.set(e.stats.clusterId, { template: e.template, b: e.stats.count, c: 0, level: e.stats.dominantLevel() });
  for (const e of can.entries()) {
    const s = byId.get(e.stats.clusterId) ?? { template: e.template, b: 0, c: 0, level: e.stats.dominantLevel() };
    s.c = e.stats.count;
    byId.set(e.stats.clusterId, s);
  }
  const sigs = [...byId.values()];
  const severity = sigs.map((s) => L.severityOf(s.template, s.level ? { level: s.level } : {}));
  const spiked = truth.faults.filter((f) => f.type === 'spike').map((f) => f.templateId);
  const spikeLine = truth.faults.find((f) => f.type === 'spike')?.lines?.[0];
  const result = { name, kind: truth.kind };
  for (const [label, options, families] of variants) {
    const tests = L.testRates(
      sigs.map((s, i) => ({ baselineCount: s.b, canaryCount: s.c, ...(families ? { family: severity[i] === 'info' ? 'info' : 'warning+' } : {}) })),
      base.totals.events,
      can.totals.events,
      { ...options, gates },
    );
    const up = tests.map((t, i) => [t, i]).filter(([t, i]) => t.finding && t.direction === 'increase' && severity[i] !== 'info');
    // the injected spike is found when one of the flagged templates matches its first example line's message
    const hit = spiked.length > 0 && up.some(([, i]) => matches(sigs[i].template, spikeLine));
    result[label] = `${up.length}${spiked.length ? (hit ? ' (spike found)' : ' (spike missed)') : ''}`;
  }
  rows.push(result);
}

function matches(template, line) {
  if (!line) return false;
  const parts = template.split('<*>').map((p) => p.trim()).filter((p) => p.length > 0);
  return parts.length > 0 && parts.every((p) => line.includes(p));
}

console.log(`| scenario | ${variants.map((v) => v[0]).join(' | ')} |`);
console.log(`|---|${variants.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.name} | ${variants.map((v) => r[v[0]]).join(' | ')} |`);
console.log('\nCells: warning+ signatures flagged as significant increases past the gates; for spike scenarios, whether the injected spike is one of them.');
