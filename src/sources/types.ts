/**
 * Types shared by the log-source adapters (Splunk, Elastic/OpenSearch, Sumo Logic, Loki).
 * An adapter turns (query, time window, options) into a {@link SourceEvents} stream and nothing else.
 */

/**
 * The platforms logsift can pull logs from (OpenSearch is read by the Elastic adapter); a read's
 * {@link SourceSummary} and a {@link SourceError} say which one.
 *
 * @example
 * ```ts
 * import { isSourceError, type SourcePlatform } from 'logsift';
 * function platformOf(error: unknown): SourcePlatform | undefined {
 *   return isSourceError(error) ? error.platform : undefined;
 * }
 * ```
 */
export type SourcePlatform = 'splunk' | 'elastic' | 'opensearch' | 'sumo' | 'loki';

/**
 * One log event as a platform returned it. Every string in it came from the platform and is untrusted.
 *
 * @example
 * ```ts
 * const event: SourceEvent = {
 *   raw: '2024-05-01T10:00:04.512Z ERROR payment declined order=991',
 *   timestamp: 1714557604512,
 *   level: 'ERROR',
 *   host: 'web-03',
 *   fields: { host: 'web-03', sourcetype: 'api_logs' },
 * };
 * ```
 */
export interface SourceEvent {
  /** The log line (Splunk `_raw`, the Elastic message field, Sumo `_raw`, the Loki line). */
  raw: string;
  /** Epoch milliseconds; absent when the platform's time value could not be read unambiguously. */
  timestamp?: number;
  /** The level as the platform spelled it (not normalized), when the mapped level field exists. */
  level?: string;
  /** The host, when the mapped host field exists. */
  host?: string;
  /** The service name, when the mapped service field exists. */
  service?: string;
  /** The service version, when the mapped version field exists. */
  version?: string;
  /** All other fields the platform returned, as strings (multivalue fields joined with `\n`). */
  fields: Record<string, string>;
}

/**
 * What happened while reading a source. Nothing is dropped silently: a cap, a partial result or a
 * skipped record is reported here.
 *
 * @example
 * ```ts
 * const stream = querySplunk({ url, query, from, to });
 * for await (const event of stream) consume(event);
 * if (stream.summary.truncated) console.warn(`stopped at ${stream.summary.events} events`);
 * ```
 */
export interface SourceSummary {
  /** Which platform was read. */
  platform: SourcePlatform;
  /** Events yielded to the caller. */
  events: number;
  /** True when `maxEvents` was reached and more events existed. */
  truncated: boolean;
  /** True when the platform itself said the result is incomplete (Sumo FORCE PAUSED, shard failures, ...). */
  partial: boolean;
  /** Human-readable warnings (never containing credentials). */
  warnings: string[];
  /** HTTP requests made, including retries and cleanup calls. */
  requests: number;
  /** True once the stream ran to its end (or to the cap) without an error. */
  complete: boolean;
}

/**
 * The result of every adapter: an async iterable of events, iterable once, whose {@link SourceSummary}
 * is filled in while it is read.
 *
 * @example
 * ```ts
 * const stream = queryLoki({ url: 'http://loki:3100', query: '{app="checkout"}', from, to });
 * for await (const event of stream) lines.push(event.raw);
 * console.log(stream.summary.events, stream.summary.warnings);
 * ```
 */
export interface SourceEvents extends AsyncIterable<SourceEvent> {
  /** Live summary; final once iteration has finished. */
  readonly summary: SourceSummary;
}

/**
 * A clock the adapters use for waiting; inject one in tests to make retries and polling instant.
 *
 * @example
 * ```ts
 * let now = 0;
 * const clock: Clock = { now: () => now, sleep: async (ms) => { now += ms; } };
 * ```
 */
export interface Clock {
  /** Milliseconds since some fixed point. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Retry policy for requests that are safe to repeat (429, 503 busy, network errors on idempotent calls).
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { retries: 5, baseDelayMs: 500, maxDelayMs: 20_000 };
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  retries?: number;
  /** First backoff delay before jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait; a `Retry-After` longer than this fails the request instead. Default 30 000 ms. */
  maxDelayMs?: number;
}

/**
 * Options every adapter accepts.
 *
 * @example
 * ```ts
 * const common: SourceOptions = {
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 *   maxEvents: 100_000,
 *   signal: AbortSignal.timeout(10 * 60_000),
 * };
 * ```
 */
export interface SourceOptions {
  /** Window start, inclusive: epoch milliseconds or a Date. */
  from: number | Date;
  /** Window end, exclusive: epoch milliseconds or a Date. */
  to: number | Date;
  /** Stop after this many events and report `truncated`. Default 1 000 000. */
  maxEvents?: number;
  /** Cancels the requests; cleanup calls (job delete, PIT close) are still made. */
  signal?: AbortSignal;
  /**
   * The fetch to use (default `globalThis.fetch`). Inject one for a private CA, a proxy, mutual TLS or
   * custom timeouts; see docs/sources.md.
   */
  fetch?: typeof globalThis.fetch;
  /** PEM certificate(s) to trust for this source only, instead of the system store. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Retry policy for safe retries. */
  retry?: RetryOptions;
  /** Clock used to wait between retries and polls (tests inject a fake one). */
  clock?: Clock;
  /** Random number source in [0, 1) for jitter. Default `Math.random`. */
  random?: () => number;
  /** Debug log hook; messages never contain credentials. */
  log?: (message: string) => void;
  /** Where credentials are read from when not given as options. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * Which platform fields fill an event's `level`, `host`, `service` and `version`.
 *
 * @example
 * ```ts
 * const fieldMap: FieldMap = { level: 'log.level', host: 'host.name', version: 'service.version' };
 * ```
 */
export interface FieldMap {
  /** Field holding the level. */
  level?: string;
  /** Field holding the host name. */
  host?: string;
  /** Field holding the service name. */
  service?: string;
  /** Field holding the service version. */
  version?: string;
}
