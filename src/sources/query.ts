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
