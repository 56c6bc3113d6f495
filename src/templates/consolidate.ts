import { isPinnedStatus } from '../tokens/mask.js';
import { WILDCARD } from '../tokens/types.js';
import { keyOf, mergeKeyValues, mergeOptionalAsides, mergeSubsumed, mergeVariableLength, mergeVariableLists } from './merge-rules.js';
import type { DefinedMinerOptions } from './options.js';
import { ruleMemo, tokenHashesOf, type Cluster, type ClusterStore } from './store.js';

/**
 * Generalizes templates from the evidence gathered so far (never splits one):
 * 1. clusters of equal length that differ in one slot merge when a slot there is already `<*>`
 *    or when at least `minDistinctValues` different words were seen in it;
 * 2. a longer template merges into a shorter one whose `<*>` can cover its extra tokens
 *    (variable-length values such as `user John Smith`);
 * 3. templates that became identical merge;
 * 4. a template a more general one of the same length covers joins it (see mergeSubsumed).
 * Returns the clusters whose template changed.
 */
export function consolidate(store: ClusterStore, opts: DefinedMinerOptions): Set<Cluster> {
  const changed = new Set<Cluster>();
  for (let round = 0; round < 64 && store.dirty.size > 0; round++) {
    const dirty = store.dirty;
    store.dirty = new Set();
    let any = false;
    const lengths = new Set<number>();
    for (const c of dirty) if (store.live.get(c.id) === c) lengths.add(c.tokens.length);
    for (const len of lengths) if (mergeBySlot(store, len, opts, changed, dirty)) any = true;
    if (mergeSubsumed(store, opts, dirty)) any = true;
    if (mergeVariableLength(store, opts, dirty)) any = true;
    if (mergeOptionalAsides(store, opts, changed, dirty)) any = true;
    if (mergeKeyValues(store, changed, dirty)) any = true;
    if (mergeVariableLists(store, changed, dirty)) any = true;
    if (!any) break;
  }
  store.dirty.clear();
  return changed;
}

function mergeBySlot(store: ClusterStore, len: number, opts: DefinedMinerOptions, changed: Set<Cluster>, dirty: Set<Cluster>): boolean {
  let merged = false;
  const from = firstVariableSlot(opts, len);
  const list0 = store.byLength.get(len);
  if (list0 === undefined || list0.length < 2) return false;
  // Keys "all tokens but slot i" as numbers from prefix and suffix hashes: O(tokens) per cluster. Read from the
  // cluster's memo at each use, not once before the loop: a merge at one slot changes the target's tokens (setTokens
  // clears the memo), and a key kept from before would still group it with templates it no longer equals.
  const keyAt = (c: Cluster, i: number): number => {
    const [p, q] = prefixSuffixOf(c, len);
    return (p[i]! >>> 0) * 2097152 + (q[i + 1]! >>> 11);
  };
  for (let i = from; i < len; i++) {
    const list = store.byLength.get(len);
    if (list === undefined || list.length < 2) break;
    // Only groups with a dirty member can merge: key the dirty clusters first, then group only the
    // clusters that share one of their keys (same groups, same order, far fewer map entries).
    const wanted = new Set<number>();
    for (const c of list) {
      if (!dirty.has(c)) continue;
      wanted.add(keyAt(c, i));
    }
    if (wanted.size === 0) continue;
    const groups = new Map<number, Cluster[]>();
    for (const c of list) {
      const key = keyAt(c, i);
      if (!wanted.has(key)) continue;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [c]);
      else g.push(c);
    }
    for (const keyed of groups.values()) {
      if (keyed.length < 2 || !keyed.some((c) => dirty.has(c))) continue;
      // Hash keys may collide: split the clusters into those truly equal outside slot i (almost always one group).
      for (let rest = keyed; rest.length >= 2; ) {
        const first = rest[0]!;
        const group = rest.filter((c) => equalExcept(c.tokens, first.tokens, i));
        rest = group.length === rest.length ? [] : rest.filter((c) => !equalExcept(c.tokens, first.tokens, i));
        if (group.length >= 2 && group.some((c) => dirty.has(c)) && mergeSlotGroup(store, group, i, len, opts, changed)) merged = true;
      }
    }
  }
  return merged;
}

/** Merges clusters equal outside slot `i` when the values seen there make it a variable slot; true if it did. */
function mergeSlotGroup(store: ClusterStore, group: Cluster[], i: number, len: number, opts: DefinedMinerOptions, changed: Set<Cluster>): boolean {
  const values = [...new Set(group.map((c) => c.tokens[i]!))];
  if (values.length > 1 && !isVariableSlot(values, opts.minDistinctValues, len)) return false;
  const target = group.reduce((a, b) => (a.id <= b.id ? a : b));
  if (values.length > 1) {
    const generalized = generalize(values);
    if (target.tokens[i] !== generalized) {
      const tokens = target.tokens.slice();
      tokens[i] = generalized;
      store.setTokens(target, tokens);
      changed.add(target);
    }
  }
  for (const c of group) if (c !== target) store.absorb(target, c);
  return true;
}

