const VAR = '<*>';
// Words of a template: letters and digits; `<*>` and punctuation separate them.
const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * The constant words of a template, lower-cased, in order (`<*>` removed; one-letter words dropped).
 * Numbers stay: a constant status code tells `GET /cart 200` from `GET /cart 503`.
 *
 * @example
 * ```ts
 * import { constantWords } from 'logsift';
 * constantWords('GET /cart <*> 503 in <*>ms'); // ['get', 'cart', '503', 'in', 'ms']
 * ```
 */
export function constantWords(template: string): string[] {
  const out: string[] = [];
  for (const token of template.split(/\s+/)) {
    for (const piece of token.split(VAR)) {
      for (const m of piece.matchAll(WORD)) {
        const w = m[0].toLowerCase();
        if (w.length > 1) out.push(w);
      }
    }
  }
  return out;
}

/**
 * The role of each variable: the whitespace token that holds it, other variables of the token shown as
 * `<*>` (e.g. `total=<*>`, `SKU-<*>`, `<*>ms`, `<*>`). Two templates whose variables have the same roles
 * in the same order carry the same kind of values in the same places.
 *
 * @example
 * ```ts
 * import { variableRoles } from 'logsift';
 * variableRoles('Order <*> placed by <*> total=<*> EUR'); // ['<*>', '<*>', 'total=<*>']
 * variableRoles('GET <*> took <*>ms from <*>:<*>'); // ['<*>', '<*>ms', '<*>:<*>', '<*>:<*>'] (one role per variable)
 * ```
 */
export function variableRoles(template: string): string[] {
  const roles: string[] = [];
  for (const token of template.split(/\s+/)) {
    if (!token.includes(VAR)) continue;
    const n = token.split(VAR).length - 1;
    for (let i = 0; i < n; i++) roles.push(token);
  }
  return roles;
}

/**
 * Share of two word lists' distinct words that both hold (Jaccard index); 1 when both are empty.
 *
 * @example
 * ```ts
 * import { constantWords, sharedWords } from 'logsift';
 * // order, by, user shared; placed and created not: 3 of 5 distinct words
 * sharedWords(constantWords('Order <*> placed by user <*>'), constantWords('Order <*> created by user <*>')); // 0.6
 * ```
 */
export function sharedWords(a: readonly string[], b: readonly string[]): number {
  const A = new Set(a);
  const B = new Set(b);
  if (A.size === 0 && B.size === 0) return 1;
  let both = 0;
  for (const w of A) if (B.has(w)) both++;
  return both / (A.size + B.size - both);
}

/**
 * TF-IDF vectors of a set of templates over their constant words: words that many templates share
 * (`request`, `user`) weigh less than words that tell templates apart. The document frequencies come from
 * a corpus (by default the templates themselves; pass both sides' templates so a baseline and a canary
 * template are measured on one scale). Vectors are sparse; {@link TemplateVectors.dense} gives arrays.
 *
 * @example
 * ```ts
 * import { TemplateVectors } from 'logsift';
 * const v = new TemplateVectors(['Order <*> placed', 'Order <*> created', 'Cache miss for <*>']);
 * v.similarity(0, 1) > v.similarity(0, 2); // true
 * ```
 */
export class TemplateVectors {
  /** Word weights of each template, in input order (unit length; empty for a template without words). */
  readonly weights: Array<Map<string, number>>;

  constructor(templates: readonly string[], corpus: readonly string[] = templates) {
    const df = new Map<string, number>();
    for (const t of corpus) for (const w of new Set(constantWords(t))) df.set(w, (df.get(w) ?? 0) + 1);
    const n = corpus.length;
    this.weights = templates.map((t) => {
      const tf = new Map<string, number>();
      for (const w of constantWords(t)) tf.set(w, (tf.get(w) ?? 0) + 1);
      let norm = 0;
      for (const [w, f] of tf) {
        // smoothed idf: a word in every template still weighs a little; a word outside the corpus weighs most
        const x = f * (Math.log((1 + n) / (1 + (df.get(w) ?? 0))) + 1);
        tf.set(w, x);
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (const [w, x] of tf) tf.set(w, x / norm);
      return tf;
    });
  }

  /**
   * Cosine similarity (0..1) of templates `i` and `j`; 0 when either has no words. The weights are unit
   * vectors, so it is their dot product over the words they share.
   */
  similarity(i: number, j: number): number {
    let a = this.weights[i]!;
    let b = this.weights[j]!;
    if (a.size === 0 || b.size === 0) return 0;
    if (b.size < a.size) [a, b] = [b, a];
    let dot = 0;
    for (const [w, x] of a) {
      const y = b.get(w);
      if (y !== undefined) dot += x * y;
    }
    return Math.min(1, dot);
  }

  /** Dense vectors over the templates' own vocabulary (for k-means). */
  dense(): number[][] {
    const index = new Map<string, number>();
    for (const m of this.weights) for (const w of m.keys()) if (!index.has(w)) index.set(w, index.size);
    return this.weights.map((m) => {
      const v = new Array<number>(index.size).fill(0);
      for (const [w, x] of m) v[index.get(w)!] = x;
      return v;
    });
  }
}
