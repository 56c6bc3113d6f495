import { findRewordings, type AlignmentInput, type Rewording, type RewordingOptions } from './rewordings.js';

/**
 * Signatures after alignment ({@link alignSignatures}): reworded ones as pairs, the rest as they were.
 *
 * @example
 * ```ts
 * import { alignSignatures, type Alignment } from 'logsift';
 * interface Row { id: string; template: string; base: number; canary: number }
 * const rows: Row[] = [
 *   { id: 'a', template: 'Order <*> placed by user <*>', base: 900, canary: 0 },
 *   { id: 'b', template: 'Order <*> created by user <*>', base: 0, canary: 880 },
 *   { id: 'c', template: 'GET <*> <*> <*>', base: 5000, canary: 5100 },
 * ];
 * const aligned: Alignment<Row> = alignSignatures(
 *   rows,
 *   (r) => ({ id: r.id, template: r.template, severity: 'info', baselineCount: r.base, canaryCount: r.canary }),
 *   { baseline: 10_000, canary: 10_000 },
 * );
 * for (const { baseline, canary, rewording } of aligned.pairs) console.log(baseline.id, canary.id, rewording.added); // 'a' 'b' ['created']
 * aligned.rest.map((r) => r.id); // ['c']
 * ```
 */
export interface Alignment<T> {
  /** Each baseline signature with the canary signature that rewords it. */
  pairs: Array<{ baseline: T; canary: T; rewording: Rewording }>;
  /** Every signature not in a pair, in input order. */
  rest: T[];
}

/**
 * Runs {@link findRewordings} over any kind of signature record (`view` says what the alignment needs to
 * know of one) and splits the records into reworded pairs and the rest, so a comparison can test each
 * pair as one signature. Records whose ids repeat are never paired twice.
 *
 * @example
 * ```ts
 * import { alignSignatures } from 'logsift';
 * const records = [
 *   { id: 'a', template: 'Cache <*> warmed in <*>', level: 'info', base: 500, canary: 0 },
 *   { id: 'b', template: 'Cache <*> primed in <*>', level: 'info', base: 0, canary: 480 },
 * ];
 * const { pairs, rest } = alignSignatures(
 *   records,
 *   (r) => ({ id: r.id, template: r.template, severity: r.level, baselineCount: r.base, canaryCount: r.canary }),
 *   { baseline: 10_000, canary: 9_000 },
 * );
 * pairs.length; // 1 (and rest is empty)
 * ```
 */
export function alignSignatures<T>(
  records: readonly T[],
  view: (record: T) => AlignmentInput,
  totals: { baseline: number; canary: number },
  options: RewordingOptions = {},
): Alignment<T> {
  const views = records.map(view);
  const found = findRewordings(views, totals, options);
  if (found.length === 0) return { pairs: [], rest: [...records] };
  const byId = new Map<string, number>();
  views.forEach((v, i) => byId.set(v.id, i));
  const paired = new Set<number>();
  const pairs: Alignment<T>['pairs'] = [];
  for (const rewording of found) {
    const b = byId.get(rewording.baselineId)!;
    const c = byId.get(rewording.canaryId)!;
    // records sharing an id are one signature, never a rewording of itself
    if (b === c || paired.has(b) || paired.has(c)) continue;
    paired.add(b);
    paired.add(c);
    pairs.push({ baseline: records[b]!, canary: records[c]!, rewording });
  }
  return { pairs, rest: records.filter((_, i) => !paired.has(i)) };
}
