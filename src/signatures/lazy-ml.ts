import { createRequire } from 'node:module';

// ml-kmeans takes about 0.1 s to import, and most runs (templates, a comparison with few findings to group)
// never need it: it is loaded on first use. It is an ES module, which Node >= 20.19 loads through require()
// as well.
const load = createRequire(import.meta.url);

let kmeansModule: typeof import('ml-kmeans') | undefined;

/** The ml-kmeans module, imported on first use. */
export function mlKmeans(): typeof import('ml-kmeans') {
  kmeansModule ??= load('ml-kmeans') as typeof import('ml-kmeans');
  return kmeansModule;
}
