import type { ServerResponse } from 'node:http';
import { delay, sendJson, startServer, type FakeServer, type Recorded } from './server.js';

/** One stored document: flattened ECS fields. */
export interface ElasticDoc {
  id: string;
  index: string;
  time: number; // epoch ms
  /** A `@timestamp` here is returned as it is (a value kept by `ignore_malformed`), instead of `time` formatted. */
  fields: Record<string, string>;
}

export interface ElasticState {
  flavor: 'elasticsearch' | 'opensearch';
  apiKey: string;
  username: string;
  password: string;
  docs: ElasticDoc[];
  /** Answer this many searches with 429 es_rejected_execution_exception first. */
  reject: number;
  retryAfter?: string;
  /** The PIT expires after this many searches (404 search_context_missing_exception). */
  expireAfter?: number;
  /** Report one failed shard on every page. */
  shardFailure: boolean;
  /** Search responses: 'json', 'malformed' (invalid JSON), 'cut' (socket destroyed mid-body), 'slow'. */
  body: 'json' | 'malformed' | 'cut' | 'slow';
  /** Fail the PIT close with a 500. */
  closeFails: boolean;
  /**
   * The timestamp field's mapping format, which `fields` uses when the request names no format (Elasticsearch
   * formats dates in `fields` by the mapping, in UTC). Default `strict_date_optional_time`.
   */
  timestampMapping?: 'strict_date_optional_time' | 'yyyy-MM-dd HH:mm:ss' | 'epoch_millis';
  /** Format dates in `fields` by the mapping even when the request names a format (an older or odd server). */
  ignoreFieldFormat?: boolean;
}

interface Pit {
  index: string;
  generation: number;
  searches: number;
}

const REJECTED = {
  error: {
    root_cause: [{ type: 'es_rejected_execution_exception', reason: 'rejected execution of TimedRunnable on node-1/search, queue capacity = 1000' }],
    type: 'search_phase_execution_exception', reason: 'all shards failed', phase: 'query', grouped: true,
  },
  status: 429,
};

function missing(id: string): unknown {
  return {
    error: {
      root_cause: [{ type: 'search_context_missing_exception', reason: `No search context found for id [${id.length}]` }],
      type: 'search_phase_execution_exception', reason: 'all shards failed', phase: 'query', grouped: true,
    },
    status: 404,
  };
}

