import type { ErrorDescription } from './http.js';
import type { Window } from './stream.js';
import { fieldString } from './stream.js';
import type { FieldMap, SourceEvent } from './types.js';

/** The field names an Elastic search reads (ECS by default). */
export interface ElasticFieldNames {
  timestamp: string;
  message: string;
  map: Required<FieldMap>;
  extra: string[];
}

/** The search body for one page: a range filter on the window, `fields` with `_source: false`. */
export function elasticSearchBody(args: {
  window: Window;
  query: string | Record<string, unknown> | undefined;
  names: ElasticFieldNames;
  size: number;
  pitId: string;
  keepAlive: string;
  tieBreaker: string | undefined;
  searchAfter: unknown[] | undefined;
}): Record<string, unknown> {
  const { window, query, names } = args;
  const filter: unknown[] = [{ range: { [names.timestamp]: { gte: window.from, lt: window.to, format: 'epoch_millis' } } }];
  if (typeof query === 'string' && query.trim() !== '') filter.push({ query_string: { query, default_field: names.message } });
  else if (typeof query === 'object') filter.push(query);
  // String sort values for the timestamp: epoch nanoseconds would exceed 2^53 as numbers.
  const sort: unknown[] = [{ [names.timestamp]: { order: 'asc', format: 'strict_date_optional_time_nanos' } }];
  if (args.tieBreaker !== undefined) sort.push({ [args.tieBreaker]: 'asc' });
  // The timestamp with a format of its own: without one, `fields` formats a date by its mapping (which may have
  // no zone, or be epoch_millis), so an ISO instant in UTC is asked for, as for the sort.
  const others = [...new Set([names.message, ...Object.values(names.map), ...names.extra])].filter((f) => f !== names.timestamp);
  const fields: unknown[] = [{ field: names.timestamp, format: 'strict_date_optional_time_nanos' }, ...others];
  const body: Record<string, unknown> = {
    size: args.size,
    track_total_hits: false,
    query: { bool: { filter } },
    sort,
    _source: false,
    fields,
    pit: { id: args.pitId, keep_alive: args.keepAlive },
  };
  if (args.searchAfter !== undefined) body.search_after = args.searchAfter;
  return body;
}

/**
 * A date from `fields` as epoch ms: an ISO instant (asked for; a date without a zone is UTC, as Elasticsearch
 * formats dates in UTC), or epoch milliseconds as a number or a numeric string (a server that ignored the
 * format); undefined otherwise, never a date read in the machine's time zone.
 */
export function elasticTime(value: unknown): number | undefined {
  let ms = Number.NaN;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    if (/^\d{1,16}(?:\.\d+)?$/.test(value)) ms = Math.floor(Number(value));
    else {
      const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
      if (m !== null) {
        const zone = m[3] === undefined ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
        ms = Date.parse(`${m[1]}T${(m[2] ?? '00:00').replace(',', '.')}${zone}`);
      }
    }
  }
  return Number.isFinite(ms) ? ms : undefined;
}

/** Turns a hit's `fields` into an event; undefined when the message field is missing. */
export function elasticEvent(fields: Record<string, unknown>, names: ElasticFieldNames): SourceEvent | undefined {
  const raw = fieldString(fields[names.message]);
  if (raw === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const text = fieldString(value);
    if (text !== undefined) out[key] = text;
  }
  const event: SourceEvent = { raw, fields: out };
  const time = Array.isArray(fields[names.timestamp]) ? (fields[names.timestamp] as unknown[])[0] : fields[names.timestamp];
  const timestamp = elasticTime(time);
  if (timestamp !== undefined) event.timestamp = timestamp;
  for (const key of ['level', 'host', 'service', 'version'] as const) {
    const value = out[names.map[key]];
    if (value !== undefined) event[key] = value;
  }
  return event;
}

/** Elasticsearch/OpenSearch error bodies: `{error: {type, reason, root_cause}, status}`, or `error` as a string. */
export function describeElasticError(status: number, body: string): ErrorDescription {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return { message: parsed.error };
    if (typeof parsed.error === 'object' && parsed.error !== null) {
      const error = parsed.error as { type?: unknown; reason?: unknown; root_cause?: Array<{ type?: unknown; reason?: unknown }> };
      const root = error.root_cause?.[0];
      const type = typeof root?.type === 'string' ? root.type : typeof error.type === 'string' ? error.type : undefined;
      const reason = typeof root?.reason === 'string' ? root.reason : typeof error.reason === 'string' ? error.reason : `HTTP ${status}`;
      const expired = status === 404 && type === 'search_context_missing_exception';
      return {
        message: expired ? `the point in time expired (${reason}); raise keepAlive or read faster` : reason,
        ...(type === undefined ? {} : { platformCode: type }),
        ...(expired ? { code: 'E_SOURCE_EXPIRED' as const } : {}),
      };
    }
  } catch {
    // plain text below
  }
  const text = body.trim();
  return { message: text === '' ? `HTTP ${status} with an empty body` : text };
}
