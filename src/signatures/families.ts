import { mlKmeans } from './lazy-ml.js';
import { TemplateVectors } from './vectors.js';

/**
 * Options of {@link groupFamilies} (and {@link familiesOf}); defaults in {@link defaultFamilyOptions}.
 *
 * @example
 * ```ts
 * import { groupFamilies, type FamilyOptions } from 'logsift';
 * const templates = ['Disk <*> full on <*>', 'Disk <*> nearly full on <*>', 'User <*> logged in'];
 * // 'nearly' makes the two disk templates less alike than 0.9: each becomes a family of its own
 * const strict: FamilyOptions = { minSimilarity: 0.9 };
 * groupFamilies(templates, strict).family; // [0, 1, 2] (with the defaults: [0, 0, 1])
 * ```
 */
export interface FamilyOptions {
  /** Most k-means clusters tried (k from 2 to min(this, n - 1, 2√n) for n distinct templates; every k up to 12, then ~15% steps). */
  maxK?: number;
  /** Seed of k-means++ initialisation, so the same templates give the same families. */
  seed?: number;
  /**
   * A template stays in its k-means family only if its mean cosine similarity to the other members is at
   * least this; otherwise it is a family of its own (k-means puts every template somewhere).
   */
  minSimilarity?: number;
  /** Templates of the IDF corpus (default: the templates themselves); pass both sides' templates. */
  corpus?: readonly string[];
}

/**
 * Default family options: what {@link groupFamilies} uses for an option not given (the IDF corpus defaults
 * to the templates themselves).
 *
 * @example
 * ```ts
 * import { defaultFamilyOptions, groupFamilies } from 'logsift';
 * console.log(defaultFamilyOptions); // { maxK: 40, seed: 42, minSimilarity: 0.5 }
 * groupFamilies(['Disk <*> full', 'Disk <*> nearly full'], { ...defaultFamilyOptions, seed: 7 });
 * ```
 */
export const defaultFamilyOptions = { maxK: 40, seed: 42, minSimilarity: 0.5 };

/**
 * A group of related templates, one of {@link FamilyGrouping.families}.
 *
 * @example
 * ```ts
 * import { groupFamilies } from 'logsift';
 * for (const f of groupFamilies(['Disk <*> full on <*>', 'Disk <*> nearly full on <*>', 'User <*> logged in']).families) console.log(f.index, f.label, f.members);
 * // 0 disk full on [0, 1]
 * // 1 user logged in [2]
 * ```
 */
export interface Family {
  /** 0-based family number (order of first member). */
  index: number;
  /** Input positions of the members. */
  members: number[];
  /** Constant words every member shares (at most 6), a short name for the family. */
  label: string;
}

/**
 * Families of a set of templates and how they were chosen: the result of {@link groupFamilies}.
 *
 * @example
 * ```ts
 * import { groupFamilies, type FamilyGrouping } from 'logsift';
 * const g: FamilyGrouping = groupFamilies(['Disk <*> full on <*>', 'Disk <*> nearly full on <*>', 'User <*> logged in']);
 * console.log(g.family, g.families.length, g.k); // [0, 0, 1] 2 2
 * ```
 */
export interface FamilyGrouping {
  /** Family number of each template, in input order. */
  family: number[];
  families: Family[];
  /** Number of k-means clusters chosen (by the best mean silhouette); 0 when k-means was not needed. */
  k: number;
  /** Mean silhouette (cosine distance) of the chosen clustering; 0 when k-means was not needed. */
  silhouette: number;
}

/**
 * Groups related templates into families: k-means (ml-kmeans, k-means++ seeded) over TF-IDF vectors of
 * their constant words, k chosen automatically by the best mean silhouette under cosine distance
 * (dot products of unit vectors), then members too unlike their family (mean similarity below `minSimilarity`) split off.
 * Templates with the same words (they differ only in variables) always share a family. Up to twelve distinct
 * templates, too few for k-means to choose k, average linkage groups them instead (merging while the mean
 * similarity of two groups is at least `minSimilarity`).
 *
 * @example
 * ```ts
 * import { groupFamilies } from 'logsift';
 * const g = groupFamilies(['Disk <*> full on <*>', 'Disk <*> nearly full on <*>', 'User <*> logged in']);
 * g.family; // [0, 0, 1]
 * ```
 */
