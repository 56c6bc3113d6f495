// The throughput mix: the 16 loghub-2k systems' raw lines (headers included), in order, repeated up to `lines`
// lines, written once to .bench-tmp/loghub-mix-<lines>.log and reused. freshMixFile: the same lines with the numbers of
// each message redrawn, so that a message with a number in it seldom comes back.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './load.mjs';
import { rng } from './rng.mjs';

export function mixFile(lines) {
  const tmp = join(root, '.bench-tmp');
  mkdirSync(tmp, { recursive: true });
  const file = join(tmp, `loghub-mix-${lines}.log`);
  if (existsSync(file)) return file;
  const shared = join(root, '..', 'shared', 'data', 'loghub-2k');
  const datasets = JSON.parse(readFileSync(join(shared, 'datasets.json'), 'utf8'));
  const all = [];
  for (const d of Object.values(datasets)) {
    const text = readFileSync(join(shared, d.log), 'utf8');
    for (const l of text.split('\n')) if (l.length) all.push(l.replace(/\r$/, ''));
  }
  const out = [];
  for (let i = 0; i < lines; i++) out.push(all[i % all.length]);
  writeFileSync(file, out.join('\n') + '\n');
  return file;
}

/**
 * The mix of {@link mixFile} with every run of two or more digits in each line's message (after the header
 * `detectPrefix` finds, from `lib`) redrawn at random (seeded), headers untouched: logs whose lines carry fresh ids,
 * counters, sizes and durations, where a message comes back only when it has no such number. Single digits stay, as
 * they are mostly parts of names (`ssh2`, `eth0`). Written once to .bench-tmp/loghub-mix-fresh-<lines>.log.
 * Returns the file and the share of its lines whose message came earlier in the file.
 */
export function freshMixFile(lines, lib) {
  const file = join(root, '.bench-tmp', `loghub-mix-fresh-${lines}.log`);
  const stats = `${file}.json`;
  if (existsSync(file) && existsSync(stats)) return { file, ...JSON.parse(readFileSync(stats, 'utf8')) };
  const random = rng(20261202);
  const seen = new Set();
  let repeated = 0;
  const out = [];
  for (const line of readFileSync(mixFile(lines), 'utf8').split('\n')) {
    if (line === '') continue;
    const from = line.length - lib.detectPrefix(line).message.length;
    const message = line.slice(from).replace(/[0-9]{2,}/g, (run) => run.replace(/[0-9]/g, () => String(Math.floor(random() * 10))));
    if (seen.has(message)) repeated++;
    else seen.add(message);
    out.push(line.slice(0, from) + message);
  }
  writeFileSync(file, out.join('\n') + '\n');
  const shares = { repeatedShare: repeated / out.length };
  writeFileSync(stats, JSON.stringify(shares));
  return { file, ...shares };
}
