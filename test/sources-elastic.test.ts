import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSourceError, queryElastic, type ElasticOptions, type SourceEvent } from '../src/sources/elastic.js';
import { startFakeElastic, type ElasticDoc, type ElasticState } from './fakes/elastic.js';
import { errorTexts, fakeClock, type FakeServer } from './fakes/server.js';
import { failure, readAll } from './helpers/streams.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const API_KEY = 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==';
const PASSWORD = 'elastic-pass-98765';

function doc(id: string, offset: number, message: string | undefined, level = 'info', index = 'logs-app-default'): ElasticDoc {
  const fields: Record<string, string> = { 'log.level': level, 'host.name': 'web-03', 'service.name': 'checkout', 'service.version': '1.4.2' };
  if (message !== undefined) fields.message = message;
  return { id, index, time: T0 + offset, fields };
}

const state: ElasticState = {
  flavor: 'elasticsearch', apiKey: API_KEY, username: 'reader', password: PASSWORD, docs: [], reject: 0, shardFailure: false, body: 'json', closeFails: false,
};
let server: FakeServer & { pits: Map<string, unknown>; closed: string[] };
let logs: string[];

beforeAll(async () => {
  server = await startFakeElastic(state);
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.closed.length = 0;
  logs = [];
  Object.assign(state, { flavor: 'elasticsearch', reject: 0, retryAfter: undefined, expireAfter: undefined, shardFailure: false, body: 'json', closeFails: false });
  state.docs = [
    doc('a', -1, 'before the window'),
    doc('b', 0, 'service started'),
    doc('c', 1002, 'retry 2/3', 'warn'),
    doc('d', 1002, 'retry 3/3', 'warn'), // same timestamp: only the tie-breaker orders these
    doc('e', 1002, 'gave up', 'error'),
    doc('f', 4512, 'payment declined order=991', 'error'),
    doc('g', 3_600_000, 'at the exclusive end'),
  ];
});

function options(overrides: Partial<ElasticOptions> = {}): ElasticOptions {
  return {
    url: server.url, index: 'logs-app-*', from: T0, to: T0 + 3_600_000, apiKey: API_KEY, env: {}, pageSize: 2,
    clock: fakeClock(), random: () => 0.5, log: (m) => logs.push(m), ...overrides,
  };
}

const searches = (): Array<Record<string, any>> => server.requests.filter((r) => r.path === '/_search').map((r) => JSON.parse(r.body));

