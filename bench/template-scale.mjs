// How mining slows as the number of distinct statements grows: generated lines, each one of S distinct statements
// (6-7 random lowercase words) with a fresh `id=<n>` after it, mined by one TemplateMiner. Below the template cap
// (maxTemplates, default 5,000) every statement keeps its template; above it templates are evicted and made again.
// Each case runs in a fresh process; with --against DIR another build runs the same cases alongside (a saved dist/).
// Usage: node bench/template-scale.mjs [--lines N] [--against DIR] [--no-doc]
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { option as opt } from './lib/args.mjs';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';
import { root } from './lib/load.mjs';

const args = process.argv.slice(2);
if (args[0] === '--worker') {
  const [, dist, statementsArg, linesArg, capArg] = args;
  const lib = await import(pathToFileURL(join(dist, 'index.js')).href);
  let seed = 0x9e3779b9;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const word = () => {
    let w = '';
    const n = 3 + Math.floor(next() * 6);
    for (let i = 0; i < n; i++) w += String.fromCharCode(97 + Math.floor(next() * 26));
    return w;
  };
  const S = Number(statementsArg);
  const statements = [];
  for (let s = 0; s < S; s++) {
    const n = 6 + Math.floor(next() * 2);
    const words = [];
    for (let i = 0; i < n; i++) words.push(word());
    statements.push(words.join(' '));
  }
  const lines = [];
  for (let i = 0; i < Number(linesArg); i++) lines.push(`${statements[Math.floor(next() * S)]} id=${Math.floor(next() * 1e9)}`);
  if (process.env.LOGSIFT_SCALE_MODE === 'compare') {
    // both sides drawn from the same statements: nothing changed
    const side = () => {
      const out = [];
      for (let i = 0; i < Number(linesArg); i++) out.push(`2024-05-01T10:00:00Z INFO ${statements[Math.floor(next() * S)]} id=${Math.floor(next() * 1e9)}`);
      return out;
    };
    const [b, c] = [side(), side()];
    const t0 = process.hrtime.bigint();
    let result;
    try {
      const report = await lib.compare(b, c, { threads: 'off', ...(capArg === '-' ? {} : { miner: { maxTemplates: Number(capArg) } }) });
      result = { verdict: report.verdict, caveats: report.caveats ?? [] };
    } catch (e) {
      result = { error: String(e.message).slice(0, 60) };
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    process.stdout.write(JSON.stringify({ seconds, ...result, rssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
    process.exit(0);
  }
  const miner = new lib.TemplateMiner(capArg === '-' ? {} : { maxTemplates: Number(capArg) });
  const t0 = process.hrtime.bigint();
  for (const line of lines) miner.add(line);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, templates: miner.templates().length }));
  process.exit(0);
}

const lines = Number(opt('lines', 200_000));
const against = opt('against', null);
const builds = [['this build', join(root, 'dist')]];
if (against) builds.push(['--against', resolve(against)]);
// caps given explicitly (5,000 was the default until 2026-12-02, now 20,000), so builds of either default compare alike
const cases = [
  { statements: 1_000, cap: 5_000 },
  { statements: 4_000, cap: 5_000 },
  { statements: 10_000, cap: 5_000 },
  { statements: 10_000, cap: null },
  { statements: 40_000, cap: 50_000 },
];
const self = fileURLToPath(import.meta.url);
const rows = [];
for (const c of cases) {
  const cells = [];
  for (const [, dist] of builds) {
    const r = JSON.parse(execFileSync(process.execPath, [self, '--worker', dist, String(c.statements), String(lines), c.cap === null ? '-' : String(c.cap)], { encoding: 'utf8', maxBuffer: 1 << 20 }));
    cells.push(r);
  }
  const rate = (r) => Math.round(lines / r.seconds).toLocaleString('en-US');
  const row = `| ${c.statements.toLocaleString('en-US')} | ${c.cap === null ? 'default' : c.cap.toLocaleString('en-US')} | ${cells[0].templates.toLocaleString('en-US')} | ${rate(cells[0])}${cells.length > 1 ? ` | ${rate(cells[1])} (${cells[1].templates.toLocaleString('en-US')} templates) | ${(cells[1].seconds / cells[0].seconds).toFixed(1)}x` : ''} |`;
  console.log(row);
  rows.push(row);
}
// Comparisons (compare(), threads off) of two sides drawn from 12,000 statements, 100,000 lines each
const compareRows = [];
for (const cap of [5_000, 30_000]) {
  const cells = builds.map(([, dist]) =>
    JSON.parse(
      execFileSync(process.execPath, [self, '--worker', dist, '12000', '100000', cap === null ? '-' : String(cap)], {
        encoding: 'utf8',
        env: { ...process.env, LOGSIFT_SCALE_MODE: 'compare' },
        maxBuffer: 1 << 20,
      }),
    ),
  );
  const show = (r) => (r.error ? `error: ${r.error}` : `${r.verdict}${r.caveats.length ? ` (${r.caveats.join(', ')})` : ''}, ${r.seconds.toFixed(1)} s, ${r.rssMB} MB`);
  const row = `| ${cap.toLocaleString('en-US')} | ${cells.map(show).join(' | ')} |`;
  console.log(row);
  compareRows.push(row);
}
const againstHead = against ? ' | lines/s, the build given with --against | speed-up |' : ' |';
const againstRule = against ? '---|---|' : '';
writeBenchSection(`## Many templates (\`node bench/template-scale.mjs${against ? ' --against DIR' : ''}\`)

${lines.toLocaleString('en-US')} generated lines, each one of S distinct statements (6-7 random lowercase words) followed by a fresh
\`id=<n>\`, mined by one \`TemplateMiner\` in a fresh process per case (generating the lines not timed). Below the cap
(\`maxTemplates\`) each statement keeps its template; above it the least recently matched templates are evicted and
made again when their statement comes back. Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.

| distinct statements | maxTemplates | templates at the end | lines/s${againstHead}
|---|---|---|---|${againstRule}
${rows.join('\n')}

Comparing two sides of 100,000 lines each, drawn from the same 12,000 statements (nothing changed), with
\`compare()\` (threads off): verdict (caveats), seconds, peak RSS.

| maxTemplates | this build${against ? ' | the build given with --against' : ''} |
|---|---|${against ? '---|' : ''}
${compareRows.join('\n')}

\`maxTemplates\` is given (as 5,000, the default until 2026-12-02, or 30,000 and 50,000) except in the row marked
default: 20,000 in this build, and whatever the build given with --against had (5,000 before 2026-12-02).
Templates are looked up by their constant tokens (docs/templates.md); before that, the miner went through every
template of a line's length to find the one a new shape fits and, in consolidation, every template that might cover
a changed one, so the work grew with the square of the number of templates. Past the cap, mining is still several
times slower than below it (every returning statement makes its template again), a comparison warns
(\`templates-evicted\`) and its profiles hold statistics for each template made again until they are combined at
the end, hence the memory: raise \`maxTemplates\` (\`--max-templates\`) above the number of distinct statements.
`);
