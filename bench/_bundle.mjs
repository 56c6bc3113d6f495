// Bundles the records stage of src/ into .bench-tmp so a bench runs the current sources without
// touching dist/ (other builds may be cleaning it) and without depending on unrelated stages.
import { build } from 'esbuild';
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
  return import(outfile);
}

export { root };
