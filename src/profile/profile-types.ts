import type { Level, ReadStats } from '../records/types.js';
import type { NumericSummary, SignatureStats } from './signature-stats.js';
import type { TopValues } from './top-values.js';

/**
 * Options of a {@link Profile}: how much it keeps per signature and how fine its timelines are;
 * defaults in {@link defaultProfileOptions}.
 *
 * @example
 * ```ts
 * import { profile, type ProfileOptions } from 'logsift';
 * const options: ProfileOptions = { examples: 10, topValues: 64, bucketMs: 10_000 };
 * const base = await profile('baseline.log', options);
 * ```
 */
export interface ProfileOptions {
  /** Examples kept per signature (reservoir sample; the first occurrence is always kept). */
  examples?: number;
  /** Distinct values tracked per template variable (Space-Saving top-k). */
  topValues?: number;
  /** Variables tracked per template. */
  variables?: number;
  /** Initial width of a timeline bucket in ms; doubled whenever the timeline would exceed `maxBuckets`. */
  bucketMs?: number;
  /** Most buckets a timeline may span. */
  maxBuckets?: number;
}

/**
 * Default profile options: 5 examples and 16 variables per signature, 32 top values per variable,
 * one-minute buckets and at most 720 of them (coarsened beyond that).
 *
 * @example
 * ```ts
 * import { profile, defaultProfileOptions } from 'logsift';
 * // a ten-minute canary: ten-second buckets instead of one-minute ones
 * const canary = await profile('canary.log', { bucketMs: defaultProfileOptions.bucketMs / 6 });
 * ```
 */
export const defaultProfileOptions: Required<ProfileOptions> = {
  examples: 5,
  topValues: 32,
  variables: 16,
  bucketMs: 60_000,
  maxBuckets: 720,
};

/**
 * Line and event totals of one side, plus what the reader counted ({@link ReadStats}).
 *
 * @example
 * ```ts
 * import { profile } from 'logsift';
 * const { totals } = await profile('canary.log');
 * console.log(`${totals.events} events in ${totals.lines} lines, ${totals.read.truncatedLines ?? 0} lines truncated`);
 * ```
 */
export interface ProfileTotals {
  lines: number;
  events: number;
  read: Partial<ReadStats>;
}

/**
 * One signature of a profile, with its current template, as {@link Profile.entries} lists them.
 *
 * @example
 * ```ts
 * import { profile } from 'logsift';
 * const base = await profile('baseline.log');
 * for (const entry of base.entries()) console.log(entry.id, entry.stats.count, entry.template);
 * ```
 */
export interface ProfileEntry {
  /** Stable id of the current template text. */
  id: string;
  template: string;
  stats: SignatureStats;
}

/**
 * Serialized profile (versioned): what {@link Profile.toJSON} returns and {@link Profile.fromJSON} and
 * {@link compare} (as a baseline) accept.
 *
 * @example
 * ```ts
 * import { readFile, writeFile } from 'node:fs/promises';
 * import { compare, profile, type ProfileJson } from 'logsift';
 * const json: ProfileJson = (await profile('baseline.log')).toJSON();
 * await writeFile('baseline.profile.json', JSON.stringify(json));
 * const saved = JSON.parse(await readFile('baseline.profile.json', 'utf8')) as ProfileJson;
 * const report = await compare(saved, 'canary.log');
 * ```
 */
export interface ProfileJson {
  format: 'logsift-profile';
  version: 1;
  totals: ProfileTotals;
  bucketMs: number;
  timeRange: [number, number] | null;
  options: Required<ProfileOptions>;
  /** HyperLogLog registers of the event texts (base64), for the duplication estimate. */
  distinct?: string;
  miner: unknown;
  signatures: Array<{
    clusterId: number;
    template: string;
    count: number;
    levels: Partial<Record<Level, number>>;
    examples: string[];
    seen: number;
    buckets: Array<[number, number]>;
    variables: Array<{ values: ReturnType<TopValues['toJSON']>; numeric: NumericSummary; firstExamples?: Array<[string, string]>; laterExamples?: Array<[string, string]>; highCardinality?: boolean }>;
  }>;
}
