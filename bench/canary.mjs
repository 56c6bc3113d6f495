// Canary benchmark: runs the real CLI (`logsift compare ... --format json`) over the public scenarios of
// ../shared/canary-bench with the benchmark's own scorer (../shared/tools/canary_eval.py), then writes the
// summary into docs/benchmarks.md.  Usage: npm run bench:canary [-- --only REGEX]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchSection } from './lib/benchmarks-doc.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared');
const out = join(root, '.bench-tmp', 'canary');
mkdirSync(out, { recursive: true });
const extra = process.argv.slice(2);
// run a snapshot of the build, so a rebuild during the run (npm run build elsewhere) cannot break scenarios
const snapshot = join(root, '.bench-tmp', 'dist-canary');
rmSync(snapshot, { recursive: true, force: true });
cpSync(join(root, 'dist'), snapshot, { recursive: true });
const args = [
  join(shared, 'tools', 'canary_eval.py'),
  '--scenarios', join(shared, 'canary-bench', 'public'),
  '--cmd', `node ${join(snapshot, 'cli.js')} compare {baseline} {canary} --format json`,
  '--pass-log-format',
  '--timeout', '300',
  '--out-json', join(out, 'summary.json'),
  '--out-md', join(out, 'table.md'),
  ...extra,
];
const stdout = execFileSync('python3', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
process.stdout.write(stdout);
if (extra.length === 0) {
  const table = readFileSync(join(out, 'table.md'), 'utf8');
  const last = stdout.trim().split('\n').pop();
  const md = `## Canary benchmark

\`npm run bench:canary\` (bench/canary.mjs) runs \`logsift compare <baseline> <canary> --format json\` (with the
scenario's \`--log-format\` for Loghub scenarios) over the 40 public scenarios of canary-bench with its scorer,
\`canary_eval.py\`. Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.

\`${last}\`

The scorer's lines/s divides all lines by all tool time, one Node process per scenario: the public scenarios are
small (2,000 to 41,000 lines), so starting the process and loading the code (about 0.13 s of CPU) dominates.
The speed of the comparison itself on large inputs is in the Throughput section (2 x 1,000,000 lines).

${table}
`;
  writeBenchSection(md);
}
