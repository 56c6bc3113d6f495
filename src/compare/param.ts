import type { SignatureStats, VariableStats } from '../profile/signature-stats.js';
import { maxSeverity } from '../severity/rank.js';
import { FAILURE_WORD, HEALTHY_VALUE, severityOf } from '../severity/severityOf.js';
import { compareRates } from './stats/compareRates.js';
import type { Severity, ValueCount } from './types.js';

/** A template variable that took trouble-signalling values in the canary more often than in the baseline. */
export interface ParamFinding {
  position: number;
  /** Other positions that took exactly the same trouble values with the same counts (one field written twice). */
  also?: number[];
  /** Only values new to an established error field, none significant on its own (see ParamTest.fresh). */
  fresh?: boolean;
  /** The trouble values and their canary counts. */
  values: ValueCount[];
  /** Canary events carrying one of them. */
  count: number;
  pValue: number;
  /** Rate ratio of those values within the signature (canary share / baseline share). */
  ratio: number;
  severity: Severity;
  examples: string[];
}

/** How strongly a value signals trouble, given the baseline's values at the same position. */
const STATUS = /^[1-5]\d\d$/;
const unquote = (v: string): string => v.replace(/^["']|["']$/g, '');

const COMMON_STATUS = new Set(['200', '201', '202', '204', '206', '301', '302', '304', '307', '308']);

/**
 * True when a variable looks like an HTTP status in the baseline: few distinct values (statuses are a small
 * set, item counts are not), all three-digit codes, the most frequent a common success or redirect.
 */
function isStatusLike(baseline: VariableStats): boolean {
  const values = baseline.values;
  if (!values.exact || values.size > 12) return false;
  const top = values.top(12);
  return top.length > 0 && COMMON_STATUS.has(unquote(top[0]!.value)) && top.every((x) => STATUS.test(unquote(x.value)));
}

/** A value that says there is none: `null`, `nil`, `None`, `undefined`, `NaN`, `(null)`, `<nil>`. */
const NULL_MARKER = /^(?:null|nil|none|undefined|nan|\(null\)|<nil>)$/i;

/**
 * A variable that had real values in the baseline (its most frequent ones neither null markers nor healthy words
 * such as `ok` or `0`) and now says null: `user_id=null`, `price=NaN`, an object that lost a field.
 */
function lostValue(value: string, baseline: VariableStats): boolean {
  if (!NULL_MARKER.test(unquote(value))) return false;
  const top = baseline.values.top(3);
  return top.length > 0 && top.every((x) => !NULL_MARKER.test(unquote(x.value)) && !HEALTHY_VALUE.test(unquote(x.value)));
}

function troubleOf(value: string, baseline: VariableStats, statusLike: boolean): Severity | undefined {
  const v = unquote(value);
  if (lostValue(value, baseline)) return 'warning';
  if (statusLike && STATUS.test(v)) {
    if (v.startsWith('5')) return 'error';
    if (v.startsWith('4')) return 'warning';
  }
  let s: Severity | undefined;
  // signature fields carry their spaces as _; a value without letters or quotes (a number, an address, a
  // timestamp) has no topic, and most values are such, so the topic scan is skipped for them
  const text = /[A-Za-z"]/.test(v) ? severityOf(v.replace(/_/g, ' ')) : 'info';
  if (text !== 'info') s = text;
  if (FAILURE_WORD.test(v)) s = maxSeverity(s ?? 'warning', 'warning');
  // a value that was always "healthy" (0, nil, ok) now carries something else
  const top = baseline.values.top(2);
  if (top.length === 1 && baseline.values.exact && HEALTHY_VALUE.test(top[0]!.value) && !HEALTHY_VALUE.test(v)) {
    s = maxSeverity(s ?? 'warning', 'warning');
  }
  return s;
}

/**
 * Variables of one signature whose canary values signal trouble (a 5xx where the baseline had statuses, an
 * error string where it had `nil`, a non-zero count where it was always 0, a failure word) significantly
 * more often than in the baseline. Values that are merely new (pod names, versions) are not findings.
 */
/** One trouble value of one variable, tested on its own. */
export interface ParamTest {
  position: number;
  value: string;
  count: number;
  inBase: number;
  /** One-sided exact p-value that the value's share of the signature's events grew. */
  p: number;
  severity: Severity;
  /**
   * A value the baseline never showed in an error field (`err=`, `error=`, `reason=`) that always had the same
   * one to three values there: the statement now fails differently (a "same header" fault). It counts from its
   * first events, weighed like a new signature, not only once significant.
   */
  fresh?: boolean;
}

/**
 * The trouble values of a signature's variables that are more frequent in the canary (as a share of the
 * signature's events) by at least `minRatio`, each with its own exact test. The caller corrects the p-values
 * for multiplicity across every signature (summing only the values that happened to rise would find a "rise"
 * in any random split).
 */
export function paramTests(
  base: SignatureStats,
  canary: SignatureStats,
  options: {
    minRatio: number;
    effective?: (n: number, side: 'baseline' | 'canary') => number;
    /** Events of each whole side: a fresh value is tested like a new signature, against them. */
    totals?: { baseline: number; canary: number };
  },
): ParamTest[] {
  const e = options.effective ?? ((n: number) => n);
  const tested: ParamTest[] = [];
  const positions = Math.min(base.variables.length, canary.variables.length);
  const errorFields = errorVariables(canary.alignedTo);
  for (let i = 0; i < positions; i++) {
    const bv = base.variables[i]!;
    const cv = canary.variables[i]!;
    // ids, timestamps and free text: a new value is expected on every event and signals nothing, except that
    // there is none (`user_id=null`)
    const wide = bv.highCardinality || cv.highCardinality;
    const statusLike = !wide && isStatusLike(bv);
    const established = !wide && errorFields.has(i) && bv.values.exact && bv.values.size <= 3 && bv.values.total >= 10;
    for (const { value, count } of cv.values.top()) {
      if (wide && !lostValue(value, bv)) continue;
      const inBase = bv.values.get(value);
      if (established && inBase === 0 && !HEALTHY_VALUE.test(unquote(value))) {
        const { baseline: bt, canary: ct } = options.totals ?? { baseline: base.count, canary: canary.count };
        const cmp = compareRates(0, e(bt, 'baseline'), e(count, 'canary'), e(ct, 'canary'));
        tested.push({ position: i, value, count, inBase, p: cmp.pGreater, severity: troubleOf(value, bv, statusLike) ?? 'warning', fresh: true });
        continue;
      }
      if (count / canary.count <= inBase / Math.max(1, base.count)) continue; // not more frequent than before
      const severity = troubleOf(value, bv, statusLike);
      if (severity === undefined) continue;
      const cmp = compareRates(e(inBase, 'baseline'), e(base.count, 'baseline'), e(count, 'canary'), e(canary.count, 'canary'));
      if (cmp.ratio.estimate < options.minRatio) continue; // as common as before, give or take
      // a value the baseline already showed must have become clearly more common (at least minRatio times with
      // 95% confidence): a random split shifts such shares by a factor of two now and then
      if (inBase > 0 && cmp.ratio.lower < options.minRatio) continue;
      tested.push({ position: i, value, count, inBase, p: cmp.pGreater, severity });
    }
  }
  return tested;
}

/**
 * Parameter findings of one signature from its tests and their q-values (adjusted across all signatures):
 * per variable, the values with q < alpha, when they add up to at least `minCount` canary events.
 */
export function paramFindings(
  base: SignatureStats,
  canary: SignatureStats,
  tests: ReadonlyArray<ParamTest & { q: number }>,
  options: { minCount: number; alpha: number },
): ParamFinding[] {
  const out: ParamFinding[] = [];
  const positions = [...new Set(tests.map((t) => t.position))].sort((a, b) => a - b);
  for (const i of positions) {
    const hits = tests.filter((t) => t.position === i && (t.q < options.alpha || t.fresh === true));
    const count = hits.reduce((a, t) => a + t.count, 0);
    const significant = hits.some((t) => t.q < options.alpha);
    if (hits.length === 0 || (count < options.minCount && significant)) continue;
    const inBase = hits.reduce((a, t) => a + t.inBase, 0);
    const cmp = compareRates(inBase, base.count, count, canary.count);
    const values: ValueCount[] = hits.map((t) => ({ value: t.value, count: t.count }));
    const cv = canary.variables[i]!;
    // the first event with each value and a later one, then sampled events that show one of the values (a spike
    // of a value is better shown by events from all over the canary than by its first one alone)
    const shown = (map: ReadonlyMap<string, string>): string[] => values.map((v) => map.get(v.value)).filter((e): e is string => e !== undefined);
    const firsts = [...new Set([...shown(cv.firstExamples), ...shown(cv.laterExamples)])];
    // (a signature field's value carries its spaces as _)
    const sampled = canary.examples.items.filter((e) => !firsts.includes(e) && values.some((v) => hasToken(e, v.value) || hasToken(e, v.value.replace(/_/g, ' '))));
    const examples = [...firsts, ...sampled].slice(0, 3);
    // A line that writes one value several times (an access log's status, its upstream status and a
    // `status=` field) is one trouble, not several: later positions with the same values and counts join the first.
    const same = out.find((o) => sameValues(o.values, values));
    if (same !== undefined) {
      (same.also ??= []).push(i);
      same.pValue = Math.min(same.pValue, ...hits.map((t) => t.q));
      continue;
    }
    out.push({
      position: i,
      values,
      count,
      pValue: Math.min(...hits.map((t) => t.q)),
      ratio: cmp.ratio.estimate,
      severity: hits.reduce<Severity>((a, t) => maxSeverity(a, t.severity), 'info'),
      examples: examples.length ? examples : canary.examples.items.slice(0, 3),
      ...(significant ? {} : { fresh: true }),
    });
  }
  return out;
}

const ERROR_KEY = /(?:^|[._])(?:err|error|reason)$/i;

/** Indexes of the template's variables that are error fields (`err=<*>`, `error=<*>`, `reason=<*>`). */
function errorVariables(template: string): Set<number> {
  const out = new Set<number>();
  let index = 0;
  for (const token of template.split(' ')) {
    const n = token.split('<*>').length - 1;
    const eq = token.indexOf('=');
    if (n > 0 && eq > 0 && token.indexOf('<*>') > eq && ERROR_KEY.test(token.slice(0, eq).replace(/^[^\w]+/, ''))) out.add(index);
    index += n;
  }
  return out;
}

/** True when `value` occurs in `text` not as part of a longer word or number. */
function hasToken(text: string, value: string): boolean {
  if (value.length === 0) return false;
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = at + value.length < text.length ? text.charCodeAt(at + value.length) : 32;
    if (!isWordChar(before) && !isWordChar(after)) return true;
  }
  return false;
}

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

function sameValues(a: readonly ValueCount[], b: readonly ValueCount[]): boolean {
  return a.length === b.length && a.every((v, k) => v.value === b[k]!.value && v.count === b[k]!.count);
}
