// `logsift compare ... --format json` with cross-version alignment turned off (rewordings: false), for
// before/after runs of bench/reword.mjs. Usage: node bench/lib/compare-no-align.mjs BASELINE CANARY [LOG_FORMAT]
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { root } from './load.mjs';

const { compare, renderJson } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
const [baseline, canary, logFormat] = process.argv.slice(2);
try {
  const report = await compare(baseline, canary, { rewordings: false, ...(logFormat ? { logFormat } : {}) });
  process.stdout.write(renderJson(report));
  process.exitCode = report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 3;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
