// Bundles the records stage of src/ into .bench-tmp so a bench runs the current sources without
// touching dist/ (other builds may be cleaning it) and without depending on unrelated stages.
import { build } from 'esbuild';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = ['format', 'reader', 'prefix', 'events', 'structured'];

export async function loadLogsift() {
  const outfile = join(root, '.bench-tmp', `logsift-records-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: modules.map((m) => `export * from './src/records/${m}.js';`).join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  const module = await import(outfile);
  rmSync(outfile, { force: true });
  return module;
}

export { root };

/**
 * Writes (once) .bench-tmp/reader-mix-<lines>.log: the 16 loghub-2k systems' raw lines repeated, or
 * synthetic lines when ../shared is absent. Written in slices so the generator stays small in memory.
 */
export function ensureMixFile(lines) {
  const tmp = join(root, '.bench-tmp');
  mkdirSync(tmp, { recursive: true });
  const file = join(tmp, `reader-mix-${lines}.log`);
  if (existsSync(file)) return file;
  const loghub = join(root, '../shared/data/loghub-2k');
  let sample = [];
  if (existsSync(loghub)) {
    for (const dir of readdirSync(loghub)) {
      const log = join(loghub, dir, `${dir}_2k.log`);
      if (existsSync(log)) sample.push(...readFileSync(log, 'utf8').split('\n').filter((l) => l !== ''));
    }
  } else {
    sample = Array.from({ length: 1000 }, (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO worker-${i % 7} request ${i} done in ${i * 3}ms`);
  }
  const fd = openSync(file, 'w');
  for (let i = 0; i < lines; i += 10_000) {
    const parts = [];
    for (let j = i; j < Math.min(lines, i + 10_000); j++) parts.push(sample[j % sample.length]);
    writeSync(fd, `${parts.join('\n')}\n`);
  }
  closeSync(fd);
  return file;
}
