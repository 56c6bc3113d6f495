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
  /** merged cluster id -> the id it was merged into (may chain; resolved lazily). */
  readonly forward = new Map<number, number>();
  /** Evicted clusters' last state, so late `templateOf` calls still answer (bounded). */
  readonly retired = new Map<number, Retired>();
  nextId = 1;
  /** Clusters created or generalized since the last consolidation (it only looks around these). */
  dirty = new Set<Cluster>();
  /**
   * Pairs where a template covers another but held fewer lines when they were compared (see mergeSubsumed), by
   * `general id:specific id`, with both versions then: the only pairs that more lines can make merge later.
   */
  readonly covering = new Map<string, { general: Cluster; specific: Cluster; generalVersion: number; specificVersion: number }>();

  constructor(private readonly maxTemplates: number) {}

  create(tokens: string[], count: number, lastSeen: number, id = this.nextId): Cluster {
    const c: Cluster = { id, tokens, count, lastSeen, version: 0, text: undefined, hash: undefined, slots: undefined, slotPieces: undefined, tokenHashes: undefined, spans: -1, memo: undefined, alive: true };
    this.dirty.add(c);
    if (id >= this.nextId) this.nextId = id + 1;
    this.live.set(id, c);
    let list = this.byLength.get(tokens.length);
    if (list === undefined) this.byLength.set(tokens.length, (list = []));
    list.push(c);
    return c;
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

  /** Replaces a template by one of another length (a list of variables collapsed into one). */
  retoken(c: Cluster, tokens: string[]): void {
    if (tokens.length === c.tokens.length) return this.setTokens(c, tokens);
    const list = this.byLength.get(c.tokens.length);
    if (list !== undefined) {
      const at = list.indexOf(c);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.byLength.delete(c.tokens.length);
    }
    this.setTokens(c, tokens);
    let next = this.byLength.get(tokens.length);
    if (next === undefined) this.byLength.set(tokens.length, (next = []));
    next.push(c);
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
    const all = [...this.live.values()].sort((a, b) => a.lastSeen - b.lastSeen || a.count - b.count || a.id - b.id);
    const remove = this.live.size - max + Math.floor(max / 20);
    for (let i = 0; i < remove && i < all.length - 1; i++) {
      const c = all[i]!;
      this.unlink(c);
      this.retired.set(c.id, { text: textOf(c), hash: hashOf(c), count: c.count });
    }
    while (this.retired.size > max) this.retired.delete(this.retired.keys().next().value as number);
    this.trimForward();
  }

  private unlink(c: Cluster): void {
    c.alive = false;
    this.live.delete(c.id);
    this.dirty.delete(c);
    const list = this.byLength.get(c.tokens.length);
    if (list !== undefined) {
      const at = list.indexOf(c);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.byLength.delete(c.tokens.length);
    }
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