function nanos(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** A date as `fields` returns it in `format` (UTC), or undefined for a format this fake does not know. */
function formatDate(ms: number, format: string): string | undefined {
  if (format === 'strict_date_optional_time_nanos') return nanos(ms);
  if (format === 'strict_date_optional_time') return new Date(ms).toISOString();
  if (format === 'yyyy-MM-dd HH:mm:ss') return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  if (format === 'epoch_millis') return String(ms);
  return undefined;
}

/** Starts a fake Elasticsearch (or OpenSearch) speaking PIT + search_after. */
export async function startFakeElastic(state: ElasticState): Promise<FakeServer & { pits: Map<string, Pit>; closed: string[] }> {
  const pits = new Map<string, Pit>();
  const closed: string[] = [];
  let nextPit = 1;
  const server = await startServer(async (req, res) => {
    const es = state.flavor === 'elasticsearch';
    const ok = (status: number, body: unknown): void => sendJson(res, status, body, es ? { 'x-elastic-product': 'Elasticsearch' } : {});
    if (!authorized(state, req, res)) return;
    const pitOpen = es ? /^\/([^/]+)\/_pit$/.exec(req.path) : /^\/([^/]+)\/_search\/point_in_time$/.exec(req.path);
    if (req.method === 'POST' && pitOpen !== null) {
      if (!req.query.has('keep_alive')) return sendJson(res, 400, { error: { root_cause: [{ type: 'action_request_validation_exception', reason: 'Validation Failed: 1: [keep_alive] is not specified;' }], type: 'action_request_validation_exception', reason: 'keep_alive missing' }, status: 400 });
      const index = decodeURIComponent(pitOpen[1]);
      const id = `pit${nextPit++}`;
      pits.set(id, { index, generation: 0, searches: 0 });
      const matched = state.docs.some((d) => matchIndex(index, d.index));
      const shards = { total: matched ? 3 : 0, successful: matched ? 3 : 0, skipped: 0, failed: 0 };
      return es ? ok(200, { id: `${id}.g0`, _shards: shards }) : ok(200, { pit_id: `${id}.g0`, _shards: shards, creation_time: Date.now() });
    }
    if (req.method === 'POST' && (req.path === '/_search' || /^\/[^/]+\/_search$/.test(req.path))) return search(state, pits, req, res, ok);
    if (req.method === 'DELETE' && req.path === (es ? '/_pit' : '/_search/point_in_time')) {
      if (state.closeFails) return sendJson(res, 500, { error: { type: 'internal', reason: 'close failed' }, status: 500 });
      const body = JSON.parse(req.body) as { id?: string; pit_id?: string[] };
      const id = (es ? body.id : body.pit_id?.[0]) ?? '';
      const key = id.split('.')[0];
      const existed = pits.delete(key);
      closed.push(id);
      if (es) return ok(existed ? 200 : 404, { succeeded: true, num_freed: existed ? 1 : 0 });
      return ok(existed ? 200 : 404, { pits: [{ successful: existed, pit_id: id }] });
    }
    sendJson(res, 405, { error: `Incorrect HTTP method for uri [${req.path}] and method [${req.method}]`, status: 405 });
  });
  return Object.assign(server, { pits, closed });
}

function authorized(state: ElasticState, req: Recorded, res: ServerResponse): boolean {
  const auth = req.headers.authorization ?? '';
  if (auth === `ApiKey ${state.apiKey}` || auth === `Basic ${Buffer.from(`${state.username}:${state.password}`).toString('base64')}`) return true;
  const challenge = ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', 'ApiKey'];
  sendJson(res, 401, {
    error: {
      root_cause: [{ type: 'security_exception', reason: `unable to authenticate with provided credentials [${auth}]`, header: { 'WWW-Authenticate': challenge } }],
      type: 'security_exception', reason: 'unable to authenticate', header: { 'WWW-Authenticate': challenge },
    },
    status: 401,
  }, { 'www-authenticate': challenge.join(', ') });
  return false;
}

function matchIndex(pattern: string, index: string): boolean {
  return pattern.split(',').some((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(index));
}

/** A tiny query_string: `field:value`, `field:"value"`, or text searched in the message. */
function matchQuery(query: string, doc: ElasticDoc): boolean {
  const term = /^([\w.@]+):"?([^"]*)"?$/.exec(query.trim());
  if (term !== null) return doc.fields[term[1]] === term[2];
  return (doc.fields.message ?? '').includes(query);
}

interface SearchBody {
  size?: number;
  from?: number;
  query?: { bool?: { filter?: Array<Record<string, any>> } };
  sort?: Array<Record<string, unknown>>;
  fields?: Array<string | { field: string; format?: string }>;
  _source?: boolean;
  pit?: { id?: string; keep_alive?: string };
  search_after?: unknown[];
}

