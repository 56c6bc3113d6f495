import { own } from '../tokens/own.js';
import type { Level } from '../records/types.js';
import { alignTemplates } from './align.js';
import { Reservoir } from './reservoir.js';
import { TopValues } from './top-values.js';

/**
 * Sizes that bound a profile's memory per signature (a {@link Profile} takes them from its {@link ProfileOptions}).
 *
 * @example
 * ```ts
 * import { SignatureStats, type StatsLimits } from 'logsift';
 * const limits: StatsLimits = { examples: 3, topValues: 16, variables: 8 };
 * const stats = new SignatureStats(0, 'GET <*> <*>', limits);
 * ```
 */
export interface StatsLimits {
  /** Examples kept per signature. */
  examples: number;
  /** Distinct values tracked per variable. */
  topValues: number;
  /** Variables tracked per template (the rest are counted as a whole event only). */
  variables: number;
}

/**
 * Numeric summary of one variable's values (only values that parse as finite numbers).
 *
 * @example
 * ```ts
 * import { profile } from 'logsift';
 * const p = await profile({ text: 'GET /a 200 in 5 ms\nGET /b 200 in 7 ms\nGET /c 503 in 900 ms\n' });
 * const { count, min, max, sum } = p.entries()[0]!.stats.variables[2]!.numeric; // 3, 5, 900, 912
 * console.log(`mean ${sum / count} ms, ${min}..${max}`);
 * ```
 */
export interface NumericSummary {
  count: number;
  min: number;
  max: number;
  sum: number;
}

const FIRST_EXAMPLES = 8;
const HIGH_CARDINALITY_AFTER = 512;

/**
 * Statistics of one template variable: its most frequent values (Space-Saving top-k), a numeric
 * summary, and the first event seen with each of its first few values.
 *
 * @example
 * ```ts
 * import { profile } from 'logsift';
 * const p = await profile({ text: 'GET /a 200 in 5 ms\nGET /b 200 in 7 ms\nGET /c 503 in 900 ms\n' });
 * const status = p.entries()[0]!.stats.variables[1]!; // the second <*> of 'GET <*> <*> in <*> ms'
 * status.values.top(2); // [{ value: '200', count: 2 }, { value: '503', count: 1 }]
 * status.firstExamples.get('503'); // 'GET /c 503 in 900 ms'
 * ```
 */
export class VariableStats {
  readonly values: TopValues;
  numeric: NumericSummary = { count: 0, min: Infinity, max: -Infinity, sum: 0 };
  /** True once the variable proved to take a new value on almost every event; its top values are then frozen. */
  highCardinality = false;
  /** The first event seen with each of the first few distinct values (so a new value can be shown). */
  readonly firstExamples = new Map<string, string>();
  /**
   * For values in {@link VariableStats.firstExamples}: a later event with the value, taken from every 32nd
   * observation of the variable (so a value that turns frequent is also shown from after its first sighting).
   */
  readonly laterExamples = new Map<string, string>();
  #sampleTick = 0;

  constructor(capacity: number, values?: TopValues) {
    this.values = values ?? new TopValues(capacity);
  }

  /** Adds another variable's statistics into this one. */
  absorb(other: VariableStats): void {
    this.values.merge(other.values);
    this.highCardinality ||= other.highCardinality;
    const a = this.numeric;
    const b = other.numeric;
    a.count += b.count;
    a.sum += b.sum;
    a.min = Math.min(a.min, b.min);
    a.max = Math.max(a.max, b.max);
    for (const [v, raw] of other.firstExamples) {
      if (this.firstExamples.size >= FIRST_EXAMPLES) break;
      if (!this.firstExamples.has(v)) this.firstExamples.set(v, raw);
    }
    for (const [v, raw] of other.laterExamples) if (this.firstExamples.has(v)) this.laterExamples.set(v, raw);
  }

