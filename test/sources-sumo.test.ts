import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { querySumo, sumoEndpoint, type SourceEvent, type SumoOptions } from '../src/sources/sumo.js';
import { isUsageError } from '../src/index.js';
import { startFakeSumo, type SumoState } from './fakes/sumo.js';
import { delay, errorTexts, fakeClock, startServer, type FakeServer } from './fakes/server.js';
import { failure, readAll } from './helpers/streams.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const ACCESS_ID = 'suABCDEFGH1234';
const ACCESS_KEY = 'sumo-access-key-0123456789abcdef';

const state: SumoState = {
  accessId: ACCESS_ID, accessKey: ACCESS_KEY, messages: [], pollsToDone: 2, cancel: false, idleMs: 60_000, pageBytes: 1e8, rateLimit: false, throttle: 0, throttled: 0,
};
let server: Awaited<ReturnType<typeof startFakeSumo>>;
let logs: string[];

beforeAll(async () => {
  server = await startFakeSumo(state);
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.deleted.length = 0;
  logs = [];
  Object.assign(state, {
    pollsToDone: 2, cancel: false, idleMs: 60_000, pageBytes: 1e8, rateLimit: false, throttle: 0, throttled: 0,
    forcePauseAt: undefined, pendingError: undefined, pendingWarning: undefined, retryAfter: undefined, redirectTo: undefined, countAs: 'number',
  });
  state.messages = [
    { time: T0 - 1, raw: 'before the window', host: 'web-01' },
    ...Array.from({ length: 7 }, (_, i) => ({ time: T0 + i * 1000, raw: `line ${i} ${'x'.repeat(10)}`, host: `web-0${i % 3}`, level: i % 2 === 0 ? 'INFO' : 'ERROR' })),
    { time: T0 + 3_600_000, raw: 'at the exclusive end', host: 'web-01' },
  ];
});

function options(overrides: Partial<SumoOptions> = {}): SumoOptions {
  return {
    url: server.url, query: '_sourceCategory=prod/checkout', from: T0, to: T0 + 3_600_000, accessId: ACCESS_ID, accessKey: ACCESS_KEY,
    env: {}, clock: fakeClock(), random: () => 0.5, log: (m) => logs.push(m), ...overrides,
  };
}

