import { isNegation } from '../templates/glob.js';
import { constantWords, TemplateVectors, variableRoles } from './vectors.js';

/**
 * One signature as the alignment sees it: its template, class and counts on both sides.
 *
 * @example
 * ```ts
 * import { findRewordings, type AlignmentInput } from 'logsift';
 * const signatures: AlignmentInput[] = [
 *   { id: 'a', template: 'Order <*> placed by user <*>', severity: 'info', baselineCount: 900, canaryCount: 0 },
 *   { id: 'b', template: 'Order <*> created by user <*>', severity: 'info', baselineCount: 0, canaryCount: 880 },
 * ];
 * findRewordings(signatures, { baseline: 10_000, canary: 10_000 }).length; // 1
 * ```
 */
export interface AlignmentInput {
  /** The signature's id; a {@link Rewording} names its two signatures by it. */
  id: string;
  /** The template text, variables as `<*>`. */
  template: string;
  /** Severity or level class; a rewording keeps it (an INFO statement that became an ERROR is not one). */
  severity: string;
  /** Events of the signature in the baseline. */
  baselineCount: number;
  /** Events of the signature in the canary. */
  canaryCount: number;
}

/**
 * Options of {@link findRewordings}; defaults in {@link defaultRewordingOptions}.
 *
 * @example
 * ```ts
 * import { findRewordings, type RewordingOptions } from 'logsift';
 * const signatures = [
 *   { id: 'a', template: 'Order <*> placed by user <*>', severity: 'info', baselineCount: 900, canaryCount: 0 },
 *   { id: 'b', template: 'Order <*> created by user <*>', severity: 'info', baselineCount: 0, canaryCount: 880 },
 * ];
 * const strict: RewordingOptions = { maxChangedWords: 1 };
 * // placed -> created changes two words (one removed, one added): a pair by default, not under `strict`
 * findRewordings(signatures, { baseline: 10_000, canary: 10_000 }, strict).length; // 0
 * ```
 */
export interface RewordingOptions {
  /** Least TF-IDF cosine similarity of the two templates' constant words. */
  minSimilarity?: number;
  /** Least share of distinct constant words both templates hold (Jaccard). */
  minSharedWords?: number;
  /** Most constant words that may change (added plus removed). */
  maxChangedWords?: number;
  /** The new template's count and the baseline template's fall may differ by this factor either way. */
  maxRateFactor?: number;
  /** The baseline template must keep at most this share of its expected canary count. */
  maxRemaining?: number;
  /** Changed words that make a pair a different event, not a rewording (error vocabulary by default). */
  troubleWords?: RegExp;
  /** Most templates considered per side (the most frequent first), which bounds the cost on chaotic canaries. */
  maxTemplates?: number;
  /**
   * Below this expected canary count a template is sparse: one-off events come and go by chance, so a
   * sparse pair needs `sparseMinSimilarity` and at most `sparseMaxChangedWords`, and sparse critical
   * templates are never paired (a single new OutOfMemoryError must stay novel).
   */
  sparseCount?: number;
  sparseMinSimilarity?: number;
  sparseMaxChangedWords?: number;
}

/**
 * Default rewording options: what {@link findRewordings} and {@link alignSignatures} use for an option
 * not given.
 *
 * @example
 * ```ts
 * import { defaultRewordingOptions } from 'logsift';
 * defaultRewordingOptions.maxChangedWords; // 4
 * defaultRewordingOptions.troubleWords.test('timeout'); // true: a changed word like this is never a rewording
 * ```
 */
export const defaultRewordingOptions: Required<RewordingOptions> = {
  minSimilarity: 0.5,
  minSharedWords: 0.5,
  maxChangedWords: 4,
  maxRateFactor: 2,
  maxRemaining: 0.5,
  maxTemplates: 5000,
  sparseCount: 3,
  sparseMinSimilarity: 0.65,
  sparseMaxChangedWords: 2,
  troubleWords:
    /(exception|error|err|fail|fatal|panic|crash|timeout|timed|refused|denied|reject|declin|invalid|abort|unavailable|unreachable|overflow|oom|corrupt|lost|broken|kill|segfault|warn|severe|critical|exhaust|insufficient|unable|missing|expired|mismatch)/i,
};

/**
 * Negations in a template (`not`, `no`, `never`, `cannot`, `n't`..., as the miner's wide variables read them: see
 * isNegation). Two templates with different counts say opposite things (`connection established` / `connection
 * not established`), so they are never a rewording of each other, whatever the other words.
 */
