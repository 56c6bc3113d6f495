// A rules file changes how signatures are judged: ignore, not-a-risk, must-keep, severity.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, loadRules } from 'logsift';

const sample = (name) => fileURLToPath(new URL(`../fixtures/sample/${name}`, import.meta.url));
const file = join(await mkdtemp(join(tmpdir(), 'logsift-')), 'rules.yaml');
await writeFile(file, `version: 1
rules:
  - pattern: "^retrying payment"
    action: not-a-risk
    note: retries are expected while the payment provider migrates
  - template: "Order <*> placed by <*> total=<*> EUR"
    action: must-keep
`);

const rules = await loadRules(file);
for (const options of [{}, { rules }]) {
  const report = await compare(sample('baseline.log'), sample('canary.log'), options);
  console.log(options.rules ? 'with rules:   ' : 'without rules:', report.findings.map((f) => `${f.kind} risk ${f.risk}: ${f.template}`));
}
