/**
 * Normalized severity level read from a header or field (`WARNING`, `W`, `severe`, ... are mapped onto these).
 *
 * @example
 * ```ts
 * import { readEvents, type Level } from 'logsift';
 * const loud: ReadonlySet<Level> = new Set(['error', 'fatal']);
 * for await (const e of readEvents('app.log')) if (e.level !== undefined && loud.has(e.level)) console.log(e.raw);
 * ```
 */
export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * One event: a physical line, or several lines framed together (a stack trace).
 * Produced by src/records, consumed by the miner and the profile.
 *
 * @example
 * ```ts
 * import { parseEvents } from 'logsift';
 * const { events } = parseEvents('2024-05-01 10:00:00 ERROR pay failed\n  at Ledger.post(Ledger.java:88)');
 * const e = events[0]!;
 * console.log(e.lineCount, e.level, e.message); // 2 'error' 'pay failed'
 * ```
 */
export interface LogEvent {
  /** 1-based number of the event's first physical line in its source. */
  lineNumber: number;
  /** How many physical lines the event spans (1 for a plain line). */
  lineCount: number;
  /** The event's full original text (lines joined with `\n`, after decoding and truncation). */
  raw: string;
  /** The part to templatize: the header-less message. */
  message: string;
  /** Epoch milliseconds, when a timestamp was found. */
  timestamp?: number;
  /** Normalized level, when a level was found. */
  level?: Level;
  /** Header fields and attributes (e.g. `Component`, `Pid`, `service.version`). */
  fields: Record<string, string>;
  /** False when a log format was given and the line did not match it (the whole line is the message). */
  formatMatched: boolean;
  /** The exception a multi-line event (stack trace, traceback, panic) or a structured error field carries. */
  exception?: ExceptionInfo;
}

/**
 * An exception read from an event. Frames have their line numbers, columns and addresses removed,
 * so the same code path gives the same frames across builds.
 *
 * @example
 * ```ts
 * // '\tat c.acme.Ledger.post(Ledger.java:88)' under 'java.lang.IllegalStateException: closed' gives
 * const info: ExceptionInfo = { type: 'java.lang.IllegalStateException', message: 'closed', frames: ['c.acme.Ledger.post(Ledger.java)'] };
 * ```
 */
export interface ExceptionInfo {
  /** The exception type as written: `java.lang.IllegalStateException`, `KeyError`, `panic`, `SIGSEGV`. */
  type: string;
  /** The exception's own message (may be empty). */
  message: string;
  /** The top frames (nearest to where it was raised), at most five, normalized. */
  frames: string[];
  /** Types of the causes, outermost first (`Caused by:` in Java, chained Python exceptions). */
  causes?: string[];
}

/**
 * Counters kept while reading; nothing is dropped silently, everything unusual is counted here.
 *
 * @example
 * ```ts
 * import { readEvents } from 'logsift';
 * const events = readEvents('app.log');
 * for await (const event of events) void event;
 * const { lines, truncatedLines, invalidUtf8Lines } = events.stats;
 * console.log(`${lines} lines, ${truncatedLines} truncated, ${invalidUtf8Lines} with invalid UTF-8`);
 * ```
 */
export interface ReadStats {
  /** Physical lines read (including empty ones). */
  lines: number;
  /** Bytes read. */
  bytes: number;
  /** Empty (or whitespace-only) lines. */
  emptyLines: number;
  /** Lines that contained invalid UTF-8 (replaced by U+FFFD). */
  invalidUtf8Lines: number;
  /** Lines that contained NUL bytes. */
  nulLines: number;
  /** Lines longer than the cap, truncated. */
  truncatedLines: number;
  /** Lines that did not match the given log format (kept whole as their message). */
  unmatchedLines: number;
  /** Lines that looked like JSON objects but did not parse (treated as plain text, not lost). */
  malformedJsonLines: number;
  /** Multi-line events cut at the cap on lines per event (the rest starts a new event). */
  cappedEvents: number;
  /**
   * Lines of a container log (CRI, `kubectl logs --timestamps`, Docker json-file) that did not have the
   * wrapper's shape, such as a broken JSON line in a Docker file (kept whole, read as they are).
   */
  notUnwrappedLines: number;
  /** Partial lines of a container log (CRI `P`, Docker `log` without a newline) never completed before the input ended (kept as they are). */
  unfinishedPartialLines: number;
}
