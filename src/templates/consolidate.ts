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
  const from = opts.variableFirstToken || len === 1 ? 0 : 1;
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
      let target = group.find((c) => c.tokens[i] === WILDCARD);
      const distinct = new Set(group.map((c) => c.tokens[i])).size;
      if (target === undefined && distinct < opts.minDistinctValues && distinct > 1) continue;
      target ??= group.reduce((a, b) => (a.id <= b.id ? a : b));
      if (target.tokens[i] !== WILDCARD && distinct > 1) {
        const tokens = target.tokens.slice();
        tokens[i] = WILDCARD;
        store.setTokens(target, tokens);
        changed.add(target);
      }
      for (const c of group) if (c !== target) store.absorb(target, c);
      merged = true;
    }
  }
  return merged;
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