describe('queryElastic', () => {
  it('pages through every hit of [from, to) with a point in time and search_after, then closes the point in time', async () => {
    const stream = queryElastic(options());
    const events = await readAll(stream);
    expect(events.map((e) => e.raw)).toEqual(['service started', 'retry 2/3', 'retry 3/3', 'gave up', 'payment declined order=991']);
    expect(events[4]).toMatchObject({ timestamp: T0 + 4512, level: 'error', host: 'web-03', service: 'checkout', version: '1.4.2' });
    expect(events[4].fields['service.name']).toBe('checkout');
    expect(searches()).toHaveLength(3);
    expect(server.closed).toEqual([expect.stringMatching(/^pit\d+\.g3$/)]); // the newest rotated id
    expect(server.pits.size).toBe(0);
    expect(stream.summary).toMatchObject({ platform: 'elastic', events: 5, truncated: false, partial: false, complete: true, requests: 5 });
  });

  it('sends the window as a gte/lt epoch_millis range, fields with _source false, the newest PIT id and an ApiKey header', async () => {
    await readAll(queryElastic(options({ query: 'log.level:warn' })));
    const open = server.requests[0];
    expect(open.method).toBe('POST');
    expect(open.path).toBe('/logs-app-*/_pit');
    expect(open.query.get('keep_alive')).toBe('2m');
    expect(open.headers.authorization).toBe(`ApiKey ${API_KEY}`);
    const [first, second] = searches();
    expect(first.query.bool.filter).toEqual([
      { range: { '@timestamp': { gte: T0, lt: T0 + 3_600_000, format: 'epoch_millis' } } },
      { query_string: { query: 'log.level:warn', default_field: 'message' } },
    ]);
    expect(first).toMatchObject({ _source: false, track_total_hits: false, size: 2, pit: { id: expect.stringMatching(/\.g0$/), keep_alive: '2m' } });
    expect(first.fields).toEqual(expect.arrayContaining([{ field: '@timestamp', format: 'strict_date_optional_time_nanos' }, 'message', 'log.level', 'host.name', 'service.version']));
    expect(first.sort).toEqual([{ '@timestamp': { order: 'asc', format: 'strict_date_optional_time_nanos' } }]);
    expect(second.pit.id).toBe(first.pit.id.replace('.g0', '.g1'));
    expect(second.search_after).toEqual(['2024-05-01T10:00:01.002000000Z', 3]);
  });

  it('reads timestamps in UTC whatever the mapping format and the machine\'s time zone, and counts those it cannot read', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const times = async () => (await readAll(queryElastic(options()))).map((e) => e.timestamp);
      const expected = state.docs.map((d) => d.time).filter((t) => t >= T0 && t < T0 + 3_600_000).sort((a, b) => a - b);
      for (const mapping of ['yyyy-MM-dd HH:mm:ss', 'epoch_millis'] as const) {
        state.timestampMapping = mapping;
        expect(await times()).toEqual(expected); // the format the request names
        state.ignoreFieldFormat = true; // a server that formats by the mapping anyway: second precision, read as UTC
        expect(await times()).toEqual(mapping === 'epoch_millis' ? expected : expected.map((t) => t - (t % 1000)));
        state.ignoreFieldFormat = false;
      }
      state.docs = [{ id: 'x', index: 'logs-app-default', time: T0 + 5, fields: { message: 'no time', '@timestamp': 'yesterday' } }];
      const stream = queryElastic(options());
      const events = await readAll(stream);
      expect(events).toHaveLength(1);
      expect(events[0]!.timestamp).toBeUndefined();
      expect(stream.summary.warnings.join('\n')).toContain('1 event had no readable "@timestamp"; it is kept without a timestamp');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('uses configurable field names and an object query clause', async () => {
    state.docs = [{ id: 'x', index: 'logs-app-default', time: T0 + 5, fields: { 'event.original': 'raw line', lvl: 'E', message: 'parsed' } }];
    const events = await readAll(queryElastic(options({ messageField: 'event.original', fieldMap: { level: 'lvl' }, query: { match_all: {} } })));
    expect(events).toEqual([expect.objectContaining({ raw: 'raw line', level: 'E' })]);
    expect(searches()[0].query.bool.filter[1]).toEqual({ match_all: {} });
  });

  it('reads basic-auth credentials from ELASTIC_USERNAME and ELASTIC_PASSWORD', async () => {
    const { apiKey: _omit, ...rest } = options();
    await readAll(queryElastic({ ...rest, env: { ELASTIC_USERNAME: 'reader', ELASTIC_PASSWORD: PASSWORD } }));
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`reader:${PASSWORD}`).toString('base64')}`);
  });

  it('sends basic auth, not ELASTIC_API_KEY, when the options give a user name', async () => {
    const { apiKey: _omit, ...rest } = options();
    await readAll(queryElastic({ ...rest, username: 'reader', env: { ELASTIC_API_KEY: 'key-meant-for-another-cluster', ELASTIC_PASSWORD: PASSWORD } }));
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`reader:${PASSWORD}`).toString('base64')}`);
  });

  it('speaks the OpenSearch point-in-time endpoints with an _id tie-breaker when flavor is opensearch', async () => {
    state.flavor = 'opensearch';
    const stream = queryElastic(options({ flavor: 'opensearch' }));
    expect((await readAll(stream)).map((e) => e.raw)).toEqual(['service started', 'retry 2/3', 'retry 3/3', 'gave up', 'payment declined order=991']);
    expect(server.requests[0].path).toBe('/logs-app-*/_search/point_in_time');
    expect(searches()[0].sort[1]).toEqual({ _id: 'asc' });
    const close = server.requests.at(-1)!;
    expect([close.method, close.path, JSON.parse(close.body)]).toEqual(['DELETE', '/_search/point_in_time', { pit_id: [expect.stringMatching(/\.g3$/)] }]);
    expect(stream.summary.platform).toBe('opensearch');
  });

  it('retries a 429 rejection with backoff and honours Retry-After', async () => {
    state.reject = 2;
    const clock = fakeClock();
    expect(await readAll(queryElastic(options({ clock })))).toHaveLength(5);
    expect(clock.sleeps).toEqual([375, 750]);
    state.reject = 1;
    state.retryAfter = 'Wed, 01 May 2024 10:00:02 GMT';
    const clock2 = fakeClock();
    const at = Date.parse('Wed, 01 May 2024 10:00:00 GMT');
    await readAll(queryElastic(options({ clock: { now: () => at, sleep: clock2.sleep } })));
    expect(clock2.sleeps).toEqual([2000]);
  });

  it('fails with E_SOURCE_EXPIRED when the point in time expires between pages, and still closes it', async () => {
    state.expireAfter = 1;
    const error = await failure(queryElastic(options()));
    expect(error).toMatchObject({ code: 'E_SOURCE_EXPIRED', status: 404, platformCode: 'search_context_missing_exception' });
    expect(server.closed).toEqual([expect.stringMatching(/\.g1$/)]);
  });

  it('marks the result partial when shards fail', async () => {
    state.shardFailure = true;
    const stream = queryElastic(options());
    await readAll(stream);
    expect(stream.summary.partial).toBe(true);
    expect(stream.summary.warnings).toEqual([expect.stringContaining('no_shard_available_action_exception')]);
  });

  it('fails on malformed JSON and on a body cut in the middle, closing the point in time both times', async () => {
    state.body = 'malformed';
    expect(await failure(queryElastic(options()))).toMatchObject({ code: 'E_SOURCE_PROTOCOL' });
    expect(server.closed).toHaveLength(1);
    state.body = 'cut';
    expect(await failure(queryElastic(options()))).toMatchObject({ code: 'E_SOURCE_NETWORK' });
    expect(server.closed).toHaveLength(2);
  });

  it('closes the point in time when aborted mid-way', async () => {
    const controller = new AbortController();
    state.body = 'slow';
    const stream = queryElastic(options({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await failure(stream)).toMatchObject({ code: 'E_SOURCE_ABORTED' });
    expect(server.closed).toHaveLength(1);
    expect(server.pits.size).toBe(0);
  });

  it('closes the point in time when the caller stops early', async () => {
    for await (const event of queryElastic(options())) {
      expect(event.raw).toBe('service started');
      break;
    }
    expect(server.closed).toHaveLength(1);
  });

  it('stops at maxEvents, asks for no more than needed, and reports the truncation', async () => {
    const stream = queryElastic(options({ maxEvents: 3, pageSize: 1000 }));
    expect(await readAll(stream)).toHaveLength(3);
    expect(searches()[0].size).toBe(4);
    expect(stream.summary).toMatchObject({ truncated: true, events: 3 });
    expect(server.closed).toHaveLength(1);
  });

  it('warns instead of failing when closing the point in time fails', async () => {
    state.closeFails = true;
    const stream = queryElastic(options());
    expect(await readAll(stream)).toHaveLength(5);
    expect(stream.summary.warnings.join()).toContain('closing the point in time failed');
  });

  it('says that no index matched instead of reporting an empty window silently', async () => {
    const stream = queryElastic(options({ index: 'logs-nope-*' }));
    expect(await readAll(stream)).toEqual([]);
    expect(stream.summary.warnings.join()).toContain('no index matched');
  });

  it('counts hits without the message field instead of dropping them silently', async () => {
    state.docs.push(doc('h', 50, undefined));
    const stream = queryElastic(options());
    expect(await readAll(stream)).toHaveLength(5);
    expect(stream.summary.warnings).toEqual([expect.stringContaining('1 hit had no "message" field and was skipped')]);
  });

  it('answers a rejected key with an auth error that contains neither the key nor the password, nor do the logs', async () => {
    const error = await failure(queryElastic(options({ apiKey: 'bm90LWEtcmVhbC1rZXk6c2VjcmV0LXZhbHVl' })));
    expect(isSourceError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'E_SOURCE_AUTH', status: 401, platformCode: 'security_exception' });
    expect(errorTexts(error)).not.toContain('bm90LWEtcmVhbC1rZXk6c2VjcmV0LXZhbHVl');
    const { apiKey: _omit, ...rest } = options();
    const error2 = await failure(queryElastic({ ...rest, username: 'reader', password: 'wrong-password-555' }));
    expect(errorTexts(error2)).not.toContain(Buffer.from('reader:wrong-password-555').toString('base64'));
    expect(logs.join('\n')).not.toMatch(/wrong-password-555|bm90LWEtcmVhbC1rZXk|cmVhZGVyOndyb25n/);
  });

  it('reads an error whose body holds a plain string, and a 400 for a tie-breaker OpenSearch cannot sort on', async () => {
    const wrongFlavor = await failure(queryElastic(options({ flavor: 'opensearch' }))); // an Elasticsearch has no /_search/point_in_time
    expect(wrongFlavor).toMatchObject({ code: 'E_SOURCE_HTTP', status: 405, message: expect.stringContaining('Incorrect HTTP method') });
    state.flavor = 'opensearch';
    const noShardDoc = await failure(queryElastic(options({ flavor: 'opensearch', tieBreaker: '_shard_doc' })));
    expect(noShardDoc).toMatchObject({ code: 'E_SOURCE_HTTP', status: 400, platformCode: 'query_shard_exception' });
    expect(server.closed).toHaveLength(1);
  });

  it('refuses to start without credentials or with an invalid page size', () => {
    const { apiKey: _omit, ...rest } = options();
    expect(() => queryElastic(rest)).toThrow(expect.objectContaining({ code: 'E_SOURCE_CREDENTIALS' }));
    expect(() => queryElastic(options({ pageSize: 20_000 }))).toThrow(/pageSize/);
  });
});
