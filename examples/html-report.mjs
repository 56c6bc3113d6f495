// Write the self-contained HTML report (no network requests: inline CSS and SVG).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, renderHtml } from 'logsift';

const sample = (name) => fileURLToPath(new URL(`../fixtures/sample/${name}`, import.meta.url));
const report = await compare(sample('baseline.log'), sample('canary.log'));

const file = join(await mkdtemp(join(tmpdir(), 'logsift-')), 'report.html');
await writeFile(file, renderHtml(report, { baselineLabel: 'v2.3.1', canaryLabel: 'v2.4.0-rc1' }));
console.log(`${report.verdict} (score ${report.score}): open ${file}`);