describe('querySumo', () => {
  it('creates a job for the exact window, polls it, pages the messages, and deletes the job', async () => {
    const stream = querySumo(options());
    const events = await readAll(stream);
    expect(events.map((e) => e.raw)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `line ${i} ${'x'.repeat(10)}`)); // newest first, as Sumo sends them
    expect(events[0]).toMatchObject({ timestamp: T0 + 6000, host: 'web-00', level: 'INFO' });
    expect(events[0].fields._sourcecategory).toBe('prod/checkout');
    const [create] = server.requests;
    expect([create.method, create.path, create.headers['content-type']]).toEqual(['POST', '/api/v1/search/jobs', 'application/json']);
    expect(JSON.parse(create.body)).toEqual({ query: '_sourceCategory=prod/checkout', from: T0, to: T0 + 3_600_000, timeZone: 'UTC', byReceiptTime: false, autoParsingMode: 'Manual' });
    expect(server.requests.map((r) => `${r.method} ${r.path.replace(/[A-F0-9]{16}/, 'ID')}`)).toEqual([
      'POST /api/v1/search/jobs', 'GET /api/v1/search/jobs/ID', 'GET /api/v1/search/jobs/ID', 'GET /api/v1/search/jobs/ID',
      'GET /api/v1/search/jobs/ID/messages', 'DELETE /api/v1/search/jobs/ID',
    ]);
    expect(server.jobs.size).toBe(0);
    expect(stream.summary).toMatchObject({ platform: 'sumo', events: 7, partial: false, truncated: false, complete: true, requests: 6 });
  });

  it('sends basic auth and both session cookies on every later call of the job', async () => {
    await readAll(querySumo(options()));
    const basic = `Basic ${Buffer.from(`${ACCESS_ID}:${ACCESS_KEY}`).toString('base64')}`;
    expect(server.requests.every((r) => r.headers.authorization === basic)).toBe(true);
    for (const later of server.requests.slice(1)) expect(later.headers.cookie).toMatch(/^AWSALB=[^;]+; JSESSIONID=node0abc$/);
  });

  it('advances by what each page really returned when pages come back short', async () => {
    state.pageBytes = 35; // two messages per page
    const events = await readAll(querySumo(options({ pageSize: 5 })));
    expect(events).toHaveLength(7);
    const pages = server.requests.filter((r) => r.path.endsWith('/messages')).map((r) => `${r.query.get('offset')}+${r.query.get('limit')}`);
    expect(pages).toEqual(['0+5', '2+5', '4+3', '6+1']);
  });

  it('reads the credentials from SUMO_ACCESS_ID and SUMO_ACCESS_KEY', async () => {
    const { accessId: _a, accessKey: _k, ...rest } = options();
    expect(await readAll(querySumo({ ...rest, env: { SUMO_ACCESS_ID: ACCESS_ID, SUMO_ACCESS_KEY: ACCESS_KEY } }))).toHaveLength(7);
  });

  it('sumoEndpoint(deployment) names every deployment and rejects unknown ones', () => {
    expect(sumoEndpoint('us1')).toBe('https://api.sumologic.com/api');
    expect(sumoEndpoint('us2')).toBe('https://api.us2.sumologic.com/api');
    expect(sumoEndpoint('eu')).toBe('https://api.eu.sumologic.com/api');
    expect(() => sumoEndpoint('mars' as 'eu')).toThrow(/deployment/);
  });

  it('stays under 4 requests per second with the real clock, so Sumo never answers 429', async () => {
    state.rateLimit = true;
    state.pollsToDone = 4;
    const { clock: _c, ...rest } = options();
    expect(await readAll(querySumo({ ...rest, pollIntervalMs: 10, pageSize: 2 }))).toHaveLength(7);
    expect(server.requests.length).toBeGreaterThan(8);
    expect(state.throttled).toBe(0);
  });

  it('retries 429s with backoff when the pace is set too high', async () => {
    state.rateLimit = true;
    const { clock: _c, ...rest } = options();
    const stream = querySumo({ ...rest, pollIntervalMs: 1, pageSize: 2, requestsPerSecond: 1000, retry: { baseDelayMs: 300, retries: 6 } });
    expect(await readAll(stream)).toHaveLength(7);
    expect(state.throttled).toBeGreaterThan(0);
  });

  it('honours Retry-After on a 429', async () => {
    state.throttle = 1;
    state.retryAfter = '2';
    const clock = fakeClock();
    await readAll(querySumo(options({ clock })));
    expect(clock.sleeps).toContain(2000);
  });

  it('reads a messageCount sent as a string, and fails on a missing one instead of reading zero messages as complete', async () => {
    state.countAs = 'string';
    const stream = querySumo(options());
    expect((await readAll(stream)).length).toBe(state.messages.filter((m) => m.time >= T0 && m.time < T0 + 3_600_000).length);
    expect(stream.summary.complete).toBe(true);
    state.countAs = 'missing';
    expect(await failure(querySumo(options()))).toMatchObject({ code: 'E_SOURCE_PROTOCOL', message: expect.stringContaining('messageCount') });
  });

  it('marks the result partial when the job ends FORCE PAUSED', async () => {
    state.forcePauseAt = 4;
    const stream = querySumo(options());
    expect(await readAll(stream)).toHaveLength(4);
    expect(stream.summary.partial).toBe(true);
    expect(stream.summary.warnings.join()).toContain('paused the job at 4 messages');
  });

  it('fails on a pendingErrors entry even though it appears in one poll only, and deletes the job', async () => {
    state.pendingError = 'Parse error: unexpected token';
    const error = await failure(querySumo(options()));
    expect(error).toMatchObject({ code: 'E_SOURCE_QUERY' });
    expect((error as Error).message).toContain('unexpected token');
    expect(server.deleted).toHaveLength(1);
  });

  it('reports each pendingWarnings text once', async () => {
    state.pendingWarning = 'Field extraction rule timed out';
    const stream = querySumo(options());
    await readAll(stream);
    expect(stream.summary.warnings).toEqual(['Sumo Logic: Field extraction rule timed out']);
  });

  it('fails with E_SOURCE_EXPIRED when the job ends CANCELLED', async () => {
    state.cancel = true;
    expect(await failure(querySumo(options()))).toMatchObject({ code: 'E_SOURCE_EXPIRED' });
    expect(server.deleted).toHaveLength(1);
  });

  it('fails with E_SOURCE_EXPIRED when a slow consumer lets the job idle out', async () => {
    state.idleMs = 60;
    const error = await (async () => {
      try {
        for await (const _event of querySumo(options({ pageSize: 2 }))) await delay(80);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: 'E_SOURCE_EXPIRED', status: 404, platformCode: 'jobid.invalid' });
  });

  it('reports a 301 from the wrong deployment without following it with the credentials', async () => {
    const other: FakeServer = await startServer((_req, res) => void res.end('{}'));
    try {
      state.redirectTo = other.url;
      const error = await failure(querySumo(options()));
      expect(error).toMatchObject({ code: 'E_SOURCE_REDIRECT', status: 301 });
      expect((error as Error).message).toContain(`${other.url}/api/v1/search/jobs`);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('deletes the job when aborted mid-way', async () => {
    const controller = new AbortController();
    const error = await (async () => {
      try {
        for await (const _event of querySumo(options({ signal: controller.signal, pageSize: 2 }))) controller.abort();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: 'E_SOURCE_ABORTED' });
    expect(server.deleted).toHaveLength(1);
  });

  it('stops at maxEvents, reports the truncation, and deletes the job', async () => {
    const stream = querySumo(options({ maxEvents: 3 }));
    expect(await readAll(stream)).toHaveLength(3);
    expect(server.requests.find((r) => r.path.endsWith('/messages'))?.query.get('limit')).toBe('4');
    expect(stream.summary.truncated).toBe(true);
    expect(server.deleted).toHaveLength(1);
  });

  it('never shows the access id or key, even when the server echoes them', async () => {
    const error = await failure(querySumo(options({ accessKey: 'wrong-key-abcdef-999' })));
    expect(error).toMatchObject({ code: 'E_SOURCE_AUTH', status: 401, platformCode: 'unauthorized' });
    const text = errorTexts(error);
    expect(text).not.toContain('wrong-key-abcdef-999');
    expect(text).not.toContain(ACCESS_ID);
    const ok = querySumo(options());
    await readAll(ok);
    expect(`${logs.join('\n')}${JSON.stringify(ok.summary)}`).not.toMatch(new RegExp(`${ACCESS_KEY}|${ACCESS_ID}|wrong-key`));
  });

  it('needs a deployment or URL, and credentials', () => {
    const { url: _u, ...rest } = options();
    expect(() => querySumo(rest)).toThrow(expect.objectContaining({ name: 'UsageError' }));
    const { accessKey: _k, ...noKey } = options();
    expect(() => querySumo(noKey)).toThrow(expect.objectContaining({ code: 'E_SOURCE_CREDENTIALS' }));
    try {
      querySumo(options({ pageSize: 0 }));
    } catch (error) {
      expect(isUsageError(error)).toBe(true);
    }
  });
});
