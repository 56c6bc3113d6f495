// The throughput mix: the 16 loghub-2k systems' raw lines (headers included), in order, repeated up to `lines`
// lines, written once to .bench-tmp/loghub-mix-<lines>.log and reused.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './load.mjs';

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
