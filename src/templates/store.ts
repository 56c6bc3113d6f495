import { WILDCARD } from '../tokens/types.js';
import { fnv1a64 } from './hash.js';
import type { Template } from './types.js';

/** One mined template and its bookkeeping (internal). */
export interface Cluster {
  id: number;
  tokens: string[];
  count: number;
  lastSeen: number;
  /** Bumped whenever `tokens` change, so callers can tell a template was generalized. */
  version: number;
  text: string | undefined;
  hash: string | undefined;
  /** Positions of tokens holding `<*>` (whole or partial); computed on demand. */
  slots: number[] | undefined;
  /** Literal pieces around `<*>` of each partially variable slot token (index-aligned with slots). */
  slotPieces: Array<string[] | undefined> | undefined;
  /** Per-token 32-bit hashes for consolidation; computed on demand. */
  tokenHashes: Int32Array | undefined;
  /** Keys the consolidation rules derive from the tokens, kept until the tokens change (see ruleMemo). */
  memo: RuleMemo | undefined;
  /**
   * How this template may cover longer lines (spanKind flags: QUOTED, WIDE), or -1 until computed (see
   * spanKindOf): a number from the start, so setting it never changes the field's representation.
   */
  spans: number;
  /** False once merged into another cluster or evicted. */
  alive: boolean;
  /** Order in its length's list (byLength): rises with every cluster added to a list, so sorting by it gives list order. */
  seq: number;
  /** The position of the constant token the store indexes it by (see ClusterStore.candidates); -1: none. */
  anchor: number;
}

/**
 * The clusters of one token count, each under one constant token of its own (a token without `<*>`): a line or
 * template can only fit a cluster whose constant tokens it has at the same positions, so looking up each of its
 * tokens at its position finds every cluster it may fit, whatever their number, without going through them all.
 */
interface LengthIndex {
  /** Per position: constant token -> the clusters indexed by it there. */
  readonly at: Array<Map<string, Cluster[]>>;
  /** Clusters without a constant token (every token holds `<*>`): candidates for anything of their length. */
  readonly loose: Cluster[];
}

/**
 * What the consolidation rules derive from a template's tokens: prefix/suffix hashes (mergeBySlot), the template
 * without its asides, its key=value key, its collapsed lists and whether it has a variable (merge-rules). Every
 * field is there from the start (undefined until computed), so all memos share one shape.
 */
export interface RuleMemo {
  pq: [Int32Array, Int32Array] | undefined;
  aside: unknown;
  kv: string | undefined;
  /** null: the template has no list to collapse. */
  list: unknown;
  listKey: string | undefined;
  general: boolean | undefined;
}

/** The cluster's {@link RuleMemo}, made on first use. */
export function ruleMemo(c: Cluster): RuleMemo {
  return (c.memo ??= { pq: undefined, aside: undefined, kv: undefined, list: undefined, listKey: undefined, general: undefined });
}

interface Retired {
  text: string;
  hash: string;
  count: number;
}

/**
 * The live clusters, indexed by token count, plus what is needed to follow a cluster id after
 * its cluster was merged into another one or evicted. Every structure here is bounded.
 */
export class ClusterStore {
  readonly live = new Map<number, Cluster>();
  readonly byLength = new Map<number, Cluster[]>();
  /** The live clusters by length and by one constant token each (see {@link ClusterStore.candidates}). */
  private readonly anchors = new Map<number, LengthIndex>();
  private nextSeq = 0;
  /** merged cluster id -> the id it was merged into (may chain; resolved lazily). */
  readonly forward = new Map<number, number>();
  /** Evicted clusters' last state, so late `templateOf` calls still answer (bounded). */
  readonly retired = new Map<number, Retired>();
  nextId = 1;
  /** Clusters evicted at the cap so far. */
  evicted = 0;
  /** Clusters created or generalized since the last consolidation (it only looks around these). */
  dirty = new Set<Cluster>();
  /**
   * Pairs where a template covers another but held fewer lines when they were compared (see mergeSubsumed), by
   * `general id:specific id`, with both versions then: the only pairs that more lines can make merge later.
   */
  readonly covering = new Map<string, { general: Cluster; specific: Cluster; generalVersion: number; specificVersion: number }>();

  constructor(private readonly maxTemplates: number) {}

  create(tokens: string[], count: number, lastSeen: number, id = this.nextId): Cluster {
    const c: Cluster = {
      id,
      tokens,
      count,
      lastSeen,
      version: 0,
      text: undefined,
      hash: undefined,
      slots: undefined,
      slotPieces: undefined,
      tokenHashes: undefined,
      spans: -1,
      memo: undefined,
      alive: true,
      seq: 0,
      anchor: -1,
    };
    this.dirty.add(c);
    if (id >= this.nextId) this.nextId = id + 1;
    this.live.set(id, c);
    this.link(c);
    return c;
  }