  add(value: string, n = 1, raw?: string): void {
    if (this.highCardinality) this.values.total += n;
    else {
      this.values.add(value, n);
      // ids, timestamps, free text: every event brings a new value. Tracking them costs time and says
      // nothing a parameter finding could use, so the table is frozen once that is clear.
      if ((this.values.total & 127) === 0 && this.values.total >= HIGH_CARDINALITY_AFTER && !this.values.exact && this.values.maxCount() * 50 < this.values.total) {
        this.highCardinality = true;
        // keep a few values to show; the rest would only cost memory
        this.values.shrink(8);
        this.firstExamples.clear();
        this.laterExamples.clear();
      }
    }
    if (raw !== undefined) {
      // copies (see own): a slice of a read buffer would keep the whole buffer alive
      if (this.firstExamples.size < FIRST_EXAMPLES && !this.firstExamples.has(value)) this.firstExamples.set(own(value), own(raw));
      else if ((++this.#sampleTick & 31) === 0 && this.firstExamples.has(value)) this.laterExamples.set(own(value), own(raw));
    }
    const c = value.charCodeAt(0);
    // cheap pre-check before Number(): digits, sign or dot
    if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
      const x = Number(value);
      if (Number.isFinite(x)) {
        const s = this.numeric;
        s.count += n;
        s.sum += x * n;
        if (x < s.min) s.min = x;
        if (x > s.max) s.max = x;
      }
    }
  }
}

/**
 * Everything a profile keeps about one signature (one miner cluster) on one side: its count, levels,
 * sampled examples, counts per time bucket and the statistics of each variable.
 *
 * @example
 * ```ts
 * import { profile } from 'logsift';
 * const p = await profile({ text: 'GET /a 200 in 5 ms\nGET /b 200 in 7 ms\nGET /c 503 in 900 ms\n' });
 * const stats = p.entries()[0]!.stats;
 * console.log(stats.count, stats.levels, stats.examples.items); // 3 {} ['GET /a 200 in 5 ms', ...]
 * ```
 */
export class SignatureStats {
  count = 0;
  /** Events per level name. */
  readonly levels: Partial<Record<Level, number>> = {};
  readonly examples: Reservoir;
  /** Event count per time bucket index (bucket = floor(timestamp / bucketMs)). */
  readonly buckets = new Map<number, number>();
  variables: VariableStats[] = [];
  /** The template text the variable statistics are aligned with. */
  alignedTo: string;

  constructor(
    /** The miner cluster counted (another one when the miner made the same template again after evicting it). */
    public clusterId: number,
    template: string,
    private readonly limits: StatsLimits,
  ) {
    this.alignedTo = template;
    this.examples = new Reservoir(limits.examples, (clusterId + 1) * 2654435761);
  }

  /** Re-keys variable statistics when the miner generalized the template since the last event. */
  realign(template: string): void {
    if (template === this.alignedTo) return;
    const origins = alignTemplates(this.alignedTo, template);
    const next: VariableStats[] = [];
    for (let i = 0; i < origins.length && i < this.limits.variables; i++) {
      const o = origins[i]!;
      if (o.kind === 'variable' && this.variables[o.index]) next.push(this.variables[o.index]!);
      else {
        const v = new VariableStats(this.limits.topValues);
        // every earlier event carried the constant this variable replaced, so the examples show that value
        if (o.kind === 'constant' && this.count > 0) {
          v.add(o.value, this.count);
          const items = this.examples.items;
          if (items.length > 0) v.firstExamples.set(o.value, items[0]!);
          if (items.length > 1) v.laterExamples.set(o.value, items[items.length - 1]!);
        }
        next.push(v);
      }
    }
    this.variables = next;
    this.alignedTo = template;
  }

  observe(raw: string, params: readonly string[], level: Level | undefined, bucket: number | undefined): void {
    this.count++;
    if (level !== undefined) this.levels[level] = (this.levels[level] ?? 0) + 1;
    this.examples.add(raw);
    if (bucket !== undefined) this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    const n = Math.min(params.length, this.limits.variables);
    for (let i = 0; i < n; i++) {
      let v = this.variables[i];
      if (v === undefined) {
        v = new VariableStats(this.limits.topValues);
        this.variables[i] = v;
      }
      v.add(params[i]!, 1, raw);
    }
  }

  /** Adds the statistics of the same signature seen elsewhere (another shard), already aligned to `alignedTo`. */
  absorb(other: SignatureStats): void {
    other.realign(this.alignedTo);
    this.count += other.count;
    for (const [level, c] of Object.entries(other.levels) as Array<[Level, number]>) this.levels[level] = (this.levels[level] ?? 0) + c;
    this.examples.absorb(other.examples.items, other.examples.seen);
    for (const [b, c] of other.buckets) this.buckets.set(b, (this.buckets.get(b) ?? 0) + c);
    other.variables.forEach((v, i) => {
      const mine = this.variables[i];
      if (mine === undefined) this.variables[i] = v;
      else mine.absorb(v);
    });
  }

  /** Halves the time resolution: bucket b becomes floor(b / 2). */
  coarsen(): void {
    const old = [...this.buckets];
    this.buckets.clear();
    for (const [b, c] of old) {
      const k = Math.floor(b / 2);
      this.buckets.set(k, (this.buckets.get(k) ?? 0) + c);
    }
  }

  /** The most frequent level of this signature's events, if any had one. */
  dominantLevel(): Level | undefined {
    let best: Level | undefined;
    let bestCount = 0;
    for (const [level, c] of Object.entries(this.levels) as Array<[Level, number]>) {
      if (c > bestCount) {
        best = level;
        bestCount = c;
      }
    }
    return best;
  }
}
