import { UsageError } from '../errors/UsageError.js';
import type { ContainerLog } from './container-log.js';
import { compileLogFormat, type LogFormat } from './format.js';
import { Framer } from './framer.js';
import { createReadStats, isBlankLine } from './line-splitter.js';
import { defaultReadOptions, readLineBatches, type LineInput, type ReadOptions } from './reader.js';
import { defaultStructuredFields, type StructuredFieldOptions } from './structured.js';
import type { LogEvent, ReadStats } from './types.js';
import { checkContainerLog, Unwrapper } from './wrapper.js';

/**
 * Options of the event readers; the reading options of {@link ReadOptions} apply too.
 *
 * @example
 * ```ts
 * readEvents('app.log', { logFormat: '<Date> <Time> <Level> <Content>', maxEventLines: 200 });
 * ```
 */
export interface EventOptions extends ReadOptions {
  /**
   * A loghub-style header format (or a compiled one). Lines that do not match it are kept whole as
   * their message, marked `formatMatched: false` and counted in `stats.unmatchedLines`. Without a
   * format, JSON, logfmt and common headers are detected per line.
   */
  logFormat?: string | LogFormat;
  /**
   * Frame multi-line events: stack traces, tracebacks, Go panics, JVM and V8 crash banners.
   * @defaultValue true
   */
  multiline?: boolean;
  /**
   * Most physical lines in one event; a longer block is cut and the rest starts a new event of the
   * same kind (counted in `stats.cappedEvents`).
   * @defaultValue 1000
   */
  maxEventLines?: number;
  /**
   * Most characters in one event, a second bound for blocks of very long lines.
   * @defaultValue 1048576
   */
  maxEventChars?: number;
  /**
   * Detect JSON and logfmt lines (when no `logFormat` is given).
   * @defaultValue true
   */
  structured?: boolean;
  /** Field names read from JSON and logfmt lines; see {@link defaultStructuredFields}. */
  fieldNames?: StructuredFieldOptions;
  /**
   * Container logs: the application's lines wrapped by a container runtime (CRI files, `kubectl logs
   * --timestamps`, Docker's json-file driver) are unwrapped before framing, partial lines joined (up to
   * `maxLineLength` characters), so stack traces, headers, JSON and logfmt are read as if the log had not
   * been wrapped. The wrapper's time is the event's when the application's line has none; the stream is
   * `fields.stream`; `raw` holds the application's own lines. `'auto'` decides per input on its first
   * non-empty lines (up to 32) and leaves an input that is not clearly wrapped as it is; a name forces that
   * wrapper (lines without its shape are kept whole and counted in `stats.notUnwrappedLines`); `'none'`
   * never unwraps.
   * @defaultValue 'auto'
   * @example
   * ```ts
   * readEvents('/var/log/containers/shop-7d9f_default_app-1a2b.log', { containerLog: 'cri' });
   * ```
   */
  containerLog?: ContainerLog;
}

/**
 * Default values of {@link EventOptions} (reading options included).
 *
 * @example
 * ```ts
 * defaultEventOptions.maxEventLines; // 1000
 * ```
 */
export const defaultEventOptions = Object.freeze({
  ...defaultReadOptions,
  multiline: true,
  maxEventLines: 1000,
  maxEventChars: 1_048_576,
  structured: true,
  containerLog: 'auto' as ContainerLog,
});

/**
 * Incremental event framing for callers who already have lines; see {@link createEventParser}.
 *
 * @example
 * ```ts
 * const parser: EventParser = createEventParser();
 * const events = [...parser.push(['a', 'b']), ...parser.end()];
 * ```
 */
export interface EventParser {
  /** Frames `lines` (the next lines of the input, in order); returns the events completed so far. */
  push(lines: readonly string[]): LogEvent[];
  /** Ends the input; returns the last event, if one is open. */
  end(): LogEvent[];
  /** Counters: `lines` and `emptyLines` of the lines pushed, plus the framing counters. */
  readonly stats: ReadStats;
}

/**
 * Batches of events with live counters.
 *
 * @example
 * ```ts
 * const batches: EventBatches = readEventBatches('app.log');
 * for await (const events of batches) console.log(events.length, batches.stats.cappedEvents);
 * ```
 */
export interface EventBatches extends AsyncIterable<LogEvent[]> {
  /** Counters of what was read so far (final once iteration has ended). */
  readonly stats: ReadStats;
}

/**
 * Events with live counters.
 *
 * @example
 * ```ts
 * const events: Events = readEvents('app.log');
 * for await (const event of events) void event;
 * console.log(events.stats.malformedJsonLines);
 * ```
 */
