// New error patterns injected into the 16 loghub-2k systems, built the way the canary benchmark describes its
// loghub fault-novel scenarios (../shared/canary-bench/README.md): a random 50/50 split re-drawn until no WARN+
// template is >= 3x more frequent in the canary with >= 3 canary lines; then N in {1, 3, 10, 40} events of one
// new error pattern (fresh variable values each) at random canary positions, each written in the system's own
// header format from a real prototype line, timed from its neighbour, with the level of the system's most severe
// lines (FATAL for a critical pattern where the system writes level names). Right: N >= 10 fail, N = 3 fail or
// marginal, N = 1 anything unless the pattern is critical (fail or marginal).
// The patterns below are this bench's own (the benchmark's pool is not published): failures a service logs,
// with the variables such lines carry (addresses, ports, paths, ids, counts, hex).
// Usage: npm run build && node bench/loghub-novel.mjs [--seeds 2] [--no-doc] [--why] [--show REGEX] [--dist DIR]
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/load.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';
import { rng } from './lib/rng.mjs';
import { option } from './lib/args.mjs';
import { loadSystem, loghubDatasets, retime, split } from './lib/loghub-scenarios.mjs';

const args = process.argv.slice(2);
const seeds = Number(option('seeds', 2));
const dist = option('dist', join(root, 'dist'));
const show = option('show', '');
const { compare } = await import(pathToFileURL(join(dist, 'index.js')).href);
const datasets = loghubDatasets();

/** Placeholders: {ip} {port} {n} {hex} {path} {id} {host}; each event draws its own values. */
const ERRORS = [
  'Failed to connect to {ip}:{port}: Connection refused',
  'java.io.IOException: Broken pipe while writing block blk_{n} to /{ip}:{port}',
  'Unexpected exception in worker-{n}: java.net.SocketTimeoutException: Read timed out after {n} ms',
  'Could not open {path}: Permission denied',
  'Error processing request {hex}: upstream returned status 503',
  'Checksum mismatch for chunk {id} at offset {n}, dropping replica',
  'Lost connection to coordinator {host} after {n} ms, giving up',
  'Unable to allocate {n} bytes for buffer pool: quota exceeded',
];
const CRITICAL = [
  'java.lang.OutOfMemoryError: Java heap space while allocating {n} bytes',
  'Segmentation fault (core dumped) in worker {n} at address 0x{hex}',
  'Kernel panic - not syncing: Fatal exception in interrupt handler {n}',
  'java.lang.NullPointerException at org.example.store.Writer.flush(Writer.java:{n})',
];

