// Loads the library for a bench: dist/index.js (what `npm run bench:*` builds), or with --src the
// current sources bundled on the fly into .bench-tmp (for quick iteration without a full build).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadLibrary(argv = process.argv) {
  if (!argv.includes('--src')) return import(pathToFileURL(join(root, 'dist/index.js')).href);
  const outfile = join(root, '.bench-tmp', `logsift-index-${process.pid}.mjs`);
  // imported only here: esbuild is CommonJS, and importing it parses its whole source (and keeps the optimizing
  // compiler busy) in every bench process that only wanted `root`
  const { build } = await import('esbuild');
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
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    // loaded once: the bundle is not needed after the import (one file per process would pile up)
    rmSync(outfile, { force: true });
  }
}