function negations(template: string): number {
  let n = 0;
  for (const token of template.split(' ')) if (isNegation(token)) n++;
  return n;
}

/**
 * A canary template paired with the baseline template it rewords.
 *
 * @example
 * ```ts
 * import { findRewordings } from 'logsift';
 * const [r] = findRewordings([
 *   { id: 'a', template: 'Order <*> placed by user <*>', severity: 'info', baselineCount: 900, canaryCount: 0 },
 *   { id: 'b', template: 'Order <*> created by user <*>', severity: 'info', baselineCount: 0, canaryCount: 880 },
 * ], { baseline: 10_000, canary: 10_000 });
 * if (r) console.log(r.baselineId, r.canaryId, r.removed, r.added, r.sharedWords); // 'a' 'b' ['placed'] ['created'] 0.6
 * ```
 */
export interface Rewording {
  /** Id of the baseline template (the one that fell). */
  baselineId: string;
  baselineTemplate: string;
  /** Id of the canary-only template that replaced it. */
  canaryId: string;
  canaryTemplate: string;
  /** TF-IDF cosine similarity of the two templates (0..1). */
  similarity: number;
  /** Share of distinct constant words both hold (0..1). */
  sharedWords: number;
  /** Constant words only the baseline template has. */
  removed: string[];
  /** Constant words only the canary template has. */
  added: string[];
}

const WORDISH = /[\p{L}\p{N}_]+/gu;

/** A variable's role with its words blanked: `total=<*>` and `count=<*>` share the skeleton `w=<*>`. */
function skeleton(role: string): string {
  return role.replace(WORDISH, 'w');
}

function rolesAgree(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && skeleton(a[i]!) !== skeleton(b[i]!)) return false;
  return true;
}

/** Counts agree within a factor, or within Poisson noise when they are small. */
function countsAgree(x: number, y: number, factor: number): boolean {
  if (x <= 0 || y <= 0) return false;
  if (x <= y * factor && y <= x * factor) return true;
  return Math.abs(x - y) <= 2 * Math.sqrt(x + y) + 1;
}

/**
 * Pairs canary-only templates with the baseline templates they reword. A pair needs all of: the same
 * severity class; the same number of variables in the same roles (the token around each `<*>` equal, or equal
 * up to its words), or one template the other with a parenthesized aside added at its end; most constant words shared (Jaccard and TF-IDF cosine over both sides' templates,
 * as unit vectors); at most a few words changed and none of them trouble words (`failed`, `timeout`,
 * `Exception`...); as many negations (`not`, `no`, `never`, `n't`...) in both; the baseline template fell in the canary (at most half its expected count left) by about
 * as much as the new template's count. Each template is paired at most once, best similarity first.
 *
 * @example
 * ```ts
 * import { findRewordings } from 'logsift';
 * const pairs = findRewordings([
 *   { id: 'a', template: 'Order <*> placed by user <*>', severity: 'info', baselineCount: 900, canaryCount: 0 },
 *   { id: 'b', template: 'Order <*> created by user <*>', severity: 'info', baselineCount: 0, canaryCount: 880 },
 * ], { baseline: 10_000, canary: 10_000 });
 * pairs[0]?.added; // ['created']
 * ```
 */
