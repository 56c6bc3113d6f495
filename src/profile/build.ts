import { InputError } from '../errors/InputError.js';
import { compileLogFormat, type LogFormat } from '../records/format.js';
import { createReadStats } from '../records/line-splitter.js';
import { detectPrefix, normalizeLevel } from '../records/prefix.js';
import { readLineBatches } from '../records/reader.js';
import type { LogEvent, ReadStats } from '../records/types.js';
import { TemplateMiner } from '../templates/miner.js';
import type { MinerOptions } from '../templates/options.js';
import { Profile, type ProfileJson, type ProfileOptions } from './profile.js';

/**
 * Where a side's logs come from:
 * - a file path (a string without a newline), or `{ path }`;
 * - log text (a string with a newline), or `{ text }`;
 * - an array, iterable or async iterable of lines (strings) or of {@link LogEvent}s;
 * - a byte stream (`{ stream }`: a Node readable or any async iterable of Uint8Array);
 * - a saved {@link Profile} or its JSON (only as a baseline).
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

/** Options for reading and mining one side. */
export interface ProfileBuildOptions extends ProfileOptions {
  /** Header format in the loghub convention; without it, prefixes are detected automatically. */
  logFormat?: string;
  /** Options of a new miner (ignored when the miner is given). */
  miner?: MinerOptions;
  /** Called every ~65k events with the number of events read so far. */
  onProgress?: (events: number) => void;
}

/** True when `value` is a saved profile (object or JSON). */
export function isProfileLike(value: unknown): value is Profile | ProfileJson {
  return value instanceof Profile || (typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'logsift-profile');
}

function lineToEvent(line: string, lineNumber: number, format: LogFormat | undefined, stats: ReadStats | undefined): LogEvent {
  if (format) {
    const parsed = format.parse(line);
    if (parsed === undefined) {
      if (stats) stats.unmatchedLines++;
      return { lineNumber, lineCount: 1, raw: line, message: line, fields: {}, formatMatched: false };
    }
    const p = detectLevelField(parsed.fields);
    const event: LogEvent = { lineNumber, lineCount: 1, raw: line, message: parsed.content, fields: parsed.fields, formatMatched: true };
    if (p !== undefined) event.level = p;
    return event;
  }
  const prefix = detectPrefix(line);
  const event: LogEvent = { lineNumber, lineCount: 1, raw: line, message: prefix.message, fields: prefix.fields, formatMatched: true };
  if (prefix.level !== undefined) event.level = prefix.level;
  if (prefix.timestamp !== undefined) event.timestamp = prefix.timestamp;
  return event;
}

function detectLevelField(fields: Record<string, string>): LogEvent['level'] {
  const v = fields.Level ?? fields.level ?? fields.Type;
  return v === undefined ? undefined : normalizeLevel(v);
}

/** Reads a source as batches of events, with the reader's counters. */
export async function* eventBatches(
  source: Exclude<LogSource, Profile | ProfileJson>,
  options: { logFormat?: string },
  stats: ReadStats | undefined,
): AsyncGenerator<LogEvent[]> {
  const format = options.logFormat === undefined ? undefined : compileLogFormat(options.logFormat);
  let lineNumber = 0;
  const fromLines = async function* (lines: AsyncIterable<string[]>): AsyncGenerator<LogEvent[]> {
    for await (const batch of lines) {
      const out: LogEvent[] = new Array(batch.length);
      for (let i = 0; i < batch.length; i++) out[i] = lineToEvent(batch[i]!, ++lineNumber, format, stats);
      yield out;
    }
  };
  if (typeof source === 'string' || 'path' in (source as object) || 'text' in (source as object) || 'stream' in (source as object)) {
    let input: string | AsyncIterable<Uint8Array | string>;
    if (typeof source === 'string') input = source.includes('\n') ? textStream(source) : source;
    else if ('path' in source) input = (source as { path: string }).path;
    else if ('text' in source) input = textStream((source as { text: string }).text);
    else input = (source as { stream: AsyncIterable<Uint8Array | string> }).stream;
    const batches = readLineBatches(input);
    yield* fromLines(batches);
    if (stats) Object.assign(stats, { ...batches.stats, unmatchedLines: stats.unmatchedLines + batches.stats.unmatchedLines });
    return;
  }
  const iterable = source as Iterable<string | LogEvent> | AsyncIterable<string | LogEvent>;
  if (typeof (iterable as Iterable<unknown>)[Symbol.iterator] !== 'function' && typeof (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') {
    throw new InputError('unsupported log source: expected a path, text, lines, events, a stream or a profile', 'E_INPUT');
  }
  let batch: LogEvent[] = [];
  for await (const item of iterable as AsyncIterable<string | LogEvent>) {
    if (typeof item === 'string') {
      for (const line of item.split(/\r?\n/)) {
        if (stats) stats.lines++;
        batch.push(lineToEvent(line, ++lineNumber, format, stats));
      }
    } else if (item && typeof item === 'object' && typeof item.message === 'string') {
      lineNumber += item.lineCount ?? 1;
      if (stats) stats.lines += item.lineCount ?? 1;
      batch.push({ ...item, fields: item.fields ?? {}, raw: item.raw ?? item.message, lineCount: item.lineCount ?? 1 });
    } else {
      throw new InputError('unsupported log source item: expected a string line or an event with a message', 'E_INPUT');
    }
    if (batch.length >= 4096) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function* textStream(text: string): AsyncGenerator<string> {
  yield text;
}

/** The text the miner sees for an event: its message, plus its exception type when it has one. */
export function signatureText(event: LogEvent): string {
  const ex = (event as LogEvent & { exception?: { type?: string } }).exception;
  return ex?.type ? `${event.message} | ${ex.type}` : event.message;
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
