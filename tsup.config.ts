import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      splunk: 'src/sources/splunk.ts',
      elastic: 'src/sources/elastic.ts',
      sumo: 'src/sources/sumo.ts',
      loki: 'src/sources/loki.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // import.meta.url in the CJS build (createRequire for the lazily loaded ml-* modules)
    shims: true,
  },
  {
    // the script of a mining worker (src/profile/threads.ts starts it from any of the bundles in dist/)
    entry: { 'side-worker': 'src/profile/side-worker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
