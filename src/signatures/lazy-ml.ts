import { createRequire } from 'node:module';

// ml-kmeans and ml-distance take about 0.2 s to import, and most runs (templates, a comparison with no
// findings to group) never need them: they are loaded on first use. Both are ES modules, which Node >= 20.19
// loads through require() as well.
const load = createRequire(import.meta.url);

let kmeansModule: typeof import('ml-kmeans') | undefined;
let distanceModule: typeof import('ml-distance') | undefined;

/** The ml-kmeans module, imported on first use. */
export function mlKmeans(): typeof import('ml-kmeans') {
  kmeansModule ??= load('ml-kmeans') as typeof import('ml-kmeans');
  return kmeansModule;
}

/** The ml-distance module, imported on first use. */
export function mlDistance(): typeof import('ml-distance') {
  distanceModule ??= load('ml-distance') as typeof import('ml-distance');
  return distanceModule;
}
