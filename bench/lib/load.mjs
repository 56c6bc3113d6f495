// Loads the library for a bench: dist/index.js (what `npm run bench:*` builds), or the current
// sources bundled on the fly with --src (for quick iteration without a full build).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLogsift, root } from '../_bundle.mjs';

export async function loadLibrary(argv = process.argv) {
  if (argv.includes('--src')) return loadLogsift();
  return import(pathToFileURL(join(root, 'dist/index.js')).href);
}

export { root };
