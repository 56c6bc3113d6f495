// Event framing against the per-event ground truth of the generated canary-bench logs: for every
// scenario with *.events.tsv.gz, each event's first line and line count must equal the truth's
// (line, nLines). Run: node bench/framing.mjs [path/to/canary-bench/public]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadLogsift, root } from './_bundle.mjs';

const dir = process.argv[2] ?? join(root, '../shared/canary-bench/public');
const { readEventBatches } = await loadLogsift();
let allSame = 0;
let allEvents = 0;
for (const scenario of readdirSync(dir).sort()) {
  for (const side of ['baseline', 'canary']) {
    const tsv = join(dir, scenario, `${side}.events.tsv.gz`);
    if (!existsSync(tsv)) continue;
    const rows = gunzipSync(readFileSync(tsv)).toString('utf8').split('\n').filter((r) => r !== '');
    const head = rows.shift().split('\t');
    const [li, ni] = [head.indexOf('line'), head.indexOf('nLines')];
    const truth = new Map(rows.map((r) => r.split('\t')).map((c) => [Number(c[li]), Number(c[ni])]));
    let same = 0;
    let events = 0;
    const wrong = [];
    for await (const batch of readEventBatches(join(dir, scenario, `${side}.log`))) {
      for (const e of batch) {
        events++;
        if (truth.get(e.lineNumber) === e.lineCount) same++;
        else if (wrong.length < 3) wrong.push(`line ${e.lineNumber}: ${e.lineCount} lines, truth ${truth.get(e.lineNumber) ?? 'no event'}`);
      }
    }
    allSame += same;
    allEvents += Math.max(events, truth.size);
    console.log(`${scenario.padEnd(40)} ${side.padEnd(8)} ${same}/${truth.size} truth events framed exactly (${events} events) ${wrong.join('; ')}`);
  }
}
console.log(`all: ${allSame}/${allEvents}`);
