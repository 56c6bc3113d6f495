import { WILDCARD } from '../tokens/types.js';
import { fitTokens } from './glob.js';
import type { DefinedMinerOptions } from './options.js';
import type { Cluster, ClusterStore } from './store.js';

/**
 * Generalizes templates from the evidence gathered so far (never splits one):
 * 1. clusters of equal length that differ in one slot merge when a slot there is already `<*>`
 *    or when at least `minDistinctValues` different words were seen in it;
 * 2. a longer template merges into a shorter one whose `<*>` can cover its extra tokens
 *    (variable-length values such as `user John Smith`);
 * 3. templates that became identical merge.
 * Returns the clusters whose template changed.
 */
export function consolidate(store: ClusterStore, opts: DefinedMinerOptions): Set<Cluster> {
  const changed = new Set<Cluster>();
  for (let round = 0; round < 64; round++) {
    let any = false;
    for (const [len, list] of [...store.byLength]) {
      if (list.length > 1 && mergeBySlot(store, len, opts, changed)) any = true;
    }
    if (mergeVariableLength(store, opts)) any = true;
    if (!any) break;
  }
  return changed;
}

function mergeBySlot(store: ClusterStore, len: number, opts: DefinedMinerOptions, changed: Set<Cluster>): boolean {
  let merged = false;
  // The first token usually names the event (`boot (command <*>)` vs `wait (command <*>)`); only in
  // long messages, where it is a small part of the identity, may it become a variable.
  const from = opts.variableFirstToken || len >= 5 ? 0 : 1;
  for (let i = from; i < len; i++) {
    const list = store.byLength.get(len);
    if (list === undefined || list.length < 2) break;
    const groups = new Map<string, Cluster[]>();
    for (const c of list) {
      const key = keyWithout(c.tokens, i);
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [c]);
      else g.push(c);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const values = [...new Set(group.map((c) => c.tokens[i]!))];
      if (values.length > 1 && !isVariableSlot(values, opts.minDistinctValues, len)) continue;
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
      merged = true;
    }
  }
  return merged;
}

/**
 * Whether the different values seen in one slot (all else equal) are instances of a variable:
 * one of them already is `<*>`, or they differ only by an empty value (`()` vs `(<*>)`), or
 * there are enough different words. Capitalized words (`Started`, `GET`) are usually names of
 * states or actions, so they need twice the evidence; so do slots of very short templates.
 */
function isVariableSlot(values: readonly string[], minDistinct: number, len: number): boolean {
  if (values.includes(WILDCARD)) return true;
  const stripped = new Set(values.map((v) => v.split(WILDCARD).join('')));
  if (stripped.size === 1 && values.some((v) => v.includes(WILDCARD))) return true;
  let capitalized = 0;
  for (const v of values) {
    let k = 0;
    while (k < v.length && !isWordChar(v.charCodeAt(k))) k++;
    const c = v.charCodeAt(k);
    if (c >= 65 && c <= 90) capitalized++;
  }
  const need = capitalized * 2 > values.length || len <= 2 ? minDistinct * 2 : minDistinct;
  return values.length >= need;
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

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 42 || c === 60 || c === 62;
}

function keyWithout(tokens: readonly string[], skip: number): string {
  let key = '';
  for (let k = 0; k < tokens.length; k++) key += k === skip ? '\u0000\u0001' : tokens[k] + '\u0000';
  return key;
}

/** A template may absorb longer ones through its `<*>` only when mostly made of constants. */
export function canSpan(tokens: readonly string[]): boolean {
  let wild = 0;
  for (const t of tokens) if (t === WILDCARD) wild++;
  const constants = tokens.length - wild;
  return wild > 0 && constants >= 2 && constants > wild;
}

function mergeVariableLength(store: ClusterStore, opts: DefinedMinerOptions): boolean {
  let merged = false;
  const lengths = [...store.byLength.keys()].sort((a, b) => a - b);
  for (const len of lengths) {
    const shorter = store.byLength.get(len);
    if (shorter === undefined) continue;
    for (const w of shorter.slice()) {
      if (!store.live.has(w.id) || !canSpan(w.tokens)) continue;
      for (let extra = 1; extra <= opts.maxVariableSpan; extra++) {
        const longer = store.byLength.get(len + extra);
        if (longer === undefined) continue;
        for (const c of longer.slice()) {
          if (fitTokens(w.tokens, c.tokens, opts.maxVariableSpan) !== undefined) {
            store.absorb(w, c);
            merged = true;
          }
        }
      }
    }
  }
  return merged;
}
