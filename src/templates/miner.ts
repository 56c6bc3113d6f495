import { InputError } from '../errors/InputError.js';
import { scanMessage } from '../tokens/tokenize.js';
import { WILDCARD } from '../tokens/types.js';
import { canSpan, consolidate } from './consolidate.js';
import { fitTokens, globCapture } from './glob.js';
import { defaultMinerOptions, type DefinedMinerOptions, type MinerOptions } from './options.js';
import { readSnapshot, type MinerSnapshot } from './snapshot.js';
import { ClusterStore, slotsOf, textOf, viewOf, type Cluster } from './store.js';
import type { MatchResult, Template, TemplateChange } from './types.js';

const KEY_SEPARATOR = '\u0000'; // never inside a token: control characters separate tokens

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
 * r.template.text; // 'Failed password for root from <*> port <*> ssh2'
 * r.params;        // ['10.0.0.1', '22']
 * ```
 */
export class TemplateMiner {
  readonly #opts: DefinedMinerOptions;
  #store: ClusterStore;
  readonly #cache = new Map<string, Cluster>();
  #tick = 0;
  #createdSinceConsolidation = 0;

  constructor(options: MinerOptions = {}) {
    this.#opts = resolveOptions(options);
    this.#store = new ClusterStore(this.#opts.maxTemplates);
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
    const { raw, masked } = scanMessage(message, this.#opts.masks, this.#opts.maxTokens);
    const key = masked.join(KEY_SEPARATOR);
    let cluster = this.#fromCache(key);
    let change: TemplateChange = 'none';
    if (cluster === undefined) {
      cluster = this.#fit(masked);
      if (cluster === undefined) {
        cluster = this.#store.create(masked, 0, this.#tick);
        change = 'created';
        this.#createdSinceConsolidation++;
      }
      this.#remember(key, cluster);
    }
    cluster.count++;
    cluster.lastSeen = ++this.#tick;
    if (change === 'created') {
      const created = cluster;
      cluster = this.#maintain(cluster);
      // Merged into an older template right away: that template was generalized by this line.
      if (cluster !== created) change = 'changed';
    }
    return { template: viewOf(cluster), change, params: paramsOf(cluster, raw, masked, this.#opts.maxVariableSpan) };
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
    this.#consolidateIfDirty();
    const { raw, masked } = scanMessage(message, this.#opts.masks, this.#opts.maxTokens);
    const cluster = this.#fromCache(masked.join(KEY_SEPARATOR)) ?? this.#fit(masked);
    if (cluster === undefined) return undefined;
    return { template: viewOf(cluster), change: 'none', params: paramsOf(cluster, raw, masked, this.#opts.maxVariableSpan) };
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
    };
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
      if (into === undefined) {
        into = this.#store.create(tokens, 0, this.#tick);
        this.#createdSinceConsolidation++;
      }
      into.count += c.count;
      into.lastSeen = ++this.#tick;
      into = this.#maintain(into);
    }
    this.#consolidateIfDirty();
  }

  #fromCache(key: string): Cluster | undefined {
    const hit = this.#cache.get(key);
    if (hit === undefined || this.#store.live.get(hit.id) === hit) return hit;
    const now = this.#store.resolve(hit.id);
    if (now === undefined) this.#cache.delete(key);
    else this.#cache.set(key, now);
    return now;
  }

  #remember(key: string, cluster: Cluster): void {
    if (this.#cache.size >= this.#opts.maxCacheEntries) this.#cache.clear();
    this.#cache.set(key, cluster);
  }

  /** The most specific template the masked tokens fit: same length first, then through a wide `<*>`. */
  #fit(masked: readonly string[]): Cluster | undefined {
    let best: Cluster | undefined;
    let bestConstants = -1;
    for (const c of this.#store.byLength.get(masked.length) ?? []) {
      const constants = exactFit(c.tokens, masked);
      if (constants > bestConstants) {
        best = c;
        bestConstants = constants;
      }
    }
    if (best !== undefined) return best;
    const span = this.#opts.maxVariableSpan;
    for (let extra = 1; extra <= span && extra < masked.length; extra++) {
      for (const c of this.#store.byLength.get(masked.length - extra) ?? []) {
        if (canSpan(c.tokens) && fitTokens(c.tokens, masked, span) !== undefined) return c;
      }
    }
    return undefined;
  }

  /** After a template was created: generalize now and then, and keep within the template cap. */
  #maintain(cluster: Cluster): Cluster {
    const live = this.#store.live.size;
    if (this.#createdSinceConsolidation >= Math.max(32, live >> 2)) this.#consolidate();
    this.#store.evictIfNeeded();
    return this.#store.resolve(cluster.id) ?? cluster;
  }

  #consolidateIfDirty(): void {
    if (this.#createdSinceConsolidation > 0) this.#consolidate();
  }

  #consolidate(): void {
    this.#createdSinceConsolidation = 0;
    consolidate(this.#store, this.#opts);
  }
}

/** Number of constant tokens matched when `tokens` fits `template` position by position, else -1. */
function exactFit(template: readonly string[], tokens: readonly string[]): number {
  let constants = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t === WILDCARD) continue;
    if (t !== tokens[i]) {
      // A generalized slot such as `rhost=<*>` takes any token of that shape.
      if (!t.includes(WILDCARD) || globCapture(t, tokens[i]!) === undefined) return -1;
    }
    constants++;
  }
  return constants;
}

function paramsOf(c: Cluster, raw: readonly string[], masked: readonly string[], span: number): string[] {
  const tpl = c.tokens;
  const params: string[] = [];
  if (tpl.length === raw.length) {
    for (const i of slotsOf(c)) pushParams(params, tpl[i]!, raw[i]!);
    return params;
  }
  const spans = fitTokens(tpl, masked, Math.max(span, raw.length - tpl.length));
  if (spans === undefined) return globCapture(textOf(c), raw.join(' ')) ?? [];
  let at = 0;
  for (let i = 0; i < tpl.length; i++) {
    const value = spans[i] === 1 ? raw[at]! : raw.slice(at, at + spans[i]!).join(' ');
    if (tpl[i]!.includes(WILDCARD)) pushParams(params, tpl[i]!, value);
    at += spans[i]!;
  }
  return params;
}

function pushParams(params: string[], templateToken: string, value: string): void {
  // A value joined from several tokens (a date) is reported whole.
  if (templateToken === WILDCARD || value.includes(' ')) params.push(value);
  else for (const v of globCapture(templateToken, value) ?? [value]) params.push(v);
}

function resolveOptions(options: MinerOptions): DefinedMinerOptions {
  const o = { ...defaultMinerOptions, ...options } as DefinedMinerOptions;
  for (const k of ['maxTemplates', 'minDistinctValues', 'maxCacheEntries', 'maxTokens'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new InputError(`Miner option ${k} must be a positive integer`, 'E_OPTIONS');
  }
  if (!Number.isInteger(o.maxVariableSpan) || o.maxVariableSpan < 0) {
    throw new InputError('Miner option maxVariableSpan must be a non-negative integer', 'E_OPTIONS');
  }
  if (!Array.isArray(o.masks)) throw new InputError('Miner option masks must be an array', 'E_OPTIONS');
  return o;
}
