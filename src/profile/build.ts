import { InputError } from '../errors/InputError.js';
import { createEventParser, readEventBatches, type EventOptions } from '../records/events.js';
import { createReadStats } from '../records/line-splitter.js';
import type { LogEvent, ReadStats } from '../records/types.js';
import { TemplateMiner } from '../templates/miner.js';
import type { MinerOptions } from '../templates/options.js';
import { signatureText } from '../signatures/text.js';
import { Profile, type ProfileJson, type ProfileOptions } from './profile.js';

/**
 * Where a side's logs come from:
 * - a file path (a string without a newline), or `{ path }`;
 * - log text (a string with a newline), or `{ text }`;
 * - an array, iterable or async iterable of lines (strings) or of {@link LogEvent}s;
 * - a byte stream (`{ stream }`: a Node readable or any async iterable of Uint8Array);
 * - a saved {@link Profile} or its JSON (only as a baseline).
 *
 * @example
 * ```ts
 * import { compare, type LogSource } from 'logsift';
 * const baseline: LogSource = { path: 'baseline.log' };
 * const canary: LogSource = ['2024-05-01 10:00:00 INFO started', '2024-05-01 10:00:01 ERROR payment failed'];
 * const report = await compare(baseline, canary);
 * ```
 */
export type LogSource =
  | string
  | { path: string }
  | { text: string }
  | { stream: AsyncIterable<Uint8Array | string> }
  | Iterable<string | LogEvent>
  | AsyncIterable<string | LogEvent>
  | Profile
  | ProfileJson;

/**
 * Options for reading and mining one side: how events are framed ({@link EventOptions}), what the
 * profile keeps ({@link ProfileOptions}), the miner's options, and a progress callback.
 *
 * @example
 * ```ts
 * import { profile, type ProfileBuildOptions } from 'logsift';
 * const options: ProfileBuildOptions = {
 *   logFormat: '<Date> <Time> <Level> <Content>',
 *   examples: 10,
 *   miner: { maxTemplates: 2000 },
 *   onProgress: (events) => console.error(`${events} events`),
 * };
 * const base = await profile('baseline.log', options);
 * ```
 */
export interface ProfileBuildOptions extends ProfileOptions, EventOptions {
  /** Options of a new miner (ignored when the miner is given). */
  miner?: MinerOptions;
  /** Called every ~65k events with the number of events read so far. */
  onProgress?: (events: number) => void;
}

/** True when `value` is a saved profile (object or JSON). */
export function isProfileLike(value: unknown): value is Profile | ProfileJson {
  return value instanceof Profile || (typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'logsift-profile');
}

/** Reads a source as batches of events (framed by the records stage), with the reader's counters. */
export async function* eventBatches(
  source: Exclude<LogSource, Profile | ProfileJson>,
  options: EventOptions,
  stats: ReadStats,
): AsyncGenerator<LogEvent[]> {
  if (typeof source === 'string' || 'path' in (source as object) || 'text' in (source as object) || 'stream' in (source as object)) {
    let input: string | AsyncIterable<Uint8Array | string>;
    if (typeof source === 'string') input = source.includes('\n') ? textStream(source) : source;
    else if ('path' in source) input = (source as { path: string }).path;
    else if ('text' in source) input = textStream((source as { text: string }).text);
    else input = (source as { stream: AsyncIterable<Uint8Array | string> }).stream;
    const batches = readEventBatches(input, options);
    try {
      yield* batches;
    } finally {
      Object.assign(stats, batches.stats);
    }
    return;
  }
  const iterable = source as Iterable<string | LogEvent> | AsyncIterable<string | LogEvent>;
  if (typeof (iterable as Iterable<unknown>)[Symbol.iterator] !== 'function' && typeof (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') {
    throw new InputError('unsupported log source: expected a path, text, lines, events, a stream or a profile', 'E_INPUT');
  }
  // lines are framed like a file's (multi-line events, JSON, logfmt); events pass through as given
  const parser = createEventParser(options);
  let lines: string[] = [];
  let batch: LogEvent[] = [];
  let lineNumber = 0;
  const flushLines = (): void => {
    if (lines.length === 0) return;
    for (const e of parser.push(lines)) batch.push(e);
    lineNumber += lines.length;
    lines = [];
  };
  for await (const item of iterable as AsyncIterable<string | LogEvent>) {
    if (typeof item === 'string') {
      for (const line of item.split('\n')) lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      if (lines.length >= 4096) flushLines();
    } else if (item && typeof item === 'object' && typeof item.message === 'string') {
      flushLines();
      for (const e of parser.end()) batch.push(e);
      const lineCount = item.lineCount ?? 1;
      stats.lines += lineCount;
      batch.push({ ...item, lineNumber: item.lineNumber ?? lineNumber + 1, fields: item.fields ?? {}, raw: item.raw ?? item.message, lineCount, formatMatched: item.formatMatched ?? true });
      lineNumber += lineCount;
    } else {
      throw new InputError('unsupported log source item: expected a string line or an event with a message', 'E_INPUT');
    }
    if (batch.length >= 4096) {
      yield batch;
      batch = [];
    }
  }
  flushLines();
  for (const e of parser.end()) batch.push(e);
  if (batch.length) yield batch;
  for (const [k, v] of Object.entries(parser.stats) as Array<[keyof ReadStats, number]>) stats[k] += v;
}

async function* textStream(text: string): AsyncGenerator<string> {
  yield text;
}


/**
 * Reads and mines one side into `target` (whose miner may be shared with another profile).
 */
export async function feedProfile(target: Profile, source: Exclude<LogSource, Profile | ProfileJson>, options: ProfileBuildOptions = {}): Promise<Profile> {
  const stats: ReadStats = createReadStats();
  let n = 0;
  let next = 65_536;
  for await (const batch of eventBatches(source, options, stats)) {
    for (const event of batch) target.observe(event, target.miner.add(signatureText(event)));
    n += batch.length;
    if (n >= next && options.onProgress) {
      options.onProgress(n);
      next += 65_536;
    }
  }
  for (const [k, v] of Object.entries(stats) as Array<[keyof ReadStats, number]>) target.totals.read[k] = (target.totals.read[k] ?? 0) + v;
  return target;
}

/**
 * Reads and mines a log into a {@link Profile}.
 *
 * @example
 * ```ts
 * import { profile } from 'logsift';
 * const base = await profile('baseline.log', { logFormat: '<Date> <Time> <Level> <Component>: <Content>' });
 * console.log(base.totals.events, base.entries().length);
 * ```
 */
export async function profile(source: LogSource, options: ProfileBuildOptions = {}): Promise<Profile> {
  if (isProfileLike(source)) return source instanceof Profile ? source : Profile.fromJSON(source);
  const miner = new TemplateMiner(options.miner ?? {});
  return feedProfile(new Profile(miner, options), source, options);
}