/** Prefix and suffix hashes of a cluster's tokens (see mergeBySlot), kept with the cluster until its tokens change. */
function prefixSuffixOf(c: Cluster, len: number): [Int32Array, Int32Array] {
  const memo = ruleMemo(c);
  let pq = memo.pq;
  if (pq === undefined) {
    const hs = tokenHashesOf(c);
    const p = new Int32Array(len + 1);
    const q = new Int32Array(len + 1);
    for (let k = 0; k < len; k++) p[k + 1] = Math.imul(p[k]! ^ hs[k]!, 0x01000193) + 0x9e3779b1;
    for (let k = len - 1; k >= 0; k--) q[k] = Math.imul(q[k + 1]! ^ hs[k]!, 0x01000193) + 0x85ebca6b;
    pq = [p, q];
    memo.pq = pq;
  }
  return pq;
}

/**
 * The first position that may become (or be covered by) a variable in templates of `len` tokens: the first token
 * usually names the event (`boot (command <*>)` vs `wait (command <*>)`); only in long messages, where it is a small
 * part of the identity, may it vary.
 */
export function firstVariableSlot(opts: DefinedMinerOptions, len: number): number {
  return opts.variableFirstToken || len >= 5 ? 0 : 1;
}

function equalExcept(a: readonly string[], b: readonly string[], skip: number): boolean {
  for (let k = 0; k < a.length; k++) if (k !== skip && a[k] !== b[k]) return false;
  return true;
}

/**
 * Whether the different values seen in one slot (all else equal) are instances of a variable:
 * one of them already is `<*>`, or they differ only by an empty value (`()` vs `(<*>)`), or
 * there are enough different words. Capitalized words (`Started`, `GET`) are usually names of
 * states or actions, so they need twice the evidence; so do slots of very short templates.
 */
function isVariableSlot(values: readonly string[], minDistinct: number, len: number): boolean {
  if (values.some(isPinnedStatus)) return false;
  if (values.includes(WILDCARD)) return true;
  if (values.every(isSizeUnit)) return true;
  if (keyOf(values[0]!) !== undefined && values.every((v) => keyOf(v) === keyOf(values[0]!))) return true;
  const stripped = new Set(values.map((v) => v.split(WILDCARD).join('')));
  if (stripped.size === 1 && values.some((v) => v.includes(WILDCARD))) return true;
  let capitalized = 0;
  for (const v of values) {
    let k = 0;
    while (k < v.length && !isWordChar(v.charCodeAt(k))) k++;
    const c = v.charCodeAt(k);
    if (c >= 65 && c <= 90) capitalized++;
  }
  // Names ending in one digit (`ee0`, `alt0`, `scip0`) are kept by the masks as names; as slot
  // values they are devices or channels, part of the event unless many are seen.
  const numbered = values.filter(isNumberedName).length;
  const need = capitalized * 2 > values.length || numbered * 2 > values.length || len <= 2 ? minDistinct * 2 : minDistinct;
  return values.length >= need;
}

const SIZE_UNITS = new Set(['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'kB', 'bytes']);

/** `KB,` in `size 12.1 KB,`: when the unit after a number varies, the unit is part of the value. */
function isSizeUnit(value: string): boolean {
  let end = value.length;
  while (end > 0 && !isWordChar(value.charCodeAt(end - 1))) end--;
  return SIZE_UNITS.has(value.slice(0, end));
}

/** One token covering all `values`: their common prefix and suffix (cut at punctuation) around `<*>`. */
export function generalize(values: readonly string[]): string {
  if (values.includes(WILDCARD)) return WILDCARD;
  let prefix = values[0]!;
  let suffix = values[0]!;
  let shortest = prefix.length;
  for (const v of values) {
    let p = 0;
    while (p < prefix.length && p < v.length && prefix.charCodeAt(p) === v.charCodeAt(p)) p++;
    prefix = prefix.slice(0, p);
    let q = 0;
    while (q < suffix.length && q < v.length && suffix.charCodeAt(suffix.length - 1 - q) === v.charCodeAt(v.length - 1 - q)) q++;
    suffix = suffix.slice(suffix.length - q);
    if (v.length < shortest) shortest = v.length;
  }
  let p = prefix.length;
  while (p > 0 && isWordChar(prefix.charCodeAt(p - 1))) p--;
  prefix = prefix.slice(0, p);
  let q = 0;
  while (q < suffix.length && isWordChar(suffix.charCodeAt(q))) q++;
  suffix = suffix.slice(q);
  if (prefix.length + suffix.length > shortest) suffix = '';
  if (prefix.length > shortest) prefix = '';
  let out = prefix + WILDCARD + suffix;
  while (out.includes('<*><*>')) out = out.replace('<*><*>', WILDCARD);
  return out;
}

export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 42 || c === 60 || c === 62;
}

function isNumberedName(v: string): boolean {
  let end = v.length;
  while (end > 0 && !isWordChar(v.charCodeAt(end - 1))) end--;
  if (end < 2) return false;
  const last = v.charCodeAt(end - 1);
  if (last < 48 || last > 57) return false;
  for (let i = 0; i < end - 1; i++) {
    const c = v.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
}
