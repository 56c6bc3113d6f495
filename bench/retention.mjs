// Memory kept alive by strings a consumer holds on to: read the 1M-line loghub mix as events, keep the
// message of one event in a thousand (as a profile keeps examples and parameter values), then measure
// the heap after a full GC. Run: node --expose-gc bench/retention.mjs [lines=1000000]
import { ensureMixFile, loadLogsift } from './_bundle.mjs';

const lines = Number(process.argv[2] ?? 1_000_000);
const { readEventBatches } = await loadLogsift();
const file = ensureMixFile(lines);
const kept = [];
let i = 0;
for await (const batch of readEventBatches(file)) for (const event of batch) if (i++ % 1000 === 0) kept.push(event.message);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
globalThis.gc();
const keptChars = kept.reduce((sum, s) => sum + s.length, 0);
console.log(`kept ${kept.length} messages (${(keptChars / 1e3).toFixed(0)} k chars): heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB after GC, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
