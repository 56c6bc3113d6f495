/**
 * Elasticsearch and OpenSearch adapter (`logsift/elastic`): reads the events of a time window with a
 * point in time and `search_after` paging.
 * @packageDocumentation
 */
import { UsageError } from '../errors/UsageError.js';
import { describeElasticError, elasticEvent, elasticSearchBody, type ElasticFieldNames } from './elastic-query.js';
import { HttpClient, basicAuth, parseBaseUrl } from './http.js';
import { SourceError } from './SourceError.js';
import { createSourceEvents, credential, nonEmpty, resolveMaxEvents, resolveWindow, type SourceContext } from './stream.js';
import type { FieldMap, SourceEvents, SourceOptions } from './types.js';

export { SourceError, isSourceError } from './SourceError.js';
export type { SourceErrorCode, SourceErrorDetails } from './SourceError.js';
export { fetchWithCa } from './tls.js';
export type * from './types.js';

/**
 * Options of {@link queryElastic}. Credentials: `apiKey`, else `username` + `password` (also from the URL's
 * user info; the password may come from `ELASTIC_PASSWORD`), else `ELASTIC_API_KEY`, else `ELASTIC_USERNAME` +
 * `ELASTIC_PASSWORD`: the environment's API key is read only when the options give neither key nor user name.
 *
 * @example
 * ```ts
 * const options: ElasticOptions = {
 *   url: 'https://es.example.com:9200',
 *   index: 'logs-checkout-*',
 *   query: 'service.version:"1.4.2"',
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 * };
 * ```
 */
export interface ElasticOptions extends SourceOptions {
  /** Cluster URL, e.g. `https://es.example.com:9200`. */
  url: string;
  /** Index, alias, data stream or pattern (e.g. `logs-*-*`). */
  index: string;
  /** A `query_string` query, or any query clause as an object; the window filter is always added. */
  query?: string | Record<string, unknown>;
  /** API key (`encoded` value). Default: `ELASTIC_API_KEY`. */
  apiKey?: string;
  /** Basic-auth user. Default: `ELASTIC_USERNAME`. */
  username?: string;
  /** Basic-auth password. Default: `ELASTIC_PASSWORD`. */
  password?: string;
  /** `elasticsearch` (default) or `opensearch` (its `/_search/point_in_time` endpoints). */
  flavor?: 'elasticsearch' | 'opensearch';
  /** Hits per page, at most 10 000. Default 1000. */
  pageSize?: number;
  /** How long the point in time lives between two pages. Default `2m`. */
  keepAlive?: string;
  /** Timestamp field. Default `@timestamp`. */
  timestampField?: string;
  /** Field holding the log line. Default `message` (use `event.original` if you keep it). */
  messageField?: string;
  /** Fields mapped to level/host/service/version. Default ECS: `log.level`, `host.name`, `service.name`, `service.version`. */
  fieldMap?: FieldMap;
  /** More fields to return in `event.fields`. */
  fields?: string[];
  /**
   * A unique field sorted on after the timestamp. Default none for Elasticsearch (it adds the implicit
   * `_shard_doc`), `_id` for OpenSearch (no `_shard_doc` before 3.3).
   */
  tieBreaker?: string;
}

/**
 * Defaults of {@link ElasticOptions}.
 *
 * @example
 * ```ts
 * queryElastic({ ...options, fieldMap: { ...elasticDefaults.fieldMap, level: 'severity' } });
 * ```
 */
export const elasticDefaults = {
  flavor: 'elasticsearch',
  pageSize: 1000,
  keepAlive: '2m',
  timestampField: '@timestamp',
  messageField: 'message',
  fieldMap: { level: 'log.level', host: 'host.name', service: 'service.name', version: 'service.version' },
} as const;

/**
 * Reads the events of [from, to) from Elasticsearch or OpenSearch: opens a point in time, pages with
 * `search_after` (always sending the newest PIT id), asks for `fields` with `_source: false`, and closes
 * the PIT in `finally`, also after an error or an abort. Shard failures and timeouts mark the result
 * partial; an expired PIT is an `E_SOURCE_EXPIRED` error.
 *
 * @example
 * ```ts
 * import { queryElastic } from 'logsift/elastic';
 * const events = queryElastic({
 *   url: 'https://es.example.com:9200',
 *   index: 'logs-checkout-*',
 *   query: 'service.version:"1.4.2"',
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 * }); // credentials from ELASTIC_API_KEY
 * for await (const event of events) console.log(event.level, event.raw);
 * ```
 */
