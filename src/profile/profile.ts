import { InputError } from '../errors/InputError.js';
import type { LogEvent, ReadStats } from '../records/types.js';
import { TemplateMiner, templateIfTracked } from '../templates/miner.js';
import { fnv1a64 } from '../templates/hash.js';
import type { MatchResult, Template } from '../templates/types.js';
import { DistinctCounter } from './distinct.js';
import { SignatureStats, VariableStats, type StatsLimits } from './signature-stats.js';
import { TopValues } from './top-values.js';
import { defaultProfileOptions, type ProfileEntry, type ProfileJson, type ProfileOptions, type ProfileTotals } from './profile-types.js';

export { defaultProfileOptions, type ProfileEntry, type ProfileJson, type ProfileOptions, type ProfileTotals } from './profile-types.js';

/**
 * A summary of one side of a comparison: per signature its count, levels, example events, counts per
 * time bucket and the distribution of each variable. Profiles serialize to versioned JSON, load back
 * and merge, so a baseline can be profiled once and compared with many canaries.
 *
 * @example
 * ```ts
 * import { readFile, writeFile } from 'node:fs/promises';
 * import { profile, Profile } from 'logsift';
 * const base = await profile('baseline.log');
 * await writeFile('base.json', JSON.stringify(base.toJSON()));
 * const again = Profile.fromJSON(JSON.parse(await readFile('base.json', 'utf8')));
 * ```
 */
export class Profile {
  readonly options: Required<ProfileOptions>;
  readonly totals: ProfileTotals = { lines: 0, events: 0, read: {} };
  bucketMs: number;
  private readonly byCluster = new Map<number, SignatureStats>();
  /** The statistics last made for each template text a cluster was created with (see #continued). */
  private readonly byText = new Map<string, SignatureStats>();
  /** Distinct event texts seen (approximate): how much the side repeats itself. */
  private distinct = new DistinctCounter();
  private minBucket = Infinity;
  private maxBucket = -Infinity;
  private minTime = Infinity;
  private maxTime = -Infinity;

  /** @param miner the miner whose clusters the signatures refer to (in a comparison, the baseline's, into which the canary's templates were merged). */
  constructor(
    readonly miner: TemplateMiner,
    options: ProfileOptions = {},
  ) {
    this.options = { ...defaultProfileOptions, ...options };
    this.bucketMs = this.options.bucketMs;
  }

  private get limits(): StatsLimits {
    return { examples: this.options.examples, topValues: this.options.topValues, variables: this.options.variables };
  }

