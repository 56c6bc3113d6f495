import { InputError, isInputError } from '../errors/InputError.js';
import { hashMasked, LineScanner } from '../tokens/scanner.js';
import { ownAll } from '../tokens/own.js';
import { scanMessage } from '../tokens/tokenize.js';
import { consolidate } from './consolidate.js';
import { collapseRuns, coversLonger, farthestCover, settleCovering } from './merge-rules.js';
import { exactFit, paramsOf, pushParams } from './params.js';
import { defaultMinerOptions, type DefinedMinerOptions, type MinerOptions } from './options.js';
import { LineCache, type LineMemo } from './line-cache.js';
import { readSnapshot, type MinerSnapshot } from './snapshot.js';
import { ClusterStore, slotPiecesOf, slotsOf, viewOf, type Cluster } from './store.js';
import type { MatchResult, Template, TemplateChange } from './types.js';

/** A scanned message: the hash of its masked shape, and its tokens when the general path made them. */
interface Shape {
  hash: number;
  raw: string[] | undefined;
  masked: string[] | undefined;
}

/** Cache entry: the masked shape (to rule out hash collisions) and its cluster. */
interface CacheEntry {
  cluster: Cluster;
  tokens: string[];
}

/**
 * Online template miner. Each message is split into tokens, variable-looking tokens are masked
 * by shape (numbers, ids, addresses, paths, ...), and the masked shape is looked up in a cache;
 * a new shape joins the most specific template it fits, else starts a new one. From time to time
 * (and before templates are read) templates are generalized from the evidence: a slot that took
 * several different words becomes `<*>`, a `<*>` may cover a value of several tokens.
 *
 * @example
 * ```ts
 * import { TemplateMiner } from 'logsift';
 * const miner = new TemplateMiner();
 * const r = miner.add('Failed password for root from 10.0.0.1 port 22 ssh2');
 * r.template.text; // 'Failed password for <*> from <*> port <*> ssh2'
 * r.params;        // ['root', '10.0.0.1', '22']
 * ```
 */
export class TemplateMiner {
  readonly #opts: DefinedMinerOptions;
  #store: ClusterStore;
  readonly #cache = new Map<number, CacheEntry>();
  readonly #scanner = new LineScanner();
  readonly #lines: LineCache<Cluster>;
  /**
   * Bumped whenever an entry leaves the shape cache (replaced, dropped, cleared): a remembered message is only
   * valid while no entry has left since it was remembered, so a hit needs no look at the entry it came from.
   */
  #epoch = 0;
  #tick = 0;
  #createdSinceConsolidation = 0;
  /** Lines counted since templates were last read (see #consolidateIfDirty). */
  #countsMoved = false;
  /** Whether the last consolidation past the template cap freed room, or one since merged templates (see #maintain). */
  #consolidatingFrees = true;

  constructor(options: MinerOptions = {}) {
    this.#opts = resolveOptions(options);
    this.#store = new ClusterStore(this.#opts.maxTemplates);
    this.#lines = new LineCache(this.#opts.maxCacheEntries, LINE_CACHE_CHARS);
  }

  /** The options in effect (defaults filled in). */
  get options(): Readonly<DefinedMinerOptions> {
    return this.#opts;
  }