  /**
   * The live clusters of `tokens.length` tokens that `tokens` may fit, in their list's order (byLength): every
   * cluster whose constant token at its indexed position is the token there, and those with no constant token.
   * A cluster `tokens` fits (exactFit) or that covers them with its constants equal (subsumes) is always among
   * them, so callers get the same answer as from going through the whole list.
   */
  candidates(tokens: readonly string[]): Cluster[] {
    const ix = this.anchors.get(tokens.length);
    if (ix === undefined) return [];
    const out = ix.loose.slice();
    for (let p = 0; p < tokens.length; p++) {
      const bucket = ix.at[p]!.get(tokens[p]!);
      if (bucket !== undefined) for (let k = 0; k < bucket.length; k++) out.push(bucket[k]!);
    }
    if (out.length > 1) out.sort(bySeq);
    return out;
  }

  /** Follows merges from `id` to the live cluster that holds its lines now. */
  resolve(id: number): Cluster | undefined {
    let cur = id;
    for (let hops = 0; hops < 1_000_000; hops++) {
      const c = this.live.get(cur);
      if (c !== undefined) {
        if (cur !== id) this.forward.set(id, cur); // path compression
        return c;
      }
      const next = this.forward.get(cur);
      if (next === undefined) return undefined;
      cur = next;
    }
    return undefined;
  }

  /** The final id `id` forwards to, even when that cluster was evicted. */
  finalId(id: number): number {
    let cur = id;
    for (let hops = 0; hops < 1_000_000; hops++) {
      const next = this.forward.get(cur);
      if (next === undefined || this.live.has(cur)) return cur;
      cur = next;
    }
    return cur;
  }

  retiredOf(id: number): Retired | undefined {
    return this.retired.get(this.finalId(id));
  }

  setTokens(c: Cluster, tokens: string[]): void {
    // indexed by a constant token that may be gone now
    if (c.alive) this.unindex(c);
    this.replaceTokens(c, tokens);
    if (c.alive) this.index(c);
  }

  /** Replaces a template by one of another length (a list of variables collapsed into one). */
  retoken(c: Cluster, tokens: string[]): void {
    if (tokens.length === c.tokens.length) return this.setTokens(c, tokens);
    if (c.alive) this.delink(c);
    this.replaceTokens(c, tokens);
    if (c.alive) this.link(c);
  }

  private replaceTokens(c: Cluster, tokens: string[]): void {
    c.tokens = tokens;
    c.version++;
    c.text = undefined;
    c.hash = undefined;
    c.slots = undefined;
    c.slotPieces = undefined;
    c.tokenHashes = undefined;
    c.spans = -1;
    c.memo = undefined;
    this.dirty.add(c);
  }

  /** Moves `from`'s lines into `into`; `from`'s id forwards to `into` from now on. */
  absorb(into: Cluster, from: Cluster): void {
    into.count += from.count;
    if (from.lastSeen > into.lastSeen) into.lastSeen = from.lastSeen;
    this.unlink(from);
    this.forward.set(from.id, into.id);
    this.trimForward();
  }

  /**
   * Evicts least recently matched clusters (ties: fewer lines first) until at most
   * `maxTemplates` remain; evicts a few extra at once so the sort is amortized.
   */
  evictIfNeeded(): void {
    const max = this.maxTemplates;
    if (this.live.size <= max) return;
    const n = this.live.size;
    const remove = Math.min(n - max + Math.floor(max / 20), n - 1);
    // The `remove` first in (lastSeen, count, id) order: all of them were matched no later than the remove-th
    // earliest lastSeen, so only the clusters up to it are sorted (not every template, on each eviction past the cap).
    const seen = new Float64Array(n);
    let k = 0;
    for (const c of this.live.values()) seen[k++] = c.lastSeen;
    seen.sort();
    const bound = seen[remove - 1]!;
    const oldest: Cluster[] = [];
    for (const c of this.live.values()) if (c.lastSeen <= bound) oldest.push(c);
    oldest.sort((a, b) => a.lastSeen - b.lastSeen || a.count - b.count || a.id - b.id);
    for (let i = 0; i < remove; i++) {
      const c = oldest[i]!;
      this.unlink(c);
      this.evicted++;
      this.retired.set(c.id, { text: textOf(c), hash: hashOf(c), count: c.count });
    }
    while (this.retired.size > max) this.retired.delete(this.retired.keys().next().value as number);
    this.trimForward();
  }

