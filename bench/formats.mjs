// Checks compileLogFormat against the loghub ground truth: for each of the 16 systems, every line of
// the raw log is parsed with the system's log_format and its content compared with the Content column
// of the `truth` file of datasets.json. Run: node bench/formats.mjs [path/to/loghub-2k]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLogsift, root } from './_bundle.mjs';
import { parseCsvRows } from './lib/csv.mjs';

const dataDir = process.argv[2] ?? join(root, '../shared/data/loghub-2k');
const { compileLogFormat, parseEvents } = await loadLogsift();
const datasets = JSON.parse(readFileSync(join(dataDir, 'datasets.json'), 'utf8'));


let totalLines = 0;
let totalMatch = 0;
let totalFields = 0;
let totalTime = 0;
// all-fields-equal is lower than content-equal only where the truth CSV has numbers re-formatted by
// pandas (081109 -> 81109, 19939 -> 19939.0); with-time counts events given a timestamp from the fields.
console.log('system        lines  parsed  content-equal  rate    all-fields-equal  with-time');
for (const [name, spec] of Object.entries(datasets)) {
  const format = compileLogFormat(spec.log_format);
  const lines = readFileSync(join(dataDir, spec.log), 'utf8').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const [header, ...rows] = parseCsvRows(readFileSync(join(dataDir, spec.truth), 'utf8'));
  const contentCol = header.indexOf('Content');
  const parsed = [];
  for (const line of lines) {
    const result = format.parse(line);
    if (result !== undefined) parsed.push(result);
  }
  let equal = 0;
  let fieldsEqual = 0;
  const mismatches = [];
  for (let i = 0; i < rows.length; i++) {
    const ours = parsed[i];
    if (ours?.content === rows[i][contentCol]) equal++;
    else if (mismatches.length < 3) mismatches.push({ line: i + 1, ours: ours?.content, truth: rows[i][contentCol] });
    if (ours !== undefined && Object.entries(ours.fields).every(([k, v]) => rows[i][header.indexOf(k)] === v)) fieldsEqual++;
  }
  totalFields += fieldsEqual;
  const withTime = parseEvents(lines, { logFormat: spec.log_format }).events.filter((e) => e.timestamp !== undefined).length;
  totalTime += withTime;
  totalLines += rows.length;
  totalMatch += equal;
  const rate = equal / rows.length;
  console.log(`${name.padEnd(12)} ${String(lines.length).padStart(6)} ${String(parsed.length).padStart(7)} ${String(equal).padStart(14)}  ${rate.toFixed(4)}  ${String(fieldsEqual).padStart(16)}  ${String(withTime).padStart(9)}`);
  for (const m of mismatches) console.log('   mismatch', JSON.stringify(m));
}
console.log(`all          content ${totalMatch}/${totalLines} = ${(totalMatch / totalLines).toFixed(4)}, all header fields ${totalFields}/${totalLines}, with a timestamp ${totalTime}/${totalLines}`);