export function groupFamilies(templates: readonly string[], options: FamilyOptions = {}): FamilyGrouping {
  const o = { ...defaultFamilyOptions, ...options };
  const vectors = new TemplateVectors(templates, o.corpus ?? templates);
  // identical vectors are one point: k-means++ cannot seed more centres than distinct points
  const keyOf = vectors.weights.map((m) => [...m].map(([w, x]) => `${w}:${x.toFixed(9)}`).sort().join(' '));
  const distinct: number[] = [];
  const pointOf = new Map<string, number>();
  const point = keyOf.map((key, i) => {
    let p = pointOf.get(key);
    if (p === undefined) {
      p = distinct.length;
      pointOf.set(key, p);
      distinct.push(i);
    }
    return p;
  });
  const m = distinct.length;
  let cluster = distinct.map((_, p) => p);
  let k = 0;
  let best = 0;
  if (m >= 3 && m <= SMALL) {
    // too few points for k-means to choose k by silhouette (and not worth loading it): average linkage
    const sim = distinct.map((i) => distinct.map((j) => vectors.similarity(i, j)));
    cluster = averageLinkage(sim, o.minSimilarity);
    k = new Set(cluster).size;
    best = k > 1 && k < m ? meanSilhouette(sim, cluster) : 0;
  } else if (m >= 3) {
    const sim = distinct.map((i) => distinct.map((j) => vectors.similarity(i, j)));
    const data = project(distinct.map((i) => vectors.weights[i]!));
    for (const kk of candidateKs(Math.min(o.maxK, m - 1, Math.ceil(2 * Math.sqrt(m))))) {
      const result = mlKmeans().kmeans(data, kk, { seed: o.seed, initialization: 'kmeans++', maxIterations: 30 });
      const s = meanSilhouette(sim, result.clusters);
      if (s > best) {
        best = s;
        k = kk;
        cluster = result.clusters;
      }
    }
    if (k > 0) cluster = splitOutliers(sim, cluster, o.minSimilarity);
  } else if (m === 2 && vectors.similarity(distinct[0]!, distinct[1]!) >= o.minSimilarity) {
    cluster = [0, 0];
  }
  // number families by first appearance so the output does not depend on k-means' labels
  const number = new Map<number, number>();
  const family = point.map((p) => {
    const c = cluster[p]!;
    let f = number.get(c);
    if (f === undefined) {
      f = number.size;
      number.set(c, f);
    }
    return f;
  });
  const families: Family[] = [...number.values()].map((index) => ({ index, members: [], label: '' }));
  family.forEach((f, i) => families[f]!.members.push(i));
  for (const f of families) f.label = labelOf(f.members.map((i) => vectors.weights[i]!));
  return { family, families, k, silhouette: best };
}

const PROJECTED = 64;

/**
 * k-means input: the TF-IDF vectors as they are when the vocabulary is small, else hashed down to 64
 * dimensions (each word adds its weight with a hashed sign to two hashed dimensions; inner products are kept
 * in expectation), which makes k-means over hundreds of templates with thousands of words ~10x faster. The
 * silhouette that picks k still uses the exact cosine similarities.
 */
function project(weights: ReadonlyArray<Map<string, number>>): number[][] {
  const index = new Map<string, number>();
  for (const m of weights) for (const w of m.keys()) if (!index.has(w)) index.set(w, index.size);
  if (index.size <= PROJECTED) {
    return weights.map((m) => {
      const v = new Array<number>(index.size).fill(0);
      for (const [w, x] of m) v[index.get(w)!] = x;
      return v;
    });
  }
  return weights.map((m) => {
    const v = new Array<number>(PROJECTED).fill(0);
    for (const [w, x] of m) {
      for (let j = 0; j < 2; j++) {
        let h = 0x811c9dc5 ^ j;
        for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 0x01000193);
        v[(h >>> 1) % PROJECTED]! += (h & 1 ? 1 : -1) * x * Math.SQRT1_2;
      }
    }
    return v;
  });
}

/** Up to this many distinct templates, families come from average linkage instead of k-means. */
const SMALL = 12;

/**
 * Average-linkage grouping: starting from one group per point, the two groups with the highest mean pairwise
 * similarity merge while that mean is at least `minSimilarity` (ties: the earliest pair). Returns a group per point.
 */
function averageLinkage(sim: number[][], minSimilarity: number): number[] {
  const groups = sim.map((_, i) => [i]);
  for (;;) {
    let bestA = -1;
    let bestB = -1;
    let bestMean = minSimilarity;
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        let sum = 0;
        for (const i of groups[a]!) for (const j of groups[b]!) sum += sim[i]![j]!;
        const mean = sum / (groups[a]!.length * groups[b]!.length);
        if (mean >= bestMean && (bestA < 0 || mean > bestMean)) {
          bestA = a;
          bestB = b;
          bestMean = mean;
        }
      }
    }
    if (bestA < 0) break;
    groups[bestA]!.push(...groups[bestB]!);
    groups.splice(bestB, 1);
  }
  const out = new Array<number>(sim.length).fill(0);
  groups.forEach((g, k) => g.forEach((i) => (out[i] = k)));
  return out;
}