  /**
   * Mines one message: assigns it to a template (creating one if needed) and returns the
   * template, what changed and the values of its variables.
   *
   * @example
   * ```ts
   * miner.add('Connection closed by 10.0.0.2 [preauth]').params; // ['10.0.0.2']
   * ```
   */
  add(message: string): MatchResult {
    if (typeof message !== 'string') throw new InputError(`TemplateMiner.add takes a string (got ${message === null ? 'null' : typeof message})`, 'E_INPUT');
    const remembered = this.#opts.masks.length === 0;
    const seen = remembered ? this.#lines.get(message) : undefined;
    if (seen !== undefined) {
      const again = this.#addAgain(seen);
      if (again !== undefined) return again;
    }
    const shape = this.#scan(message);
    let cluster = this.#fromCache(shape);
    let change: TemplateChange = 'none';
    if (cluster === undefined) {
      const masked = (shape.masked ??= this.#scanner.maskedTokens());
      // No wide-variable fit while learning: a new shape waits for consolidation, which first
      // merges it with same-length templates (`invalid user <*>`) before any `<*>` may widen.
      cluster = this.#fit(masked, false);
      // Kept for long (template, cache entry): tokens of their own, not slices of the message's source.
      const kept = ownAll(masked);
      if (cluster === undefined) {
        cluster = this.#store.create(kept.slice(), 0, this.#tick);
        change = 'created';
        this.#createdSinceConsolidation++;
      }
      this.#remember(shape.hash, cluster, kept);
    }
    cluster.count++;
    cluster.lastSeen = ++this.#tick;
    this.#countsMoved = true;
    if (change === 'created') {
      const created = cluster;
      cluster = this.#maintain(cluster);
      // Merged into an older template right away: that template was generalized by this line.
      if (cluster !== created) change = 'changed';
    }
    const params = this.#params(cluster, shape);
    // What this message led to, so the same message next time skips scanning and fitting; valid while
    // the shape-cache entry it matched and its cluster's tokens stay as they are now.
    if (remembered && this.#lines.active) this.#lines.set(message, seen, this.#epoch, cluster, params);
    return { template: viewOf(cluster), change, params };
  }

  /**
   * {@link TemplateMiner.add} for a message seen before, when nothing it depends on changed since: the
   * result the full path would give (the same shape-cache entry, as none has left the cache since, pointing
   * to the same live cluster of the same version, so the same template and parameters), or undefined to take
   * the full path. (An entry is pointed to another cluster only once its cluster is no longer alive.)
   */
  #addAgain(seen: LineMemo<Cluster>): MatchResult | undefined {
    if (seen.epoch !== this.#epoch) return undefined;
    const cluster = seen.cluster;
    const params = seen.params;
    if (!cluster.alive || cluster.version !== seen.version) return undefined;
    cluster.count++;
    cluster.lastSeen = ++this.#tick;
    this.#countsMoved = true;
    return { template: viewOf(cluster), change: 'none', params: params.slice() };
  }

  /**
   * Finds the template a message belongs to without learning anything (no counts, no new template).
   *
   * @example
   * ```ts
   * miner.match('Connection closed by 10.9.9.9 [preauth]')?.template.text; // 'Connection closed by <*> [preauth]'
   * ```
   */
  match(message: string): MatchResult | undefined {
    if (typeof message !== 'string') throw new InputError(`TemplateMiner.match takes a string (got ${message === null ? 'null' : typeof message})`, 'E_INPUT');
    this.#consolidateIfDirty();
    const shape = this.#scan(message);
    const cluster = this.#fromCache(shape) ?? this.#fit((shape.masked ??= this.#scanner.maskedTokens()));
    if (cluster === undefined) return undefined;
    return { template: viewOf(cluster), change: 'none', params: this.#params(cluster, shape) };
  }

  /**
   * The live template that covers a template as this or another miner renders it (tokens joined by one space,
   * `<*>` for variables), found the way {@link TemplateMiner.merge} places another miner's templates: the most
   * specific template whose tokens fit, through a wide `<*>` if need be. Unlike {@link TemplateMiner.match},
   * the text is not scanned as a message: a token that is partly variable (`<*>/EUR`, `path=/var/<*>/x`) would
   * be masked again there and fit nothing. A run of `<*>` that merged into one list variable (`delete <*> <*>` into
   * `delete <*>`) is found through it. Learns nothing; undefined when no template covers it.
   *
   * @example
   * ```ts
   * const other = new TemplateMiner();
   * for (const c of ['USD', 'GBP', 'PLN', 'SEK', 'CHF', 'NOK']) other.add(`FX rate ${c}/EUR = 0.91`);
   * miner.merge(other.snapshot());
   * miner.findTemplate('FX rate <*>/EUR = <*>')?.text; // 'FX rate <*>/EUR = <*>'
   * miner.match('FX rate <*>/EUR = <*>'); // undefined: scanned as a message, `<*>/EUR` is masked again
   * ```
   */
  findTemplate(template: string): Template | undefined {
    this.#consolidateIfDirty();
    const tokens = template === '' ? [] : template.split(' ');
    let cluster = this.#fit(tokens);
    if (cluster === undefined) {
      // A run of variables (`to delete <*> <*> <*>`) may have become one list variable here (mergeVariableLists),
      // and a wide `<*>` covers words only: look for the template with the run collapsed, as that merge made it.
      const runs = collapseRuns(tokens);
      if (runs.collapsed) cluster = this.#fit(runs.tokens);
    }
    return cluster === undefined ? undefined : viewOf(cluster);
  }

  /**
   * Every live template, by cluster id, after generalizing from all the evidence so far.
   *
   * @example
   * ```ts
   * for (const t of miner.templates()) console.log(t.id, t.count, t.text);
   * ```
   */
  templates(): Template[] {
    this.#consolidateIfDirty();
    return [...this.#store.live.values()].sort((a, b) => a.id - b.id).map(viewOf);
  }

  /**
   * The current template of a cluster, following merges: store `result.template.clusterId` per
   * line while mining and call this at the end to label each line with its final template.
   * Throws an {@link InputError} for an id this miner never had or no longer tracks.
   *
   * @example
   * ```ts
   * const ids = lines.map((l) => miner.add(l).template.clusterId);
   * const finalTexts = ids.map((id) => miner.templateOf(id).text);
   * ```
   */
  templateOf(clusterId: number): Template {
    this.#consolidateIfDirty();
    const live = this.#store.resolve(clusterId);
    if (live !== undefined) return viewOf(live);
    const retired = this.#store.retiredOf(clusterId);
    if (retired !== undefined) {
      return { id: retired.hash, clusterId: this.#store.finalId(clusterId), text: retired.text, count: retired.count };
    }
    throw new InputError(`Unknown or no longer tracked template cluster: ${String(clusterId)}`, 'E_UNKNOWN_CLUSTER');
  }

  /**
   * The miner's state as versioned JSON-safe data (user masks are functions and are not included).
   *
   * @example
   * ```ts
   * fs.writeFileSync('miner.json', JSON.stringify(miner.snapshot()));
   * ```
   */
  snapshot(): MinerSnapshot {
    this.#consolidateIfDirty();
    const { masks: _masks, ...options } = this.#opts;
    return {
      format: 'logsift-miner',
      version: 1,
      options,
      tick: this.#tick,
      nextId: this.#store.nextId,
      clusters: [...this.#store.live.values()]
        .sort((a, b) => a.id - b.id)
        .map((c) => ({ id: c.id, tokens: c.tokens.slice(), count: c.count, lastSeen: c.lastSeen })),
      forward: [...this.#store.forward.entries()],
      ...(this.#store.evicted > 0 ? { evicted: this.#store.evicted } : {}),
    };
  }

  /**
   * How many templates were evicted at the cap (`maxTemplates`) so far, carried by snapshots. More than 0 means the
   * input has more distinct statements than the cap holds: templates were dropped and made again, their counts
   * split, and lines labelled with templates the miner may no longer track. Raise `maxTemplates` above it.
   *
   * @example
   * ```ts
   * const miner = new TemplateMiner({ maxTemplates: 2 });
   * for (const line of ['disk full', 'cache cold', 'queue empty']) miner.add(line);
   * miner.evicted; // 1 or more
   * ```
   */
  get evicted(): number {
    return this.#store.evicted;
  }

  /**
   * Rebuilds a miner from {@link TemplateMiner.snapshot} output; validates it first and throws an
   * {@link InputError} on anything malformed. Pass `masks` again if the original miner had some.
   *
   * @example
   * ```ts
   * const miner = TemplateMiner.restore(JSON.parse(fs.readFileSync('miner.json', 'utf8')));
   * ```
   */
  static restore(snapshot: unknown, extra: Pick<MinerOptions, 'masks'> = {}): TemplateMiner {
    const snap = readSnapshot(snapshot);
    const miner = new TemplateMiner({ ...snap.options, ...extra });
    const store = miner.#store;
    for (const c of snap.clusters) store.create(c.tokens.slice(), c.count, c.lastSeen, c.id);
    for (const [from, to] of snap.forward) if (!store.live.has(from)) store.forward.set(from, to);
    store.nextId = Math.max(store.nextId, snap.nextId);
    store.evicted = snap.evicted ?? 0;
    miner.#tick = snap.tick;
    return miner;
  }

  /**
   * Feeds the templates of another miner's snapshot into this one, with their counts, so shards
   * mined apart can be combined. Every line of the other miner still matches a template here.
   *
   * @example
   * ```ts
   * const a = new TemplateMiner(); const b = new TemplateMiner();
   * // ... mine two halves of a log ...
   * a.merge(b.snapshot());
   * ```
   */
  merge(other: MinerSnapshot): void {
    const snap = readSnapshot(other);
    for (const c of snap.clusters) {
      const tokens = c.tokens.slice();
      let into = this.#fit(tokens);
      // The covering rule of consolidation (mergeSubsumed): a specific template with more lines than the general one of
      // its length covering it is an event of its own. It is added, and consolidation decides with the counts of the
      // moment templates are read (the general one may grow by templates fed after it): feeding in cluster-id order,
      // a specific template would otherwise join whichever general one came before it.
      if (into !== undefined && into.count < c.count && into.tokens.length === tokens.length && !sameTokens(into.tokens, tokens)) into = undefined;
      if (into === undefined) {
        into = this.#store.create(tokens, 0, this.#tick);
        this.#createdSinceConsolidation++;
      }
      into.count += c.count;
      this.#countsMoved = true;
      into.lastSeen = ++this.#tick;
      into = this.#maintain(into);
    }
    this.#consolidateIfDirty();
  }

  /** Scans a message: the fast scanner, or the general path for multi-token variables and user masks. */
  #scan(message: string): Shape {
    const sc = this.#scanner;
    if (this.#opts.masks.length === 0) {
      sc.scan(message, this.#opts.maxTokens);
      if (!sc.general) return { hash: sc.hash, raw: undefined, masked: undefined };
    }
    const { raw, masked } = scanMessage(message, this.#opts.masks, this.#opts.maxTokens);
    return { hash: hashMasked(masked), raw, masked };
  }

  #fromCache(shape: Shape): Cluster | undefined {
    const hit = this.#cache.get(shape.hash);
    if (hit === undefined) return undefined;
    const same = shape.masked === undefined ? this.#scanner.sameShape(hit.tokens) : sameTokens(hit.tokens, shape.masked);
    if (!same) return undefined;
    if (hit.cluster.alive) return hit.cluster;
    const now = this.#store.resolve(hit.cluster.id);
    if (now === undefined) {
      this.#epoch++;
      this.#cache.delete(shape.hash);
    } else hit.cluster = now;
    return now;
  }

  #remember(hash: number, cluster: Cluster, tokens: string[]): void {
    if (this.#cache.size >= this.#opts.maxCacheEntries) {
      this.#epoch++;
      this.#cache.clear();
    }
    if (this.#cache.has(hash)) this.#epoch++;
    this.#cache.set(hash, { cluster, tokens });
  }

  /** Parameters straight from the scanner's offsets when the template is token-aligned with the line. */
  #params(c: Cluster, shape: Shape): string[] {
    const span = this.#opts.maxVariableSpan;
    if (shape.raw !== undefined) return paramsOf(c, shape.raw, shape.masked!, span);
    const sc = this.#scanner;
    if (c.tokens.length !== sc.count) return paramsOf(c, sc.rawTokens(), (shape.masked ??= sc.maskedTokens()), span);
    const params: string[] = [];
    const slots = slotsOf(c);
    const pieces = slotPiecesOf(c);
    for (let k = 0; k < slots.length; k++) pushParams(params, c.tokens[slots[k]!]!, sc.raw(slots[k]!), pieces[k]);
    return params;
  }

  /** The most specific template the masked tokens fit: same length first, then through a wide `<*>`. */
  #fit(masked: readonly string[], spanning = true): Cluster | undefined {
    let best: Cluster | undefined;
    let bestConstants = -1;
    // the clusters that may fit, in list order: not all of this length, which grow with the templates
    for (const c of this.#store.candidates(masked)) {
      const constants = exactFit(c.tokens, masked);
      if (constants > bestConstants) {
        best = c;
        bestConstants = constants;
      }
    }
    if (best !== undefined || !spanning) return best;
    const span = this.#opts.maxVariableSpan;
    const farthest = farthestCover(masked, span);
    for (let extra = 1; extra <= farthest && extra < masked.length; extra++) {
      for (const c of this.#store.byLength.get(masked.length - extra) ?? []) if (coversLonger(c, masked, extra, span)) return c;
    }
    return undefined;
  }

  /**
   * After a template was created: generalize now and then, and keep within the template cap; over the cap,
   * generalize first (merging frees room), so nothing is evicted that was about to merge. Where generalizing
   * freed nothing the last time (more distinct statements than the cap: templates are evicted and made again as
   * their statements come back), the cap is kept by eviction alone until generalizing on its usual schedule frees
   * room again: going through every template on each such turn made mining many times slower past the cap.
   */
  #maintain(cluster: Cluster): Cluster {
    const live = this.#store.live.size;
    const due = this.#createdSinceConsolidation >= Math.max(32, live >> 1);
    const over = live > this.#opts.maxTemplates;
    // past the cap, while consolidating frees nothing: now and then, often enough that variants about to merge meet
    // (a template lives about maxTemplates new templates past its last line; this gives it some four chances)
    const overDue = over && this.#createdSinceConsolidation >= (this.#consolidatingFrees ? 1 : Math.max(32, this.#opts.maxTemplates >> 2));
    if (due || overDue) {
      this.#consolidate();
      const freed = this.#store.live.size < live;
      // judged past the cap, where consolidating is meant to free room; below it, a merge only turns it back on
      if (over) this.#consolidatingFrees = freed;
      else if (freed) this.#consolidatingFrees = true;
    }
    this.#store.evictIfNeeded();
    return this.#store.resolve(cluster.id) ?? cluster;
  }

  /**
   * Before templates are read: generalize what was created since the last time, then, if lines were counted since,
   * compare again the covered templates that stayed apart because the one covering them held fewer lines (see
   * settleCovering): a specific template that the general one outgrew later would otherwise stay apart in one sample
   * of a service and not in another where their lines came in another order.
   */
  #consolidateIfDirty(): void {
    if (this.#createdSinceConsolidation > 0) this.#consolidate();
    if (this.#countsMoved) {
      this.#countsMoved = false;
      if (this.#store.covering.size > 0) settleCovering(this.#store, this.#opts);
    }
  }

  #consolidate(): void {
    this.#createdSinceConsolidation = 0;
    consolidate(this.#store, this.#opts);
  }
}

/** Characters of remembered messages a miner holds at most (about 8 MB of text). */
const LINE_CACHE_CHARS = 4_000_000;

/**
 * {@link TemplateMiner.templateOf}, or undefined for a cluster the miner no longer tracks (evicted at its cap, and its
 * bounded history of evicted templates moved on) instead of the error: for callers that kept cluster ids of their own
 * and fall back on what they knew of the template.
 */
export function templateIfTracked(miner: TemplateMiner, clusterId: number): Template | undefined {
  try {
    return miner.templateOf(clusterId);
  } catch (e) {
    if (isInputError(e)) return undefined;
    throw e;
  }
}

function resolveOptions(options: MinerOptions): DefinedMinerOptions {
  if (typeof options !== 'object' || options === null) throw new InputError('Miner options must be an object', 'E_OPTIONS');
  // a misspelt or foreign option (Drain's sim_th, similarity) would otherwise be ignored without a word
  for (const k of Object.keys(options)) {
    if (!Object.hasOwn(defaultMinerOptions, k)) {
      throw new InputError(`Unknown miner option '${k.slice(0, 64)}' (the options: ${Object.keys(defaultMinerOptions).join(', ')})`, 'E_OPTIONS');
    }
  }
  const o = { ...defaultMinerOptions, ...options } as DefinedMinerOptions;
  for (const k of ['maxTemplates', 'minDistinctValues', 'maxCacheEntries', 'maxTokens'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new InputError(`Miner option ${k} must be a positive integer`, 'E_OPTIONS');
  }
  if (!Number.isInteger(o.maxVariableSpan) || o.maxVariableSpan < 0) {
    throw new InputError('Miner option maxVariableSpan must be a non-negative integer', 'E_OPTIONS');
  }
  if (!Array.isArray(o.masks)) throw new InputError('Miner option masks must be an array', 'E_OPTIONS');
  if (typeof o.variableFirstToken !== 'boolean') throw new InputError('Miner option variableFirstToken must be a boolean', 'E_OPTIONS');
  return o;
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