export function queryElastic(options: ElasticOptions): SourceEvents {
  const window = resolveWindow(options.from, options.to);
  const maxEvents = resolveMaxEvents(options.maxEvents);
  const base = parseBaseUrl(options.url, 'elastic');
  const flavor = options.flavor ?? elasticDefaults.flavor;
  const platform = flavor === 'opensearch' ? 'opensearch' : 'elastic';
  if (flavor !== 'elasticsearch' && flavor !== 'opensearch') throw new UsageError('flavor must be elasticsearch or opensearch', 'E_USAGE');
  if (options.index.trim() === '' || options.index.startsWith('_')) throw new UsageError('`index` must name an index, alias, data stream or pattern', 'E_USAGE');
  const pageSize = options.pageSize ?? elasticDefaults.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) throw new UsageError('`pageSize` must be an integer from 1 to 10000', 'E_USAGE');
  const env = options.env ?? process.env;
  // A credential given in the options (or the URL) wins over the environment: an explicit user name means basic
  // auth, so ELASTIC_API_KEY is not read then (its key, meant for one cluster, is not sent to another).
  const givenUser = options.username ?? base.username;
  const givenPassword = options.password ?? base.password;
  const basic = nonEmpty(givenUser) && !nonEmpty(options.apiKey);
  const apiKey = basic ? undefined : credential(options.apiKey, env, 'ELASTIC_API_KEY');
  const username = apiKey !== undefined ? undefined : credential(givenUser, env, 'ELASTIC_USERNAME');
  const password = apiKey !== undefined ? undefined : credential(givenPassword, env, 'ELASTIC_PASSWORD');
  if (apiKey === undefined && (username === undefined || password === undefined)) {
    throw new SourceError('Elasticsearch: no credentials: set ELASTIC_API_KEY, or ELASTIC_USERNAME and ELASTIC_PASSWORD', 'E_SOURCE_CREDENTIALS', { platform });
  }
  const authorization = apiKey !== undefined ? `ApiKey ${apiKey}` : basicAuth(username ?? '', password ?? '');
  const names: ElasticFieldNames = {
    timestamp: options.timestampField ?? elasticDefaults.timestampField,
    message: options.messageField ?? elasticDefaults.messageField,
    map: { ...elasticDefaults.fieldMap, ...options.fieldMap },
    extra: options.fields ?? [],
  };
  const keepAlive = options.keepAlive ?? elasticDefaults.keepAlive;
  const tieBreaker = options.tieBreaker ?? (flavor === 'opensearch' ? '_id' : undefined);
  const secrets = [apiKey, password, username !== undefined && password !== undefined ? `${username}:${password}` : undefined].filter(
    (s): s is string => s !== undefined && s !== '',
  );

  return createSourceEvents(platform, maxEvents, options.signal, async function* (ctx: SourceContext) {
    const http = new HttpClient({
      platform,
      baseUrl: base.url,
      options,
      summary: ctx.summary,
      secrets,
      headers: () => ({ authorization, accept: 'application/json', 'content-type': 'application/json' }),
      describe: describeElasticError,
    });
    const target = options.index.split(',').map(encodeURIComponent).join(',');
    const open = flavor === 'opensearch' ? { method: 'POST' as const, path: `/${target}/_search/point_in_time` } : { method: 'POST' as const, path: `/${target}/_pit` };
    // Opening a PIT holds resources: not resent after an ambiguous network error.
    const opened = await http.json<{ id?: unknown; pit_id?: unknown; _shards?: { total?: number } }>(
      await http.request({ ...open, query: { keep_alive: keepAlive }, idempotent: false }),
      open,
    );
    const openedId = flavor === 'opensearch' ? opened.pit_id : opened.id;
    if (typeof openedId !== 'string' || openedId === '') throw http.error('opening the point in time returned no id', 'E_SOURCE_PROTOCOL', open);
    let pitId: string = openedId;
    if (opened._shards?.total === 0) ctx.warn(`no index matched ${JSON.stringify(options.index)}: the window holds no data, which is not the same as no errors`);
    let skipped = 0;
    let untimed = 0;
    const partialReasons = new Set<string>();
    try {
      let searchAfter: unknown[] | undefined;
      for (;;) {
        const size = Math.min(pageSize, ctx.wanted());
        const search = { method: 'POST' as const, path: '/_search' };
        const body = elasticSearchBody({ window, query: options.query, names, size, pitId, keepAlive, tieBreaker, searchAfter });
        const page = await http.json<SearchResponse>(await http.request({ ...search, body: JSON.stringify(body), idempotent: true }), search);
        if (typeof page.pit_id === 'string' && page.pit_id !== '') pitId = page.pit_id;
        notePartial(page, partialReasons, ctx, http);
        const hits = page.hits?.hits;
        if (!Array.isArray(hits)) throw http.error('the search response has no hits.hits array', 'E_SOURCE_PROTOCOL', search);
        for (const hit of hits) {
          const event = elasticEvent(hit.fields ?? {}, names);
          if (event === undefined) skipped += 1;
          else {
            if (event.timestamp === undefined) untimed += 1;
            yield event;
          }
        }
        if (hits.length < size) break;
        const last = hits[hits.length - 1].sort;
        if (!Array.isArray(last)) throw http.error('a hit has no sort values; cannot page with search_after', 'E_SOURCE_PROTOCOL', search);
        if (last.some((v) => typeof v === 'number' && !Number.isSafeInteger(v) && Number.isInteger(v))) {
          throw http.error('a sort value exceeds 2^53 and would be rounded; set tieBreaker to a field with small values', 'E_SOURCE_PROTOCOL', search);
        }
        searchAfter = last;
      }
    } finally {
      if (skipped > 0) ctx.warn(`${skipped} ${skipped === 1 ? 'hit had' : 'hits had'} no ${JSON.stringify(names.message)} field and ${skipped === 1 ? 'was' : 'were'} skipped; set messageField`);
      if (untimed > 0) ctx.warn(`${untimed} ${untimed === 1 ? 'event' : 'events'} had no readable ${JSON.stringify(names.timestamp)}; ${untimed === 1 ? 'it is' : 'they are'} kept without a timestamp`);
      await closePit(http, ctx, flavor, pitId);
    }
  });
}