  /**
   * The statistics of a template the miner made again after evicting it at its cap, to go on counting under the new
   * cluster (rather than hold one set per time it was made, combined only when read; see rekey). A template made
   * anew has no live cluster that fits it, so a cluster that had exactly its text is gone.
   */
  #continued(cid: number, match: MatchResult): SignatureStats | undefined {
    if (match.change !== 'created' || this.miner.evicted === 0) return undefined;
    const earlier = this.byText.get(match.template.text);
    if (earlier === undefined || earlier.alignedTo !== match.template.text || this.byCluster.get(earlier.clusterId) !== earlier) return undefined;
    this.byCluster.delete(earlier.clusterId);
    earlier.clusterId = cid;
    return earlier;
  }

  /** Records one mined event. */
  observe(event: LogEvent, match: MatchResult): void {
    this.totals.events++;
    this.totals.lines += event.lineCount;
    const cid = match.template.clusterId;
    let stats = this.byCluster.get(cid);
    if (stats === undefined) {
      stats = this.#continued(cid, match) ?? new SignatureStats(cid, match.template.text, this.limits);
      this.byCluster.set(cid, stats);
      if (match.change === 'created') this.byText.set(match.template.text, stats);
    } else if (match.change !== 'none' || stats.alignedTo !== match.template.text) {
      stats.realign(match.template.text);
    }
    let bucket: number | undefined;
    const ts = event.timestamp;
    if (ts !== undefined && Number.isFinite(ts)) {
      if (ts < this.minTime) this.minTime = ts;
      if (ts > this.maxTime) this.maxTime = ts;
      bucket = Math.floor(ts / this.bucketMs);
      if (bucket < this.minBucket) this.minBucket = bucket;
      if (bucket > this.maxBucket) this.maxBucket = bucket;
      while (this.maxBucket - this.minBucket >= this.options.maxBuckets) {
        this.coarsen();
        bucket = Math.floor(ts / this.bucketMs);
      }
    }
    stats.observe(event.raw, match.params, event.level, bucket);
    this.distinct.add(event.raw);
  }

  private coarsen(): void {
    this.bucketMs *= 2;
    this.minBucket = Math.floor(this.minBucket / 2);
    this.maxBucket = Math.floor(this.maxBucket / 2);
    for (const s of this.byCluster.values()) s.coarsen();
  }

  /** Epoch-ms range of the events' timestamps, or null when none had one. */
  get timeRange(): [number, number] | null {
    return this.minTime <= this.maxTime ? [this.minTime, this.maxTime] : null;
  }

  /** The statistics of one miner cluster, if this side saw it. */
  get(clusterId: number): SignatureStats | undefined {
    return this.byCluster.get(clusterId);
  }

  /**
   * How many times, on average, each distinct event text occurs (1 when no event repeats exactly).
   * Exact repeats carry no new information: a side resampled with replacement, or replayed, repeats much more.
   */
  get repetition(): number {
    const d = this.distinct.estimate();
    return d >= 1 ? Math.max(1, this.totals.events / d) : 1;
  }

  /** Every signature with its current template (variables realigned to it). */
  entries(): ProfileEntry[] {
    this.rekey();
    const out: ProfileEntry[] = [];
    for (const stats of this.byCluster.values()) {
      const t = this.templateOf(stats);
      stats.realign(t.text);
      out.push({ id: t.id, template: t.text, stats });
    }
    return out;
  }

  /**
   * The template of a cluster this profile counted: the miner's, or, for a cluster the miner no longer tracks
   * (evicted at its template cap, and its history of evicted templates moved on), the template the statistics
   * were last aligned to, under the id the miner gave it (the hash of its text).
   */
  private templateOf(stats: SignatureStats): Template {
    return templateIfTracked(this.miner, stats.clusterId) ?? { id: fnv1a64(stats.alignedTo), clusterId: stats.clusterId, text: stats.alignedTo, count: stats.count };
  }

  /**
   * Follows the miner's cluster merges: statistics of clusters that became one are combined; so are those of
   * clusters with the same template (past the template cap, a statement's template evicted and made again is
   * another cluster), so each signature is one entry.
   */
  private rekey(): void {
    const moves: SignatureStats[] = [];
    for (const [cid, stats] of this.byCluster) {
      if (this.templateOf(stats).clusterId !== cid) moves.push(stats);
    }
    for (const stats of moves) {
      this.byCluster.delete(stats.clusterId);
      const t = this.templateOf(stats);
      const target = this.byCluster.get(t.clusterId);
      if (target === undefined) {
        const fresh = new SignatureStats(t.clusterId, t.text, this.limits);
        fresh.absorb(stats);
        this.byCluster.set(t.clusterId, fresh);
      } else {
        target.realign(t.text);
        target.absorb(stats);
      }
    }
    const byTemplate = new Map<string, SignatureStats>();
    for (const stats of [...this.byCluster.values()]) {
      const text = this.templateOf(stats).text;
      const held = byTemplate.get(text);
      if (held === undefined) {
        byTemplate.set(text, stats);
        continue;
      }
      // kept under the later cluster (the one a new line of it goes to, if either is still live)
      const [keep, drop] = held.clusterId > stats.clusterId ? [held, stats] : [stats, held];
      this.byCluster.delete(drop.clusterId);
      keep.realign(text);
      keep.absorb(drop);
      byTemplate.set(text, keep);
    }
  }

  /** Serializes the profile (with its miner) to versioned JSON. */
  toJSON(): ProfileJson {
    const signatures = this.entries().map(({ template, stats }) => ({
      clusterId: stats.clusterId,
      template,
      count: stats.count,
      levels: { ...stats.levels },
      examples: [...stats.examples.items],
      seen: stats.examples.seen,
      buckets: [...stats.buckets],
      variables: stats.variables.map((v) => ({ values: v.values.toJSON(), numeric: { ...v.numeric }, firstExamples: [...v.firstExamples], laterExamples: [...v.laterExamples], highCardinality: v.highCardinality })),
    }));
    // The miner may hold another side's lines too (a comparison merges the canary's templates, counts included, into
    // the baseline's miner): the saved miner counts this profile's events only, so a baseline saved after a
    // comparison, compared and saved again, does not gather every canary's counts.
    const own = new Map(signatures.map((sig) => [sig.clusterId, sig.count]));
    const snapshot = this.miner.snapshot();
    const miner = { ...snapshot, clusters: snapshot.clusters.map((c) => ({ ...c, count: own.get(c.id) ?? 0 })) };
    return {
      format: 'logsift-profile',
      version: 1,
      totals: { lines: this.totals.lines, events: this.totals.events, read: { ...this.totals.read } },
      bucketMs: this.bucketMs,
      timeRange: this.timeRange,
      options: this.options,
      distinct: this.distinct.toJSON(),
      miner,
      signatures,
    };
  }

  /**
   * Loads a profile saved with {@link Profile.toJSON}. Throws an {@link InputError} (`E_PROFILE`) when the
   * value is not a logsift profile of a supported version.
   */
  static fromJSON(json: unknown): Profile {
    const j = json as Partial<ProfileJson> | null;
    if (j === null || typeof j !== 'object' || j.format !== 'logsift-profile') {
      throw new InputError('not a logsift profile (missing "format": "logsift-profile")', 'E_PROFILE');
    }
    if (j.version !== 1) throw new InputError(`unsupported profile version ${String(j.version)}`, 'E_PROFILE');
    if (!Array.isArray(j.signatures) || typeof j.totals !== 'object' || j.totals === null) {
      throw new InputError('malformed profile: signatures or totals missing', 'E_PROFILE');
    }
    // A damaged field is named here rather than loaded: a time range or bucket width that is not a number
    // ends in an internal error (or a timeline of NaN buckets) far from its cause, and a garbage distinct
    // counter would silently change how repeats are discounted.
    if (j.bucketMs !== undefined && !(typeof j.bucketMs === 'number' && Number.isFinite(j.bucketMs) && j.bucketMs > 0)) {
      throw new InputError(`malformed profile: bucketMs must be a positive number of milliseconds (got ${describe(j.bucketMs)})`, 'E_PROFILE');
    }
    const range = j.timeRange;
    if (range !== undefined && range !== null && !(Array.isArray(range) && range.length === 2 && range.every(Number.isFinite) && range[0] <= range[1])) {
      throw new InputError(`malformed profile: timeRange must be null or [first, last] in epoch milliseconds (got ${describe(range)})`, 'E_PROFILE');
    }
    const distinct = j.distinct === undefined ? new DistinctCounter() : DistinctCounter.fromJSON(j.distinct);
    if (distinct === undefined) throw new InputError(`malformed profile: distinct is not a saved distinct-event counter (got ${describe(j.distinct)})`, 'E_PROFILE');
    const miner = TemplateMiner.restore(j.miner);
    const p = new Profile(miner, j.options ?? {});
    p.bucketMs = j.bucketMs ?? p.options.bucketMs;
    p.totals.lines = Number(j.totals.lines) || 0;
    p.totals.events = Number(j.totals.events) || 0;
    p.totals.read = { ...(j.totals.read ?? {}) };
    p.distinct = distinct;
    if (range) {
      p.minTime = range[0];
      p.maxTime = range[1];
    }
    for (const s of j.signatures) {
      if (typeof s?.clusterId !== 'number' || typeof s.template !== 'string' || !Array.isArray(s.examples)) {
        throw new InputError('malformed profile: bad signature entry', 'E_PROFILE');
      }
      if (!Array.isArray(s.buckets) || !s.buckets.every((e) => Array.isArray(e) && Number.isInteger(e[0]) && Number.isFinite(e[1]))) {
        throw new InputError(`malformed profile: buckets of signature ${s.clusterId} must be [bucket, count] pairs of numbers`, 'E_PROFILE');
      }
      const stats = new SignatureStats(s.clusterId, s.template, p.limits);
      stats.count = s.count;
      Object.assign(stats.levels, s.levels);
      for (const e of s.examples) stats.examples.items.push(String(e));
      stats.examples.seen = s.seen;
      for (const [b, c] of s.buckets) {
        stats.buckets.set(b, c);
        if (b < p.minBucket) p.minBucket = b;
        if (b > p.maxBucket) p.maxBucket = b;
      }
      stats.variables = s.variables.map((v) => {
        const vs = new VariableStats(p.options.topValues, TopValues.fromJSON(v.values));
        vs.numeric = { ...v.numeric, min: v.numeric.min ?? Infinity, max: v.numeric.max ?? -Infinity };
        for (const [value, raw] of v.firstExamples ?? []) vs.firstExamples.set(String(value), String(raw));
        for (const [value, raw] of v.laterExamples ?? []) vs.laterExamples.set(String(value), String(raw));
        vs.highCardinality = v.highCardinality === true;
        return vs;
      });
      p.byCluster.set(s.clusterId, stats);
    }
    return p;
  }

  /**
   * Combines two profiles of the same kind of logs (shards, pods, time slices mined apart) into a new one:
   * the second profile's miner is merged into a copy of the first's, and each of its signatures is added
   * to the signature its template now falls into. Neither input is modified.
   *
   * @example
   * ```ts
   * const all = Profile.merge(await profile('pod-a.log'), await profile('pod-b.log'));
   * ```
   */
  static merge(a: Profile, b: Profile): Profile {
    const miner = TemplateMiner.restore(a.miner.snapshot());
    miner.merge(b.miner.snapshot());
    const out = Profile.fromJSON({ ...a.toJSON(), miner: miner.snapshot() });
    const other = Profile.fromJSON(b.toJSON());
    while (out.bucketMs < other.bucketMs) out.coarsen();
    while (other.bucketMs < out.bucketMs) other.coarsen();
    out.distinct.merge(other.distinct);
    out.totals.lines += other.totals.lines;
    out.totals.events += other.totals.events;
    for (const [k, v] of Object.entries(other.totals.read) as Array<[keyof ReadStats, number]>) {
      out.totals.read[k] = (out.totals.read[k] ?? 0) + v;
    }
    const range = other.timeRange;
    if (range) {
      out.minTime = Math.min(out.minTime, range[0]);
      out.maxTime = Math.max(out.maxTime, range[1]);
    }
    out.#absorbEntries(other);
    return out;
  }

  /**
   * The same profile keyed by the clusters of `miner`, a miner that `p.miner`'s snapshot was merged into
   * ({@link TemplateMiner.merge}): how a side mined by a miner of its own joins the other side's miner.
   * `p` is not modified.
   *
   * @example
   * ```ts
   * const base = await profile('baseline.log');
   * const can = await profile('canary.log');
   * base.miner.merge(can.miner.snapshot());
   * const canary = Profile.rebase(can, base.miner); // signatures now comparable with base's
   * ```
   */
  static rebase(p: Profile, miner: TemplateMiner): Profile {
    const src = Profile.fromJSON(p.toJSON());
    const out = new Profile(miner, src.options);
    out.bucketMs = src.bucketMs;
    out.distinct = src.distinct;
    out.totals.lines = src.totals.lines;
    out.totals.events = src.totals.events;
    out.totals.read = { ...src.totals.read };
    out.minTime = src.minTime;
    out.maxTime = src.maxTime;
    out.#absorbEntries(src);
    return out;
  }

  /** Adds each signature of `other` to the signature its template falls into in this profile's miner. */
  #absorbEntries(other: Profile): void {
    const miner = this.miner;
    const placed: Array<[SignatureStats, number, string]> = [];
    const missing: ProfileEntry[] = [];
    for (const entry of other.entries()) {
      // the template as rendered, not re-scanned as a message (see findTemplate); scanning is the fallback
      const found = miner.findTemplate(entry.template) ?? miner.match(entry.template)?.template;
      if (found === undefined) missing.push(entry);
      else placed.push([entry.stats, found.clusterId, entry.template]);
    }
    // Templates no miner here covers (a profile merged without its miner's snapshot, or templates evicted at the cap
    // while merging) are added after the others, all at once: the miner then generalizes once, not after each.
    for (const entry of missing) placed.push([entry.stats, miner.add(entry.template).template.clusterId, entry.template]);
    for (const [stats, clusterId, template] of placed) {
      // followed through merges; a cluster evicted since (past the cap) keeps the template it was placed by
      const t = templateIfTracked(miner, clusterId);
      const cid = t?.clusterId ?? clusterId;
      const text = t?.text ?? template;
      const mine = this.byCluster.get(cid);
      if (mine === undefined) {
        const fresh = new SignatureStats(cid, text, this.limits);
        fresh.absorb(stats);
        this.byCluster.set(cid, fresh);
      } else {
        mine.realign(text);
        mine.absorb(stats);
      }
      for (const bucket of stats.buckets.keys()) {
        this.minBucket = Math.min(this.minBucket, bucket);
        this.maxBucket = Math.max(this.maxBucket, bucket);
      }
    }
  }
}

/** A short rendering of a bad field's value for an error message. */
function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
