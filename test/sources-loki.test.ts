import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryLoki, type LokiOptions, type SourceEvent } from '../src/sources/loki.js';
import { startFakeLoki, type LokiEntry, type LokiState } from './fakes/loki.js';
import { errorTexts, fakeClock, type FakeServer } from './fakes/server.js';
import { failure, readAll } from './helpers/streams.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const NS = BigInt(T0) * 1_000_000n;
const TOKEN = 'loki-token-5e6f7a8b9c';

const state: LokiState = { entries: [], throttle: 0, body: 'json' };
let server: FakeServer;
let logs: string[];

function entry(offsetNs: bigint, line: string, app = 'checkout', level = 'info'): LokiEntry {
  return { ts: NS + offsetNs, line, stream: { app, level, host: 'web-03', version: '1.4.2' } };
}

beforeAll(async () => {
  server = await startFakeLoki(state);
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
  logs = [];
  Object.assign(state, { token: undefined, tenant: undefined, throttle: 0, retryAfter: undefined, body: 'json' });
  state.entries = [
    entry(-1n, 'before the window'),
    entry(0n, 'started'),
    entry(5n, 'a at 5', 'checkout'),
    entry(5n, 'b at 5', 'checkout'),
    entry(5n, 'a at 5', 'payments'), // same line and time, other stream: a distinct entry
    entry(9n, 'c at 9'),
    entry(1_000_000_000n, 'one second in', 'payments', 'error'),
    entry(3_600_000_000_000n, 'at the exclusive end'),
  ];
});

function options(overrides: Partial<LokiOptions> = {}): LokiOptions {
  return { url: server.url, query: '{app=~".+"}', from: T0, to: T0 + 3_600_000, env: {}, batchSize: 2, clock: fakeClock(), random: () => 0.5, log: (m) => logs.push(m), ...overrides };
}

