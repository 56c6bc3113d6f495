// Profile the baseline once, save it, and compare canaries with the saved profile later.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, profile, Profile } from 'logsift';

const sample = (name) => fileURLToPath(new URL(`../fixtures/sample/${name}`, import.meta.url));
const file = join(await mkdtemp(join(tmpdir(), 'logsift-')), 'baseline-profile.json');

const baseline = await profile(sample('baseline.log'));
await writeFile(file, JSON.stringify(baseline.toJSON()));

// ...in a later job: no need to read the baseline's logs again
const saved = Profile.fromJSON(JSON.parse(await readFile(file, 'utf8')));
for (const canary of ['baseline.log', 'canary.log']) {
  const report = await compare(saved, sample(canary));
  console.log(canary, report.verdict, report.score);
}
