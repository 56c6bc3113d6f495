// Event framing against the per-event ground truth of the canary-bench logs: for every scenario with
// *.events.tsv.gz, each event's first line and line count must equal the truth's (line, nLines), and,
// for generated scenarios (whose truth level is the level the generator wrote, not a severity guessed
// from keywords as for loghub), the event's level must equal it. Run: node bench/framing.mjs [dir]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadLogsift, root } from './_bundle.mjs';

const dir = process.argv[2] ?? join(root, '../shared/canary-bench/public');
const { readEventBatches } = await loadLogsift();
let allSame = 0;
let allLevelSame = 0;
let allLevelKnown = 0;
let allEvents = 0;
for (const scenario of readdirSync(dir).sort()) {
  for (const side of ['baseline', 'canary']) {
    const tsv = join(dir, scenario, `${side}.events.tsv.gz`);
    if (!existsSync(tsv)) continue;
    const rows = gunzipSync(readFileSync(tsv)).toString('utf8').split('\n').filter((r) => r !== '');
    const head = rows.shift().split('\t');
    const [li, ni, lv] = [head.indexOf('line'), head.indexOf('nLines'), head.indexOf('level')];
    const cells = rows.map((r) => r.split('\t'));
    const truth = new Map(cells.map((c) => [Number(c[li]), Number(c[ni])]));
    const generated = JSON.parse(readFileSync(join(dir, scenario, 'truth.json'), 'utf8')).source === 'generated';
    const levels = new Map(generated ? cells.map((c) => [Number(c[li]), (c[lv] ?? '').toLowerCase().replace('warning', 'warn')]) : []);
    let same = 0;
    let events = 0;
    let levelSame = 0;
    let levelKnown = 0;
    const wrong = [];
    for await (const batch of readEventBatches(join(dir, scenario, `${side}.log`))) {
      for (const e of batch) {
        events++;
        const level = levels.get(e.lineNumber);
        if (level) {
          levelKnown++;
          if (level === (e.level ?? '')) levelSame++;
        }
        if (truth.get(e.lineNumber) === e.lineCount) same++;
        else if (wrong.length < 3) wrong.push(`line ${e.lineNumber}: ${e.lineCount} lines, truth ${truth.get(e.lineNumber) ?? 'no event'}`);
      }
    }
    allSame += same;
    allLevelSame += levelSame;
    allLevelKnown += levelKnown;
    allEvents += Math.max(events, truth.size);
    console.log(`${scenario.padEnd(40)} ${side.padEnd(8)} ${same}/${truth.size} truth events framed exactly (${events} events), level ${levelSame}/${levelKnown} ${wrong.join('; ')}`);
  }
}
console.log(`all: ${allSame}/${allEvents} events framed exactly; level equal on ${allLevelSame}/${allLevelKnown} events of the generated scenarios`);