export interface Events extends AsyncIterable<LogEvent> {
  /** Counters of what was read so far (final once iteration has ended). */
  readonly stats: ReadStats;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

function framer(options: EventOptions, stats: ReadStats): Framer {
  const format = typeof options.logFormat === 'string' ? compileLogFormat(options.logFormat) : options.logFormat;
  const structured = (options.structured ?? defaultEventOptions.structured) && format === undefined;
  return new Framer(
    {
      format,
      structured: structured ? { ...defaultStructuredFields, ...withoutUndefined(options.fieldNames ?? {}) } : undefined,
      multiline: options.multiline ?? defaultEventOptions.multiline,
      maxEventLines: positive('maxEventLines', options.maxEventLines ?? defaultEventOptions.maxEventLines),
      maxEventChars: positive('maxEventChars', options.maxEventChars ?? defaultEventOptions.maxEventChars),
    },
    stats,
  );
}

/** The unwrapping stage, or undefined when `containerLog` is `'none'` (lines go straight to the framer). */
function unwrapper(options: EventOptions, stats: ReadStats): Unwrapper | undefined {
  const want = checkContainerLog(options.containerLog);
  if (want === 'none') return undefined;
  const cap = options.maxLineLength;
  return new Unwrapper(want, Number.isInteger(cap) && cap! > 0 ? cap! : defaultReadOptions.maxLineLength, stats);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Creates an incremental parser that frames lines into {@link LogEvent}s.
 *
 * @throws {@link InputError} `E_FORMAT` for an invalid `logFormat`; {@link UsageError} for invalid caps.
 * @example
 * ```ts
 * import { createEventParser } from 'logsift';
 * const parser = createEventParser();
 * const events = [...parser.push(['2026-01-01 10:00:00 ERROR boom', '\tat a.B.c(B.java:1)']), ...parser.end()];
 * events[0].lineCount; // 2
 * ```
 */
export function createEventParser(options: EventOptions = {}): EventParser {
  const stats = createReadStats();
  const frames = framer(options, stats);
  let unwrap = unwrapper(options, stats);
  return {
    stats,
    push(lines) {
      for (const line of lines) {
        stats.lines++;
        // Trim only lines that open with white space: a trim per line would allocate on every line.
        if (isBlankLine(line)) stats.emptyLines++;
      }
      const out: LogEvent[] = [];
      if (unwrap === undefined) frames.push(lines, out);
      else {
        unwrap.push(lines, frames, out);
        if (unwrap.passive) unwrap = undefined;
      }
      return out;
    },
    end() {
      const out: LogEvent[] = [];
      if (unwrap === undefined) frames.end(out);
      else unwrap.end(frames, out);
      return out;
    },
  };
}

/**
 * Frames lines held in memory (an array, or one string split at line breaks) into events.
 *
 * @example
 * ```ts
 * import { parseEvents } from 'logsift';
 * const { events, stats } = parseEvents('{"level":"warn","msg":"slow","ms":900}\nplain line');
 * events[0].message; // 'slow'
 * events[0].fields;  // { ms: '900' }
 * ```
 */
export function parseEvents(lines: string | Iterable<string>, options: EventOptions = {}): { events: LogEvent[]; stats: ReadStats } {
  const parser = createEventParser(options);
  const list = typeof lines === 'string' ? splitText(lines) : Array.from(lines);
  const events = parser.push(list);
  for (const event of parser.end()) events.push(event);
  return { events, stats: parser.stats };
}

function splitText(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}

/**
 * Reads a file, standard input (`'-'`) or a stream and yields its events in batches, the fast way.
 * Reading follows {@link readLineBatches}; framing follows {@link EventOptions}.
 *
 * @example
 * ```ts
 * import { readEventBatches } from 'logsift';
 * const batches = readEventBatches('app.log', { logFormat: '<Date> <Time> <Level> <Component>: <Content>' });
 * for await (const events of batches) for (const e of events) if (e.level === 'error') console.log(e.raw);
 * console.log(batches.stats.unmatchedLines);
 * ```
 */
export function readEventBatches(input: LineInput, options: EventOptions = {}): EventBatches {
  const lines = readLineBatches(input, options);
  const frames = framer(options, lines.stats);
  const unwrapping = unwrapper(options, lines.stats);
  return {
    get stats() {
      return lines.stats;
    },
    async *[Symbol.asyncIterator]() {
      // Once the input is known not to be wrapped, lines go straight to the framer: no cost per line.
      let unwrap = unwrapping;
      for await (const batch of lines) {
        const out: LogEvent[] = [];
        if (unwrap === undefined) frames.push(batch, out);
        else {
          unwrap.push(batch, frames, out);
          if (unwrap.passive) unwrap = undefined;
        }
        if (out.length > 0) yield out;
      }
      const out: LogEvent[] = [];
      if (unwrap === undefined) frames.end(out);
      else unwrap.end(frames, out);
      if (out.length > 0) yield out;
    },
  };
}

/**
 * Reads events one at a time; see {@link readEventBatches}.
 *
 * @example
 * ```ts
 * import { readEvents } from 'logsift';
 * for await (const event of readEvents('app.log')) {
 *   if (event.exception) console.log(event.exception.type, event.lineCount);
 * }
 * ```
 */
export function readEvents(input: LineInput, options: EventOptions = {}): Events {
  const batches = readEventBatches(input, options);
  return {
    get stats() {
      return batches.stats;
    },
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) yield* batch;
    },
  };
}
