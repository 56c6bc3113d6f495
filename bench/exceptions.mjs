// Exception info across builds, on the generated canary-bench scenarios: an exception signature is the
// type plus the top two frames. Version drift (moved line numbers) must not create canary-only
// signatures, and injected faults that carry an exception should get one the baseline never had.
// Run: node bench/exceptions.mjs [path/to/canary-bench/public]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadLogsift, root } from './_bundle.mjs';

const dir = process.argv[2] ?? join(root, '../shared/canary-bench/public');
const { readEventBatches } = await loadLogsift();
const signature = (e) => `${e.exception.type}|${e.exception.frames.slice(0, 2).join(',')}`;
for (const scenario of readdirSync(dir).sort()) {
  let truth;
  try {
    truth = JSON.parse(readFileSync(join(dir, scenario, 'truth.json'), 'utf8'));
  } catch {
    continue;
  }
  if (truth.source !== 'generated') continue;
  const baseline = new Set();
  for await (const batch of readEventBatches(join(dir, scenario, 'baseline.log'))) for (const e of batch) if (e.exception) baseline.add(signature(e));
  const injected = new Set(truth.faults.flatMap((f) => f.lines.map((l) => l.trimEnd())));
  const canaryOnly = new Set();
  const faults = { newException: 0, knownException: 0, noException: 0 };
  for await (const batch of readEventBatches(join(dir, scenario, 'canary.log'))) {
    for (const e of batch) {
      const fresh = e.exception !== undefined && !baseline.has(signature(e));
      if (fresh) canaryOnly.add(signature(e));
      if (injected.has(e.raw.split('\n')[0].trimEnd())) faults[e.exception === undefined ? 'noException' : fresh ? 'newException' : 'knownException']++;
    }
  }
  console.log(
    `${scenario.padEnd(40)} ${truth.kind.padEnd(14)} baseline signatures ${String(baseline.size).padStart(3)}, canary-only ${canaryOnly.size}; ` +
      `injected events: ${faults.newException} with a new exception, ${faults.knownException} with a known one, ${faults.noException} without`,
  );
}
