import { UsageError } from '../errors/UsageError.js';
import { queryElastic, type ElasticOptions } from './elastic.js';
import { queryLoki, type LokiOptions } from './loki.js';
import { querySplunk, type SplunkOptions } from './splunk.js';
import { querySumo, type SumoOptions } from './sumo.js';
import type { SourceEvent, SourceEvents, SourceSummary } from './types.js';

/**
 * One source to read, by platform name: the shape `logsift verify` and `logsift serve` build from
 * their flags or request body.
 *
 * @example
 * ```ts
 * const spec: SourceSpec = { source: 'loki', url: 'http://loki:3100', query: '{app="checkout"}', from, to };
 * ```
 */
export type SourceSpec =
  | ({ source: 'splunk' } & SplunkOptions)
  | ({ source: 'elastic' } & ElasticOptions)
  | ({ source: 'sumo' } & SumoOptions)
  | ({ source: 'loki' } & LokiOptions);

/**
 * Reads a source named by `spec.source`, with that adapter's options.
 *
 * @example
 * ```ts
 * import { querySource } from 'logsift';
 * const canary = querySource({ source: 'splunk', url, query: 'index=app version=1.4.3', from, to });
 * for await (const event of canary) lines.push(event.raw);
 * ```
 */
export function querySource(spec: SourceSpec): SourceEvents {
  switch (spec.source) {
    case 'splunk':
      return querySplunk(spec);
    case 'elastic':
      return queryElastic(spec);
    case 'sumo':
      return querySumo(spec);
    case 'loki':
      return queryLoki(spec);
    default:
      throw new UsageError(`unknown source ${JSON.stringify(String((spec as { source?: unknown }).source)).slice(0, 40)}; use splunk, elastic, sumo or loki`, 'E_USAGE');
  }
}

/**
 * The platform-neutral settings of one read, as `logsift verify` flags or a `logsift serve` request
 * body carry them.
 *
 * @example
 * ```ts
 * const flags: SourceFlags = { source: 'elastic', url: 'https://es:9200', index: 'logs-*', query: 'version:1.4.3', from, to };
 * ```
 */
export interface SourceFlags {
  /** `splunk`, `elastic`, `sumo` or `loki` (untrusted input: validated). */
  source: string;
  /** Base URL of the platform (for Sumo Logic, its API URL). */
  url: string;
  /** The platform's query. */
  query: string;
  /** Window start, inclusive. */
  from: number | Date;
  /** Window end, exclusive. */
  to: number | Date;
  /** Elasticsearch/OpenSearch only: index, alias, data stream or pattern. */
  index?: string;
  /** Elasticsearch/OpenSearch only: the field holding the log line. */
  messageField?: string;
  /** Event cap, reported as truncation. */
  maxEvents?: number;
  /** Cancels the read. */
  signal?: AbortSignal;
  /** Where credentials are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** An injected fetch (TLS, proxies, tests). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Turns platform-neutral flags into a {@link SourceSpec}; credentials come from `env` only. Flags that
 * do not apply to the platform are a UsageError rather than silently ignored.
 *
 * @example
 * ```ts
 * const spec = sourceSpec({ source: 'splunk', url, query: 'index=app version=1.4.3', from, to });
 * const { events } = await collectEvents(querySource(spec));
 * ```
 */
export function sourceSpec(flags: SourceFlags): SourceSpec {
  const { source, index, messageField, ...common } = flags;
  const base = Object.fromEntries(Object.entries(common).filter(([, v]) => v !== undefined)) as Omit<SourceFlags, 'source' | 'index' | 'messageField'>;
  if (source === 'elastic') {
    if (index === undefined || index === '') throw new UsageError('an elastic source needs an index (--index)', 'E_USAGE');
    return { source, ...base, index, ...(messageField === undefined ? {} : { messageField }) };
  }
  if (source !== 'splunk' && source !== 'sumo' && source !== 'loki') {
    throw new UsageError(`unknown source ${JSON.stringify(String(source)).slice(0, 40)}; use splunk, elastic, sumo or loki`, 'E_USAGE');
  }
  if (index !== undefined) throw new UsageError(`--index applies to elastic only; for ${source}, put the index in the query`, 'E_USAGE');
  if (messageField !== undefined) throw new UsageError('--message-field applies to elastic only', 'E_USAGE');
  return { source, ...base };
}

/**
 * Options of {@link collectEvents}.
 *
 * @example
 * ```ts
 * const { events } = await collectEvents(stream, { order: 'received' });
 * ```
 */
export interface CollectOptions {
  /** `time` (default): oldest first when every event has a timestamp; `received`: as the platform sent them. */
  order?: 'time' | 'received';
}

/**
 * Reads a whole source into memory (bounded by its `maxEvents`) and returns the events with the final
 * summary. Platforms send newest-first (Splunk, Sumo) or by stream (Loki), so by default the events are
 * put in time order, which is the order a log file has; when some events lack a timestamp, the received
 * order is kept and a warning says so.
 *
 * @example
 * ```ts
 * import { collectEvents, querySource } from 'logsift';
 * const { events, summary } = await collectEvents(querySource(spec));
 * if (summary.truncated || summary.partial) console.warn(summary.warnings.join('\n'));
 * ```
 */
export async function collectEvents(stream: SourceEvents, options: CollectOptions = {}): Promise<{ events: SourceEvent[]; summary: SourceSummary }> {
  const events: SourceEvent[] = [];
  for await (const event of stream) events.push(event);
  const { summary } = stream;
  if ((options.order ?? 'time') === 'time') {
    if (events.every((e) => e.timestamp !== undefined)) {
      events.sort((a, b) => (a.timestamp as number) - (b.timestamp as number)); // stable: ties keep the received order
    } else {
      summary.warnings.push('some events have no timestamp, so they are kept in the order the platform sent them');
    }
  }
  return { events, summary };
}