/** Every k up to 12, then steps of about 15% (k-means runs dominate the cost on hundreds of templates). */
function candidateKs(max: number): number[] {
  const ks: number[] = [];
  for (let k = 2; k <= max; k = k < 12 ? k + 1 : Math.ceil(k * 1.15)) ks.push(k);
  if (ks.length > 0 && ks[ks.length - 1] !== max) ks.push(max);
  return ks;
}

/** Mean silhouette with distance 1 - similarity; a member of a singleton cluster scores 0. */
function meanSilhouette(sim: number[][], clusters: readonly number[]): number {
  const n = clusters.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sum = new Map<number, number>();
    const size = new Map<number, number>();
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const c = clusters[j]!;
      sum.set(c, (sum.get(c) ?? 0) + 1 - sim[i]![j]!);
      size.set(c, (size.get(c) ?? 0) + 1);
    }
    const own = clusters[i]!;
    if (!size.has(own)) continue;
    const a = sum.get(own)! / size.get(own)!;
    let b = Infinity;
    for (const [c, s] of sum) if (c !== own) b = Math.min(b, s / size.get(c)!);
    if (b === Infinity) continue;
    const d = Math.max(a, b);
    total += d > 0 ? (b - a) / d : 0;
  }
  return n > 0 ? total / n : 0;
}

function splitOutliers(sim: number[][], clusters: readonly number[], minSimilarity: number): number[] {
  const out = [...clusters];
  let next = Math.max(...clusters) + 1;
  for (let i = 0; i < clusters.length; i++) {
    let sum = 0;
    let n = 0;
    for (let j = 0; j < clusters.length; j++) {
      if (j !== i && clusters[j] === clusters[i]) {
        sum += sim[i]![j]!;
        n++;
      }
    }
    if (n > 0 && sum / n < minSimilarity) out[i] = next++;
  }
  return out;
}

function labelOf(members: ReadonlyArray<Map<string, number>>): string {
  const first = members[0];
  if (!first) return '';
  const common = [...first.keys()].filter((w) => members.every((m) => m.has(w)));
  common.sort((a, b) => members.reduce((s, m) => s + m.get(b)!, 0) - members.reduce((s, m) => s + m.get(a)!, 0));
  return common.slice(0, 6).join(' ');
}

/**
 * Families of a list of records with templates (e.g. findings), for a report: the result of {@link familiesOf}.
 *
 * @example
 * ```ts
 * import { familiesOf, type RecordFamilies } from 'logsift';
 * const grouped: RecordFamilies = familiesOf([
 *   { id: 'f1', template: 'Disk <*> full on <*>' },
 *   { id: 'f2', template: 'Disk <*> nearly full on <*>' },
 *   { id: 'f3', template: 'User <*> logged in' },
 * ]);
 * grouped.families.map((f) => `${f.label}: ${f.findings.join(', ')}`); // ['disk full on: f1, f2', 'user logged in: f3']
 * ```
 */
export interface RecordFamilies {
  /** Family number of each record, in input order (undefined beyond `maxRecords`). */
  family: Array<number | undefined>;
  /** Each family with its label and the ids of its records. */
  families: Array<{ index: number; label: string; findings: string[] }>;
}

/**
 * {@link groupFamilies} over records that carry an `id` and a `template` (findings of a report), so the
 * report can say "7 findings, 3 families". Only the first `maxRecords` are grouped (k-means with a
 * silhouette per k is quadratic); the rest get no family.
 *
 * @example
 * ```ts
 * import { compare, familiesOf } from 'logsift';
 * const report = await compare('fixtures/sample/baseline.log', 'fixtures/sample/canary.log');
 * const { families } = familiesOf(report.findings);
 * console.log(`${report.findings.length} findings, ${families.length} families`);
 * ```
 */
export function familiesOf(records: ReadonlyArray<{ id: string; template: string }>, options: FamilyOptions & { maxRecords?: number } = {}): RecordFamilies {
  const { maxRecords = 200, ...rest } = options;
  const head = records.slice(0, maxRecords);
  const g = groupFamilies(
    head.map((r) => r.template),
    rest,
  );
  return {
    family: records.map((_, i) => g.family[i]),
    families: g.families.map((f) => ({ index: f.index, label: f.label, findings: f.members.map((i) => head[i]!.id) })),
  };
}