interface SearchResponse {
  pit_id?: unknown;
  timed_out?: boolean;
  _shards?: { failed?: number; failures?: Array<{ reason?: { type?: string; reason?: string } }> };
  hits?: { hits?: Array<{ fields?: Record<string, unknown>; sort?: unknown[] }> };
}

function notePartial(page: SearchResponse, reasons: Set<string>, ctx: SourceContext, http: HttpClient): void {
  if (page.timed_out === true && !reasons.has('timeout')) {
    reasons.add('timeout');
    ctx.partial('a search page timed out: results are partial');
  }
  const failed = page._shards?.failed ?? 0;
  if (failed > 0) {
    const reason = page._shards?.failures?.[0]?.reason;
    const key = `${reason?.type ?? 'shard failure'}`;
    if (!reasons.has(key)) {
      reasons.add(key);
      ctx.partial(http.redact(`${failed} shard(s) failed (${key}: ${reason?.reason ?? 'no reason given'}): results are partial`));
    }
  }
}

async function closePit(http: HttpClient, ctx: SourceContext, flavor: 'elasticsearch' | 'opensearch', pitId: string): Promise<void> {
  const close = flavor === 'opensearch'
    ? { method: 'DELETE' as const, path: '/_search/point_in_time', body: JSON.stringify({ pit_id: [pitId] }) }
    : { method: 'DELETE' as const, path: '/_pit', body: JSON.stringify({ id: pitId }) };
  try {
    // 404: already expired, which is what closing wanted.
    const response = await http.request({ ...close, idempotent: true, cleanup: true, accept: [404] });
    await response.body?.cancel();
  } catch (error) {
    ctx.warn(`closing the point in time failed (${(error as Error).message}); it expires by itself after keepAlive`);
  }
}