async function search(state: ElasticState, pits: Map<string, Pit>, req: Recorded, res: ServerResponse, ok: (s: number, b: unknown) => void): Promise<void> {
  const body = JSON.parse(req.body) as SearchBody;
  if (body.pit !== undefined && req.path !== '/_search') {
    return sendJson(res, 400, { error: { root_cause: [{ type: 'action_request_validation_exception', reason: '[indices] cannot be used with point in time' }], type: 'action_request_validation_exception', reason: '[indices] cannot be used with point in time' }, status: 400 });
  }
  if ((body.from ?? 0) + (body.size ?? 10) > 10_000) {
    return sendJson(res, 400, { error: { root_cause: [{ type: 'illegal_argument_exception', reason: 'Result window is too large' }], type: 'search_phase_execution_exception', reason: 'all shards failed' }, status: 400 });
  }
  if (state.reject > 0) {
    state.reject -= 1;
    return sendJson(res, 429, REJECTED, state.retryAfter === undefined ? {} : { 'retry-after': state.retryAfter });
  }
  const [key, gen] = (body.pit?.id ?? '').split('.g');
  const pit = pits.get(key);
  // Only the newest id of a PIT is accepted, so a client that ignores rotation fails.
  if (pit === undefined || Number(gen) !== pit.generation) return sendJson(res, 404, missing(body.pit?.id ?? ''));
  pit.searches += 1;
  if (state.expireAfter !== undefined && pit.searches > state.expireAfter) {
    pits.delete(key);
    return sendJson(res, 404, missing(body.pit?.id ?? ''));
  }
  const tsField = Object.keys(body.sort?.[0] ?? {})[0] ?? '@timestamp';
  // `fields` entries: a name, or { field, format } (a date formatted as asked instead of by its mapping)
  const wanted = new Map((body.fields ?? []).map((f) => (typeof f === 'string' ? [f, undefined] : [f.field, f.format])));
  const tsFormat = (state.ignoreFieldFormat ? undefined : wanted.get('@timestamp')) ?? state.timestampMapping ?? 'strict_date_optional_time';
  if (formatDate(0, tsFormat) === undefined) {
    return sendJson(res, 400, { error: { root_cause: [{ type: 'illegal_argument_exception', reason: `Invalid format: [${tsFormat}]` }], type: 'illegal_argument_exception', reason: `Invalid format: [${tsFormat}]` }, status: 400 });
  }
  const tie = Object.keys(body.sort?.[1] ?? {})[0];
  if (state.flavor === 'opensearch' && tie === '_shard_doc') return sendJson(res, 400, { error: { root_cause: [{ type: 'query_shard_exception', reason: 'No mapping found for [_shard_doc] in order to sort on' }], type: 'search_phase_execution_exception', reason: 'all shards failed' }, status: 400 });
  let range: { gte: number; lt: number } | undefined;
  let query: string | undefined;
  for (const clause of body.query?.bool?.filter ?? []) {
    if (clause.range !== undefined) range = clause.range[tsField] as { gte: number; lt: number };
    if (clause.query_string !== undefined) query = clause.query_string.query as string;
  }
  const sortKey = (d: ElasticDoc): [string, number | string] => {
    const seq = state.docs.indexOf(d);
    return [nanos(d.time), state.flavor === 'opensearch' || tie === '_id' ? d.id : seq];
  };
  const after = body.search_after;
  const cmp = (a: [string, number | string], b: unknown[]): number => {
    if (a[0] !== String(b[0])) return a[0] < String(b[0]) ? -1 : 1;
    const x = a[1] as number;
    const y = b[1] as number;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const hits = state.docs
    .filter((d) => matchIndex(pit.index, d.index) && (range === undefined || (d.time >= range.gte && d.time < range.lt)) && (query === undefined || matchQuery(query, d)))
    .sort((a, b) => cmp(sortKey(a), sortKey(b)))
    .filter((d) => after === undefined || cmp(sortKey(d), after) > 0)
    .slice(0, body.size ?? 10)
    .map((d) => ({
      _index: d.index, _id: d.id, _score: null,
      fields: Object.fromEntries(Object.entries({ '@timestamp': formatDate(d.time, tsFormat)!, ...d.fields }).filter(([k]) => wanted.has(k)).map(([k, v]) => [k, [v]])),
      sort: sortKey(d),
    }));
  pit.generation += 1;
  const shards = { total: 3, successful: state.shardFailure ? 2 : 3, skipped: 0, failed: state.shardFailure ? 1 : 0, ...(state.shardFailure ? { failures: [{ shard: 1, index: 'logs-app', node: 'n1', reason: { type: 'no_shard_available_action_exception', reason: 'shard unavailable' } }] } : {}) };
  const response = { pit_id: `${key}.g${pit.generation}`, took: 3, timed_out: false, _shards: shards, hits: { max_score: null, hits } };
  if (state.body === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify(response).slice(0, 40));
  }
  if (state.body === 'cut') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    res.write(JSON.stringify(response).slice(0, 60));
    await delay(20);
    return void res.socket?.destroy();
  }
  if (state.body === 'slow') await delay(200);
  ok(200, response);
}
