/**
 * Grafana Loki adapter (`logsift/loki`): reads a LogQL log query over a time window with
 * `query_range`, paging forward by time and dropping the entries a page boundary repeats.
 * @packageDocumentation
 */
import { UsageError } from '../errors/UsageError.js';
import { isSourceError } from './SourceError.js';
import { HttpClient, basicAuth, parseBaseUrl, type ErrorDescription } from './http.js';
import { createSourceEvents, credential, resolveMaxEvents, resolveWindow, type SourceContext } from './stream.js';
import type { FieldMap, SourceEvent, SourceEvents, SourceOptions } from './types.js';

export { SourceError, isSourceError } from './SourceError.js';
export type { SourceErrorCode, SourceErrorDetails } from './SourceError.js';
export { fetchWithCa } from './tls.js';
export type * from './types.js';

/**
 * Options of {@link queryLoki}. Loki itself has no auth: `token` (or `LOKI_TOKEN`) is sent as a
 * bearer token for a proxy, or with `username` as basic auth (Grafana Cloud).
 *
 * @example
 * ```ts
 * const options: LokiOptions = {
 *   url: 'http://loki:3100',
 *   query: '{app="checkout", version="1.4.2"}',
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 * };
 * ```
 */
export interface LokiOptions extends SourceOptions {
  /** Loki base URL, e.g. `http://loki:3100`. */
  url: string;
  /** A LogQL log query (not a metric query). */
  query: string;
  /** Bearer token, or the password with `username`. Default: `LOKI_TOKEN` (optional). */
  token?: string;
  /** Grafana Cloud user id, for basic auth with `token`. */
  username?: string;
  /** Tenant(s) for `X-Scope-OrgID` (`a|b` for several). */
  tenant?: string;
  /** New entries asked for per request, at most `maxEntriesPerQuery`. Default 1000. */
  batchSize?: number;
  /**
   * The server's `max_entries_limit_per_query` (Loki's default: 5000): no request asks for more. A request asks
   * for the entries already read at its start timestamp on top of `batchSize`, so a batch size below this leaves
   * room for entries that share a timestamp. When the server answers 400 naming a lower limit, requests are
   * capped at that limit from then on (with a warning). Default 5000.
   */
  maxEntriesPerQuery?: number;
  /** Labels mapped to level/host/service/version. Default `level`, `host`, `service_name`, `version`. */
  fieldMap?: FieldMap;
}

/**
 * Defaults of {@link LokiOptions}.
 *
 * @example
 * ```ts
 * queryLoki({ ...options, fieldMap: { ...lokiDefaults.fieldMap, service: 'app' } });
 * ```
 */
export const lokiDefaults = {
  batchSize: 1000,
  fieldMap: { level: 'level', host: 'host', service: 'service_name', version: 'version' },
} as const;

/** Loki's default `max_entries_limit_per_query`. */
const MAX_LIMIT = 5000;

interface Entry {
  ts: bigint;
  line: string;
  labels: Record<string, string>;
  key: string;
}

/**
 * Reads the log lines of a LogQL query over [from, to) in time order: `direction=forward`, each next
 * request starting at the last timestamp seen, and the entries at that timestamp that were already
 * yielded dropped (same labels and line). Fails clearly, instead of looping, when more entries share
 * one nanosecond than one request may return (`maxEntriesPerQuery`).
 *
 * @example
 * ```ts
 * import { queryLoki } from 'logsift/loki';
 * const events = queryLoki({
 *   url: 'http://loki:3100',
 *   query: '{app="checkout"} |= "error"',
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 * });
 * for await (const event of events) console.log(event.fields.app, event.raw);
 * ```
 */