function render(pattern, next) {
  const digits = (k) => Array.from({ length: k }, (_, i) => String(i === 0 ? 1 + Math.floor(next() * 9) : Math.floor(next() * 10))).join('');
  const hex = (k) => Array.from({ length: k }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join('');
  return pattern
    .replace(/\{ip\}/g, () => `10.${Math.floor(next() * 250)}.${Math.floor(next() * 250)}.${1 + Math.floor(next() * 250)}`)
    .replace(/\{port\}/g, () => digits(4))
    .replace(/\{n\}/g, () => digits(1 + Math.floor(next() * 5)))
    .replace(/\{hex\}/g, () => hex(12))
    .replace(/\{id\}/g, () => `${hex(8)}-${hex(4)}`)
    .replace(/\{host\}/g, () => `node-${digits(3)}`)
    .replace(/\{path\}/g, () => `/var/lib/app/data/part-${digits(5)}.dat`);
}

const RANK = [/^(fatal|critical|crit|emerg|alert|f)$/i, /^(error|err|severe|e)$/i, /^(warn|warning|w)$/i];
/** The system's most severe level token (as written), and the one a critical pattern gets. */
function levelTokens(sys) {
  const seen = new Set(sys.events.map((e) => e.level.trim()).filter(Boolean));
  let worst;
  for (const re of RANK) {
    worst = [...seen].find((l) => re.test(l));
    if (worst !== undefined) break;
  }
  worst ??= [...seen][0];
  const words = [...seen].some((l) => /^[A-Z]{4,}$/.test(l));
  return { error: worst, critical: words && !RANK[0].test(worst ?? '') ? 'FATAL' : worst };
}

/** A line of the system holding `message`: the prototype's header, its level replaced, its time fields the neighbour's. */
function inject(proto, neighbour, message, level) {
  const at = proto.line.lastIndexOf(proto.content);
  let head = at >= 0 ? proto.line.slice(0, at) : proto.line + ' ';
  if (level !== undefined && proto.level.trim() !== '') {
    const i = head.indexOf(proto.level.trim());
    if (i >= 0) {
      // keep the column width where the format pads the level
      const padded = level.padEnd(proto.level.trim().length);
      head = head.slice(0, i) + padded + head.slice(i + proto.level.trim().length);
    }
  }
  return retime(head, proto, neighbour) + message;
}

const expectedOf = (n, critical) => (n >= 10 ? ['fail'] : n === 3 ? ['fail', 'marginal'] : critical ? ['fail', 'marginal'] : ['pass', 'marginal', 'fail']);
const tally = {};
const count = (key, ok) => {
  tally[key] ??= { ok: 0, n: 0 };
  tally[key].n++;
  if (ok) tally[key].ok++;
};
const rows = [];
const wrong = [];
for (const [name, d] of Object.entries(datasets)) {
  const sys = loadSystem(name, d);
  const levels = levelTokens(sys);
  const row = { name, cells: [] };
  for (let seed = 1; seed <= seeds; seed++) {
    const next = rng(seed * 7727 + name.length * 131 + name.charCodeAt(1));
    const { base, canary } = split(sys, next);
    for (const [n, critical] of [[1, false], [3, false], [10, false], [40, false], [1, true], [3, true]]) {
      const pool = critical ? CRITICAL : ERRORS;
      const pattern = pool[Math.floor(next() * pool.length)];
      const events = canary.slice();
      for (let k = 0; k < n; k++) {
        const at = Math.floor(next() * (events.length + 1));
        const proto = canary[Math.floor(next() * canary.length)];
        const line = inject(proto, events[at - 1] ?? events[at], render(pattern, next), sys.levelColumn ? (critical ? levels.critical : levels.error) : undefined);
        events.splice(at, 0, { ...proto, line });
      }
      const r = await compare(base.map((e) => e.line), events.map((e) => e.line), { logFormat: sys.format });
      const expected = expectedOf(n, critical);
      const ok = expected.includes(r.verdict);
      const key = `n${n}${critical ? '-crit' : ''}`;
      count(key, ok);
      row.cells.push(ok ? r.verdict[0] : r.verdict[0].toUpperCase());
      const label = `${name} seed ${seed} ${key}`;
      if (!ok) wrong.push(`${label} (${pattern.slice(0, 50)}): ${r.verdict} ${r.score}`);
      if (show && new RegExp(show).test(label)) {
        console.log(`--- ${label}: ${r.verdict} ${r.score}  e.g. ${events.find((e) => e.line.includes(pattern.slice(0, 12)))?.line.slice(0, 140) ?? ''}`);
        for (const f of r.findings.slice(0, 6)) console.log(`   ${f.kind} ${f.severity} risk ${f.risk} ${f.baselineCount}->${f.canaryCount} ${f.template.slice(0, 80)} | ${f.reason.slice(0, 150)}`);
      }
    }
    row.cells.push(' ');
  }
  rows.push(row);
  console.log(name.padEnd(12), row.cells.join(''));
}
const keys = ['n1', 'n3', 'n10', 'n40', 'n1-crit', 'n3-crit'];
const summary = keys.map((k) => `${k} ${tally[k].ok}/${tally[k].n}`).join(', ');
console.log(summary);
if (args.includes('--why') || wrong.length <= 20) for (const w of wrong) console.log('  wrong:', w);
if (!args.includes('--no-doc')) {
  writeBenchSection(`## New error patterns in loghub systems (\`node bench/loghub-novel.mjs\`)

Each loghub-2k system is split at random 50/50 (${seeds} seeds, re-drawn as the canary benchmark does), and N events
of one new error pattern (this bench's own pool of 8 error and 4 critical patterns, fresh values in every event)
are written into the canary in the system's header format from a real prototype line, timed from their neighbour,
with the level of the system's most severe lines. Right: N >= 10 fail, N = 3 fail or marginal, N = 1 anything, a
critical pattern fail or marginal. Per system and seed the cells are n1 n3 n10 n40 n1-crit n3-crit; lower case =
right, upper case = wrong.

**${summary}.** Measured ${new Date().toISOString().slice(0, 10)}.

| system | cells |
|---|---|
${rows.map((r) => `| ${r.name} | \`${r.cells.join('')}\` |`).join('\n')}
`);
}
