import { MemoGate } from '../tokens/memo-gate.js';
import { own, ownAll } from '../tokens/own.js';

/** What mining a message led to: the miner's shape-cache epoch then, the cluster it matched, its parameters. */
export interface LineMemo<C> {
  epoch: number;
  cluster: C;
  version: number;
  /** A copy (the caller owns the array it was given) of values of their own (see own). */
  params: string[];
}

/** Messages longer than this are not remembered: they rarely repeat and would dominate the memory bound. */
const MAX_MESSAGE = 2048;

/**
 * Recent messages and what mining them led to, keyed by the message text, so a repeated message (a
 * heartbeat, `Connection closed`) skips tokenizing, masking and fitting. Bounded by entries and by
 * characters held; cleared when either bound is reached, so memory stays flat on any input. Keys are
 * copies, so a remembered message never keeps the larger string it was sliced from alive.
 *
 * Remembering costs a lookup and a copy per message, which only pays when messages repeat: after two
 * windows of 4096 lookups in a row with fewer than one hit in eight (logs whose every message carries a
 * fresh id), the cache pauses for 32k messages, then tries again with what it held (one poor window then
 * pauses it again; see {@link MemoGate}).
 *
 * Messages with variables (their template has a `<*>`) come back only when their values do. Where the constant
 * messages keep the cache busy but the others carry fresh ids, copying each of those in is the cost without the
 * gain, and the copies turn into garbage when the cache is cleared. So they are judged apart, on their own hits
 * and misses, with the same rule: after two windows of 4096 with fewer than one in eight found, none is added for
 * the next 32k of them (those already held are still found), then they are tried again.
 */
export class LineCache<C extends { version: number }> {
  readonly #map = new Map<string, LineMemo<C>>();
  #chars = 0;
  readonly #gate = new MemoGate(4096, 4096 / 8, 2, 8 * 4096);
  /** Whether messages with variables are added: judged on their own hits (tallied in get) and misses (in set). */
  readonly #admit = new MemoGate(4096, 4096 / 8, 2, 8 * 4096);
  #variableHits = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  /** False while paused: {@link LineCache.get} then finds nothing and {@link LineCache.set} keeps nothing. */
  get active(): boolean {
    return this.#gate.active;
  }

  get(message: string): LineMemo<C> | undefined {
    if (this.#gate.skip()) return undefined;
    const memo = message.length > MAX_MESSAGE ? undefined : this.#map.get(message);
    this.#gate.record(memo !== undefined);
    if (memo !== undefined && memo.params.length !== 0) this.#variableHits++;
    return memo;
  }

  /** Remembers what mining `message` led to; `memo` is what {@link LineCache.get} gave for it, if anything. */
  set(message: string, memo: LineMemo<C> | undefined, epoch: number, cluster: C, params: readonly string[]): void {
    if (message.length > MAX_MESSAGE || !this.#gate.active) return;
    if (memo !== undefined) {
      // Something changed since the last time (a merge, a generalization).
      memo.epoch = epoch;
      memo.cluster = cluster;
      memo.version = cluster.version;
      memo.params = ownAll(params);
      return;
    }
    if (params.length !== 0) {
      // the hits since the last such miss count only while adding is on
      const hits = this.#variableHits;
      this.#variableHits = 0;
      if (this.#admit.skip()) return;
      this.#admit.recordMiss(hits);
    }
    if (this.#map.size >= this.maxEntries || this.#chars + message.length > this.maxChars) {
      this.#map.clear();
      this.#chars = 0;
    }
    this.#chars += message.length;
    this.#map.set(own(message), { epoch, cluster, version: cluster.version, params: ownAll(params) });
  }
}