export function queryLoki(options: LokiOptions): SourceEvents {
  const window = resolveWindow(options.from, options.to);
  const maxEvents = resolveMaxEvents(options.maxEvents);
  if (options.query.trim() === '') throw new UsageError('the LogQL query is empty', 'E_USAGE');
  const base = parseBaseUrl(options.url, 'loki');
  let ceiling = options.maxEntriesPerQuery ?? MAX_LIMIT;
  if (!Number.isInteger(ceiling) || ceiling < 1) throw new UsageError('`maxEntriesPerQuery` must be a positive integer', 'E_USAGE');
  const batchSize = options.batchSize ?? Math.min(lokiDefaults.batchSize, ceiling);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > ceiling) {
    throw new UsageError(`\`batchSize\` must be an integer from 1 to ${ceiling} (maxEntriesPerQuery)`, 'E_USAGE');
  }
  const env = options.env ?? process.env;
  const token = credential(options.token ?? base.password, env, 'LOKI_TOKEN');
  const username = options.username ?? base.username;
  if (username !== undefined && token === undefined) throw new UsageError('Loki: `username` needs `token` (or LOKI_TOKEN) as its password', 'E_USAGE');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== undefined) headers.authorization = username !== undefined ? basicAuth(username, token) : `Bearer ${token}`;
  if (options.tenant !== undefined) headers['x-scope-orgid'] = options.tenant;
  const fieldMap = { ...lokiDefaults.fieldMap, ...options.fieldMap };
  const secrets = [token, token !== undefined && username !== undefined ? `${username}:${token}` : undefined].filter((s): s is string => s !== undefined);

  return createSourceEvents('loki', maxEvents, options.signal, async function* (ctx: SourceContext) {
    const http = new HttpClient({ platform: 'loki', baseUrl: base.url, options, summary: ctx.summary, secrets, headers: () => headers, describe: describeLokiError });
    const where = { method: 'GET' as const, path: '/loki/api/v1/query_range' };
    const end = BigInt(window.to) * 1_000_000n;
    let start = BigInt(window.from) * 1_000_000n;
    let seen = new Set<string>(); // keys of yielded entries at timestamp `start`
    const warned = new Set<string>();
    for (;;) {
      // Ask for the already-seen entries at `start` on top of a full batch, so each page makes progress.
      let limit = Math.min(ceiling, Math.min(batchSize, ctx.wanted()) + seen.size);
      let body: QueryResponse;
      for (;;) {
        const query = { query: options.query, start: start.toString(), end: end.toString(), limit: String(limit), direction: 'forward' };
        try {
          body = await http.json<QueryResponse>(await http.request({ ...where, query, idempotent: true }), where);
          break;
        } catch (error) {
          // The server's limit is lower than assumed: cap the requests at it and ask again.
          const lower = serverLimit(error);
          if (lower === undefined || lower >= limit) throw error;
          ceiling = lower;
          ctx.warn(`Loki: the server's max_entries_limit_per_query is ${lower}; requests ask for at most that many entries`);
          limit = lower;
        }
      }
      for (const warning of body.warnings ?? []) {
        if (typeof warning === 'string' && !warned.has(warning)) {
          warned.add(warning);
          ctx.warn(http.redact(`Loki: ${warning}`));
        }
      }
      const entries = flatten(body, http, where);
      const fresh = entries.filter((e) => !(e.ts === start && seen.has(e.key)));
      for (const entry of fresh) yield toEvent(entry, fieldMap);
      if (entries.length < limit) return;
      const last = entries[entries.length - 1].ts;
      if (fresh.length === 0) {
        throw http.error(`more than ${limit} entries share one timestamp, more than one request can return; narrow the query`, 'E_SOURCE_PROTOCOL', where);
      }
      const atLast = entries.filter((e) => e.ts === last).map((e) => e.key);
      seen = last === start ? new Set([...seen, ...atLast]) : new Set(atLast);
      start = last;
    }
  });
}

interface QueryResponse {
  status?: string;
  warnings?: unknown[];
  data?: { resultType?: string; result?: Array<{ stream?: Record<string, unknown>; values?: unknown[] }> };
}

function flatten(body: QueryResponse, http: HttpClient, where: { method: string; path: string }): Entry[] {
  if (body.status !== 'success') throw http.error(`the query status is ${JSON.stringify(String(body.status)).slice(0, 40)}`, 'E_SOURCE_PROTOCOL', where);
  if (body.data?.resultType !== 'streams') {
    throw http.error(`the query returned ${String(body.data?.resultType).slice(0, 20)}, not log streams; use a log query, not a metric query`, 'E_SOURCE_QUERY', where);
  }
  const entries: Entry[] = [];
  for (const stream of body.data.result ?? []) {
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(stream.stream ?? {})) if (typeof value === 'string') labels[key] = value;
    const streamKey = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    for (const value of stream.values ?? []) {
      const [ts, line, meta] = Array.isArray(value) ? value : [];
      if (typeof ts !== 'string' || !/^\d{1,25}$/.test(ts) || typeof line !== 'string') {
        throw http.error('an entry is not a [nanosecond timestamp string, line] pair', 'E_SOURCE_PROTOCOL', where);
      }
      const all = { ...labels };
      if (typeof meta === 'object' && meta !== null) for (const [k, v] of Object.entries(meta)) if (typeof v === 'string') all[k] = v;
      entries.push({ ts: BigInt(ts), line, labels: all, key: `${streamKey}\u0000${line}` });
    }
  }
  // Streams come grouped; the page order is by time across all of them.
  return entries.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

function toEvent(entry: Entry, fieldMap: Required<FieldMap>): SourceEvent {
  const event: SourceEvent = { raw: entry.line, timestamp: Number(entry.ts / 1_000_000n), fields: entry.labels };
  for (const key of ['level', 'host', 'service', 'version'] as const) {
    const value = entry.labels[fieldMap[key]];
    if (value !== undefined) event[key] = value;
  }
  return event;
}

/** Loki errors are often plain text; JSON ones carry `error` or `message`. */
/** The limit a 400 `max entries limit per query exceeded ... (N > M)` names (M), else undefined. */
function serverLimit(error: unknown): number | undefined {
  if (!isSourceError(error) || error.status !== 400) return undefined;
  const m = /max_entries_limit(?:_per_query)? \((\d+) > (\d+)\)/.exec(error.message);
  const lower = m === null ? NaN : Number(m[2]);
  return Number.isSafeInteger(lower) && lower >= 1 ? lower : undefined;
}

function describeLokiError(status: number, body: string): ErrorDescription {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; errorType?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : typeof parsed.message === 'string' ? parsed.message : undefined;
    if (message !== undefined) return { message, ...(typeof parsed.errorType === 'string' ? { platformCode: parsed.errorType } : {}) };
  } catch {
    // plain text below
  }
  const text = body.trim();
  return { message: text === '' ? `HTTP ${status} with an empty body` : text };
}