export function findRewordings(
  signatures: readonly AlignmentInput[],
  totals: { baseline: number; canary: number },
  options: RewordingOptions = {},
): Rewording[] {
  const o = { ...defaultRewordingOptions, ...options };
  if (totals.baseline <= 0 || totals.canary <= 0) return [];
  const scale = totals.canary / totals.baseline;
  const fallen: number[] = [];
  const fresh: number[] = [];
  signatures.forEach((s, i) => {
    if (s.baselineCount === 0 && s.canaryCount > 0) fresh.push(i);
    else if (s.baselineCount > 0 && s.canaryCount <= s.baselineCount * scale * o.maxRemaining) fallen.push(i);
  });
  if (fresh.length === 0 || fallen.length === 0) return [];
  const byCount = (side: 'baselineCount' | 'canaryCount') => (a: number, b: number) => signatures[b]![side] - signatures[a]![side] || a - b;
  if (fresh.length > o.maxTemplates) fresh.sort(byCount('canaryCount')).length = o.maxTemplates;
  if (fallen.length > o.maxTemplates) fallen.sort(byCount('baselineCount')).length = o.maxTemplates;
  const words = new Map<number, string[]>();
  const roles = new Map<number, string[]>();
  const distinct = new Map<number, number>();
  for (const i of [...fresh, ...fallen]) {
    words.set(i, constantWords(signatures[i]!.template));
    roles.set(i, variableRoles(signatures[i]!.template));
    distinct.set(i, new Set(words.get(i)).size);
  }
  // postings of the fallen templates by word, split by variable count: a pair must share both
  const byWord = new Map<string, number[]>();
  const key = (i: number, w: string): string => `${roles.get(i)!.length}\u0000${w}`;
  for (const j of fallen) {
    for (const w of new Set(words.get(j))) {
      const list = byWord.get(key(j, w));
      if (list) list.push(j);
      else byWord.set(key(j, w), [j]);
    }
  }

  const corpus = signatures.map((s) => s.template);
  const vectors = new TemplateVectors(corpus, corpus);
  const candidates: Array<{ b: number; c: number; sim: number; shared: number }> = [];
  for (const c of fresh) {
    const sc = signatures[c]!;
    const cw = words.get(c)!;
    const both = new Map<number, number>();
    // same variable count, or up to ASIDE_VARIABLES more or fewer (an aside added at the end: see asideAdded)
    const nc = roles.get(c)!.length;
    for (let nb = Math.max(0, nc - ASIDE_VARIABLES); nb <= nc + ASIDE_VARIABLES; nb++) {
      for (const w of new Set(cw)) for (const b of byWord.get(`${nb}\u0000${w}`) ?? []) both.set(b, (both.get(b) ?? 0) + 1);
    }
    for (const [b, n] of both) {
      const shared = n / (distinct.get(b)! + distinct.get(c)! - n);
      if (shared < o.minSharedWords) continue;
      const sb = signatures[b]!;
      if (sb.severity !== sc.severity || (!rolesAgree(roles.get(b)!, roles.get(c)!) && !asideAdded(sb.template, sc.template))) continue;
      const bw = words.get(b)!;
      const { removed, added } = changedWords(bw, cw);
      const expected = sb.baselineCount * scale;
      const sparse = expected < o.sparseCount;
      if (sparse && sb.severity === 'critical') continue;
      if (removed.length + added.length > (sparse ? Math.min(o.maxChangedWords, o.sparseMaxChangedWords) : o.maxChangedWords)) continue;
      if ([...removed, ...added].some((w) => o.troubleWords.test(w))) continue;
      if (negations(sb.template) !== negations(sc.template)) continue;
      if (!countsAgree(expected - sb.canaryCount, sc.canaryCount, o.maxRateFactor)) continue;
      const sim = vectors.similarity(b, c);
      if (sim < (sparse ? Math.max(o.minSimilarity, o.sparseMinSimilarity) : o.minSimilarity)) continue;
      candidates.push({ b, c, sim, shared });
    }
  }
  candidates.sort((x, y) => y.sim - x.sim || y.shared - x.shared || x.b - y.b || x.c - y.c);
  const used = new Set<number>();
  const out: Rewording[] = [];
  for (const { b, c, sim, shared } of candidates) {
    if (used.has(b) || used.has(c)) continue;
    used.add(b);
    used.add(c);
    const sb = signatures[b]!;
    const sc = signatures[c]!;
    out.push({
      baselineId: sb.id,
      baselineTemplate: sb.template,
      canaryId: sc.id,
      canaryTemplate: sc.template,
      similarity: sim,
      sharedWords: shared,
      ...changedWords(words.get(b)!, words.get(c)!),
    });
  }
  return out;
}

/** Most variables an aside may add (see asideAdded): how far apart in variable count a pair is looked for. */
const ASIDE_VARIABLES = 3;

/**
 * True when one template is the other with a parenthesized aside added at its end (`... timeout after <*> ms` and
 * `... timeout after <*> ms (attempt <*> of <*>)`): the same statement with a detail more, whose variables then
 * differ in number. The aside is at most six tokens and one pair of parentheses; its words still count as changed
 * words (and trouble words still refuse the pair).
 */
function asideAdded(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (!long.startsWith(`${short} (`) || !long.endsWith(')')) return false;
  const aside = long.slice(short.length + 2, -1);
  return aside.length > 0 && !/[()]/.test(aside) && aside.split(' ').length <= 6;
}

function changedWords(before: readonly string[], after: readonly string[]): { removed: string[]; added: string[] } {
  const A = new Set(before);
  const B = new Set(after);
  return { removed: [...A].filter((w) => !B.has(w)), added: [...B].filter((w) => !A.has(w)) };
}
