// Bundles src/index.ts into .bench-tmp so a bench runs the current sources without touching dist/
// (other builds may be cleaning dist/ at the same time).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function loadLogsift() {
  const outfile = join(root, '.bench-tmp', `logsift-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, 'src/index.ts')],
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