describe('queryLoki', () => {
  it('pages forward by time through [from, to), keeping entries that share a timestamp exactly once', async () => {
    const stream = queryLoki(options());
    const events = await readAll(stream);
    expect(events.map((e) => `${e.fields.app}:${e.raw}`).sort()).toEqual(
      ['checkout:started', 'checkout:a at 5', 'checkout:b at 5', 'payments:a at 5', 'checkout:c at 9', 'payments:one second in'].sort(),
    );
    expect(events.at(-1)).toMatchObject({ timestamp: T0 + 1000, level: 'error', host: 'web-03', version: '1.4.2' });
    expect(stream.summary).toMatchObject({ platform: 'loki', events: 6, complete: true, truncated: false });
  });

  it('sends the window as nanosecond strings, forward direction, and the last timestamp seen as the next start', async () => {
    await readAll(queryLoki(options()));
    const sent = server.requests.map((r) => Object.fromEntries(r.query));
    expect(sent[0]).toEqual({ query: '{app=~".+"}', start: NS.toString(), end: (NS + 3_600_000_000_000n).toString(), limit: '2', direction: 'forward' });
    expect(sent.map((q) => [BigInt(q.start) - NS, q.limit])).toEqual([[0n, '2'], [5n, '3'], [5n, '5'], [1_000_000_000n, '3']]);
  });

  it('pages past more entries at one timestamp than the batch size', async () => {
    state.entries = [entry(1n, 'x'), entry(1n, 'y'), entry(1n, 'z'), entry(1n, 'w'), entry(2n, 'v')];
    expect((await readAll(queryLoki(options()))).map((e) => e.raw).sort()).toEqual(['v', 'w', 'x', 'y', 'z']);
  });

  it('fails clearly instead of looping when more entries share a timestamp than one request may return', async () => {
    state.entries = Array.from({ length: 5001 }, (_, i) => entry(1n, `line ${i}`));
    const stream = queryLoki(options({ batchSize: 5000 }));
    expect(await failure(stream)).toMatchObject({ code: 'E_SOURCE_PROTOCOL', message: expect.stringContaining('share one timestamp') });
    expect(stream.summary.events).toBe(5000);
  });

  it('sends LOKI_TOKEN as a bearer token and the tenant as X-Scope-OrgID', async () => {
    state.token = TOKEN;
    state.tenant = 'team-a|team-b';
    expect(await readAll(queryLoki(options({ env: { LOKI_TOKEN: TOKEN }, tenant: 'team-a|team-b' })))).toHaveLength(6);
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('sends basic auth with a username (Grafana Cloud)', async () => {
    await readAll(queryLoki(options({ username: '123456', token: TOKEN, batchSize: 100 })));
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`123456:${TOKEN}`).toString('base64')}`);
  });

  it('refuses a username without a token instead of sending no credentials', () => {
    expect(() => queryLoki(options({ username: '123456' }))).toThrow(/username/);
  });

  it('retries a plain-text 429 and honours Retry-After', async () => {
    state.throttle = 2;
    state.retryAfter = '1';
    const clock = fakeClock();
    expect(await readAll(queryLoki(options({ clock })))).toHaveLength(6);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('reports a plain-text error body, a metric query, malformed JSON and a cut body as typed errors', async () => {
    state.tenant = 'team-a';
    expect(await failure(queryLoki(options()))).toMatchObject({ code: 'E_SOURCE_AUTH', message: expect.stringContaining('no org id') });
    delete state.tenant;
    state.body = 'matrix';
    expect(await failure(queryLoki(options()))).toMatchObject({ code: 'E_SOURCE_QUERY' });
    state.body = 'malformed';
    expect(await failure(queryLoki(options()))).toMatchObject({ code: 'E_SOURCE_PROTOCOL' });
    state.body = 'cut';
    expect(await failure(queryLoki(options()))).toMatchObject({ code: 'E_SOURCE_NETWORK' });
  });

  it('stops at maxEvents and reports the truncation', async () => {
    const stream = queryLoki(options({ maxEvents: 3, batchSize: 100 }));
    expect(await readAll(stream)).toHaveLength(3);
    expect(server.requests[0].query.get('limit')).toBe('4');
    expect(stream.summary.truncated).toBe(true);
    expect(stream.summary.warnings.join()).toContain('the latest part of the window is missing');
  });

  it('aborts mid-way with a typed error', async () => {
    state.body = 'slow';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    expect(await failure(queryLoki(options({ signal: controller.signal })))).toMatchObject({ code: 'E_SOURCE_ABORTED' });
  });

  it('keeps a rejected token out of errors and logs even when Loki echoes it', async () => {
    state.token = TOKEN;
    const error = await failure(queryLoki(options({ token: 'not-the-token-4242' })));
    expect(error).toMatchObject({ code: 'E_SOURCE_AUTH', status: 401 });
    expect(errorTexts(error)).not.toContain('not-the-token-4242');
    expect(logs.join('\n')).not.toContain('not-the-token-4242');
  });

  it('refuses a batch size above Loki\'s per-query limit', () => {
    expect(() => queryLoki(options({ batchSize: 6000 }))).toThrow(/batchSize/);
    expect(() => queryLoki(options({ batchSize: 300, maxEntriesPerQuery: 200 }))).toThrow(/batchSize/);
    expect(() => queryLoki(options({ maxEntriesPerQuery: 0 }))).toThrow(/maxEntriesPerQuery/);
  });

  it('never asks for more than maxEntriesPerQuery, ties at the page boundary included', async () => {
    state.maxEntries = 4;
    state.entries = [entry(1n, 'p'), entry(2n, 'q'), entry(3n, 'r'), entry(3n, 's'), entry(4n, 't'), entry(5n, 'u')];
    const events = await readAll(queryLoki(options({ batchSize: 4, maxEntriesPerQuery: 4 })));
    expect(events.map((e) => e.raw)).toEqual(['p', 'q', 'r', 's', 't', 'u']);
    expect(server.requests.every((r) => Number(r.query.get('limit')) <= 4)).toBe(true);
  });

  it('caps its requests at the limit a 400 names when the server allows fewer entries than assumed, with a warning', async () => {
    state.maxEntries = 3;
    state.entries = Array.from({ length: 8 }, (_, i) => entry(BigInt(1 + (i >> 1)), `line ${i}`)); // two entries a timestamp
    const stream = queryLoki(options({ batchSize: 3 }));
    expect((await readAll(stream)).map((e) => e.raw)).toEqual(Array.from({ length: 8 }, (_, i) => `line ${i}`));
    const limits = server.requests.map((r) => Number(r.query.get('limit')));
    expect(limits.filter((l) => l > 3)).toHaveLength(1); // the one refused request
    expect(stream.summary.complete).toBe(true);
    expect(stream.summary.warnings.join('\n')).toContain('max_entries_limit_per_query is 3');
  });
});