  private unlink(c: Cluster): void {
    this.delink(c);
    c.alive = false;
    this.live.delete(c.id);
    this.dirty.delete(c);
  }

  /** Adds `c` at the end of its length's list, and to the index. */
  private link(c: Cluster): void {
    let list = this.byLength.get(c.tokens.length);
    if (list === undefined) this.byLength.set(c.tokens.length, (list = []));
    list.push(c);
    c.seq = this.nextSeq++;
    this.index(c);
  }

  /** Takes `c` out of its length's list and out of the index. */
  private delink(c: Cluster): void {
    const list = this.byLength.get(c.tokens.length);
    if (list !== undefined) {
      const at = list.indexOf(c);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.byLength.delete(c.tokens.length);
    }
    this.unindex(c);
  }

  /** Indexes `c` by the constant token whose position holds the fewest clusters with it so far (any would do). */
  private index(c: Cluster): void {
    const tokens = c.tokens;
    let ix = this.anchors.get(tokens.length);
    if (ix === undefined) {
      ix = { at: [], loose: [] };
      for (let p = 0; p < tokens.length; p++) ix.at.push(new Map());
      this.anchors.set(tokens.length, ix);
    }
    let best = -1;
    let fewest = Infinity;
    for (let p = 0; p < tokens.length && fewest > 0; p++) {
      const t = tokens[p]!;
      if (t.includes(WILDCARD)) continue;
      const n = ix.at[p]!.get(t)?.length ?? 0;
      if (n < fewest) {
        best = p;
        fewest = n;
      }
    }
    c.anchor = best;
    if (best < 0) {
      ix.loose.push(c);
      return;
    }
    const bucket = ix.at[best]!.get(tokens[best]!);
    if (bucket === undefined) ix.at[best]!.set(tokens[best]!, [c]);
    else bucket.push(c);
  }

  private unindex(c: Cluster): void {
    const ix = this.anchors.get(c.tokens.length);
    if (ix === undefined) return;
    const bucket = c.anchor < 0 ? ix.loose : ix.at[c.anchor]!.get(c.tokens[c.anchor]!);
    if (bucket === undefined) return;
    const at = bucket.indexOf(c);
    if (at >= 0) bucket.splice(at, 1);
    if (bucket.length === 0 && c.anchor >= 0) ix.at[c.anchor]!.delete(c.tokens[c.anchor]!);
  }

  private trimForward(): void {
    const cap = 4 * this.maxTemplates + 64;
    if (this.forward.size <= cap) return;
    for (const key of this.forward.keys()) {
      if (this.forward.size <= cap / 2) break;
      this.forward.delete(key);
    }
  }
}

function bySeq(a: Cluster, b: Cluster): number {
  return a.seq - b.seq;
}

export function textOf(c: Cluster): string {
  if (c.text === undefined) c.text = renderTokens(c.tokens);
  return c.text;
}

export function hashOf(c: Cluster): string {
  if (c.hash === undefined) c.hash = fnv1a64(textOf(c));
  return c.hash;
}

export function slotsOf(c: Cluster): number[] {
  if (c.slots === undefined) {
    const slots: number[] = [];
    for (let i = 0; i < c.tokens.length; i++) {
      const t = c.tokens[i]!;
      if (t.includes(WILDCARD)) slots.push(i);
    }
    c.slots = slots;
  }
  return c.slots;
}

export function viewOf(c: Cluster): Template {
  return { id: hashOf(c), clusterId: c.id, text: textOf(c), count: c.count };
}

/** Template text: tokens joined by one space. */
export function renderTokens(tokens: readonly string[]): string {
  return tokens.join(' ');
}

/** FNV-1a 32-bit hashes of each token (cached on the cluster until its tokens change). */
export function tokenHashesOf(c: Cluster): Int32Array {
  if (c.tokenHashes === undefined) {
    const hs = new Int32Array(c.tokens.length);
    for (let i = 0; i < c.tokens.length; i++) {
      const t = c.tokens[i]!;
      let h = 0x811c9dc5;
      for (let k = 0; k < t.length; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
      hs[i] = h;
    }
    c.tokenHashes = hs;
  }
  return c.tokenHashes;
}

/** For each slot of {@link slotsOf}: undefined for a whole `<*>`, else the token split on `<*>`. */
export function slotPiecesOf(c: Cluster): Array<string[] | undefined> {
  if (c.slotPieces === undefined) c.slotPieces = slotsOf(c).map((i) => (c.tokens[i] === WILDCARD ? undefined : c.tokens[i]!.split(WILDCARD)));
  return c.slotPieces;
}
