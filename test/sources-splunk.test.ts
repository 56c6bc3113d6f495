import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSourceError, querySplunk, splunkSearchString, parseSplunkTime, type SourceEvent, type SplunkOptions } from '../src/sources/splunk.js';
import { isUsageError } from '../src/index.js';
import { startFakeSplunk, type SplunkState } from './fakes/splunk.js';
import { errorTexts, fakeClock, type FakeServer } from './fakes/server.js';
import { failure, readAll } from './helpers/streams.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const TOKEN = 'splunk-token-7f3a9c1e5b';
const PASSWORD = 'hunter2-secret-pw';
const SESSION = 'session-key-0a1b2c3d4e';

const state: SplunkState = {
  mode: 'normal', busy: 0, token: TOKEN, username: 'svc_logreader', password: PASSWORD, sessionKey: SESSION, events: [],
};
let server: FakeServer;
let logs: string[];

beforeAll(async () => {
  server = await startFakeSplunk(state);
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
  logs = [];
  Object.assign(state, { mode: 'normal', busy: 0, retryAfter: undefined });
  state.events = [
    { time: T0 - 1, raw: 'before the window', host: 'web-01', level: 'INFO' },
    { time: T0, raw: '2024-05-01T10:00:00.000Z INFO start', host: 'web-01', level: 'INFO', version: '1.4.2' },
    { time: T0 + 1002, raw: '2024-05-01T10:00:01.002Z WARN retry 2/3', host: 'web-03', level: 'WARN', tags: ['a', 'b'] },
    { time: T0 + 4512, raw: '2024-05-01T10:00:04.512Z ERROR payment declined order=991', host: 'web-03', level: 'ERROR' },
    { time: T0 + 3_600_000, raw: 'at the exclusive end', host: 'web-01', level: 'INFO' },
  ];
});

function options(overrides: Partial<SplunkOptions> = {}): SplunkOptions {
  return {
    url: server.url, query: 'index=app', from: T0, to: T0 + 3_600_000, token: TOKEN, env: {},
    clock: fakeClock(), random: () => 0.5, log: (m) => logs.push(m), ...overrides,
  };
}

function expectNoSecrets(text: string): void {
  for (const secret of [TOKEN, PASSWORD, SESSION, Buffer.from(`svc_logreader:${PASSWORD}`).toString('base64')]) expect(text).not.toContain(secret);
}

describe('querySplunk', () => {
  it('streams the events of [from, to) with raw text, timestamps from both _time formats and mapped fields, skipping preview rows', async () => {
    const stream = querySplunk(options());
    const events = await readAll(stream);
    expect(events.map((e) => e.raw)).toEqual([
      '2024-05-01T10:00:04.512Z ERROR payment declined order=991',
      '2024-05-01T10:00:01.002Z WARN retry 2/3',
      '2024-05-01T10:00:00.000Z INFO start',
    ]);
    expect(events.map((e) => e.timestamp)).toEqual([T0 + 4512, T0 + 1002, T0]);
    expect(events[2]).toMatchObject({ level: 'INFO', host: 'web-01', version: '1.4.2' });
    expect(events[1].fields.tags).toBe('a\nb');
    expect(events[0].fields._bkt).toBeUndefined();
    expect(stream.summary).toMatchObject({ platform: 'splunk', events: 3, truncated: false, partial: false, complete: true, requests: 1 });
    expect(stream.summary.warnings).toEqual(['Splunk: Search results might be incomplete: an indexer was slow']);
  });

  it('sends the window as epoch seconds with three decimals, a bearer token and the v2 export form', async () => {
    await readAll(querySplunk(options({ from: T0 + 250, to: new Date(T0 + 60_000) })));
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/services/search/v2/jobs/export');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const form = new URLSearchParams(req.body);
    expect(Object.fromEntries(form)).toEqual({
      search: 'search index=app', earliest_time: '1714557600.250', latest_time: '1714557660.000',
      output_mode: 'json', segmentation: 'none', preview: 'false',
    });
  });

  it('uses the v1 export path when apiVersion is v1', async () => {
    await readAll(querySplunk(options({ apiVersion: 'v1' })));
    expect(server.requests[0].path).toBe('/services/search/jobs/export');
  });

  it('names apiVersion v1 as the fix when an old server has no v2 export', async () => {
    state.v1Only = true;
    try {
      const error = await failure(querySplunk(options()));
      expect(error).toMatchObject({ code: 'E_SOURCE_HTTP', status: 404 });
      expect((error as Error).message).toContain("apiVersion: 'v1'");
      expect(await readAll(querySplunk(options({ apiVersion: 'v1' })))).toHaveLength(3);
    } finally {
      state.v1Only = false;
    }
  });

  it('splunkSearchString(query) adds the search command the REST API needs, and keeps search and | queries', () => {
    expect(splunkSearchString('index=app error')).toBe('search index=app error');
    expect(splunkSearchString('  search index=app')).toBe('search index=app');
    expect(splunkSearchString('| tstats count where index=app')).toBe('| tstats count where index=app');
    expect(() => splunkSearchString('  ')).toThrow(/empty/);
  });

  it('parseSplunkTime(text) reads epoch seconds, ISO with offsets and the UTC export form, and refuses zone abbreviations', () => {
    expect(parseSplunkTime('1714557604.512')).toBe(T0 + 4512);
    expect(parseSplunkTime('2024-05-01T12:00:04.512+02:00')).toBe(T0 + 4512);
    expect(parseSplunkTime('2024-05-01 10:00:04.512 UTC')).toBe(T0 + 4512);
    expect(parseSplunkTime('2024-05-01 12:00:04.512 CEST')).toBeUndefined();
  });

  it('reads the token from SPLUNK_TOKEN when no option is given', async () => {
    const { token: _omit, ...rest } = options();
    const events = await readAll(querySplunk({ ...rest, env: { SPLUNK_TOKEN: TOKEN } }));
    expect(events).toHaveLength(3);
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('never sends SPLUNK_TOKEN when the options give a session key or a login', async () => {
    const { token: _omit, ...rest } = options();
    const env = { SPLUNK_TOKEN: 'token-meant-for-another-splunk' };
    await readAll(querySplunk({ ...rest, sessionKey: SESSION, env }));
    expect(server.requests[0].headers.authorization).toBe(`Splunk ${SESSION}`);
    server.requests.length = 0;
    await readAll(querySplunk({ ...rest, username: 'svc_logreader', password: PASSWORD, env }));
    expect(server.requests.map((r) => r.headers.authorization ?? '')).not.toContain('Bearer token-meant-for-another-splunk');
    expect(server.requests[0].path).toBe('/services/auth/login');
  });

  it('logs in with username and password and then sends the session key with the Splunk scheme', async () => {
    const { token: _omit, ...rest } = options();
    await readAll(querySplunk({ ...rest, username: 'svc_logreader', password: PASSWORD }));
    expect(server.requests.map((r) => r.path)).toEqual(['/services/auth/login', '/services/search/v2/jobs/export']);
    expect(server.requests[1].headers.authorization).toBe(`Splunk ${SESSION}`);
  });

  it('retries a 503 concurrency refusal with backoff, and honours Retry-After when present', async () => {
    state.busy = 2;
    const clock = fakeClock();
    expect(await readAll(querySplunk(options({ clock })))).toHaveLength(3);
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([375, 750]); // equal jitter around 500 ms, then 1 s, with random() = 0.5
    state.busy = 1;
    state.retryAfter = '7';
    const clock2 = fakeClock();
    await readAll(querySplunk(options({ clock: clock2 })));
    expect(clock2.sleeps).toEqual([7000]);
  });

  it('gives up after the retries with a retryable rate-limit error that quotes the server', async () => {
    state.busy = 10;
    const error = await failure(querySplunk(options({ retry: { retries: 2 } })));
    expect(isSourceError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'E_SOURCE_RATE_LIMIT', status: 503, retryable: true, platform: 'splunk', platformCode: 'WARN' });
    expect((error as Error).message).toContain('maximum number of concurrent historical searches');
    expect(server.requests).toHaveLength(3);
  });

  it('treats a 200 with an empty body as an unknown result, not as success', async () => {
    state.mode = 'empty200';
    expect(await failure(querySplunk(options()))).toMatchObject({ code: 'E_SOURCE_EMPTY', status: 200 });
  });

  it('fails when the stream is cut in the middle', async () => {
    state.mode = 'cut';
    const error = await failure(querySplunk(options()));
    expect(isSourceError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'E_SOURCE_NETWORK' });
    expect((error as Error).message).toContain('connection lost in the middle of the stream');
  });

  it('fails on a malformed JSON line', async () => {
    state.mode = 'malformed';
    expect(await failure(querySplunk(options()))).toMatchObject({ code: 'E_SOURCE_PROTOCOL' });
  });

  it('fails when a FATAL message arrives in the stream', async () => {
    state.mode = 'fatal';
    const error = await failure(querySplunk(options()));
    expect(error).toMatchObject({ code: 'E_SOURCE_QUERY', platformCode: 'FATAL' });
    expect((error as Error).message).toContain('nosuchfunc');
  });

  it('marks the result partial when the stream ends without lastrow', async () => {
    state.mode = 'no-lastrow';
    const stream = querySplunk(options());
    expect(await readAll(stream)).toHaveLength(3);
    expect(stream.summary.partial).toBe(true);
    expect(stream.summary.warnings.join()).toContain('lastrow');
  });

  it('leaves the timestamp out and warns when _time carries an ambiguous zone abbreviation', async () => {
    state.mode = 'cet';
    const stream = querySplunk(options());
    const events = await readAll(stream);
    expect(events.every((e) => e.timestamp === undefined)).toBe(true);
    expect(stream.summary.warnings.join()).toContain('timeField');
  });

  it('reads the time from an internal field named by timeField, and warns about the events where it cannot', async () => {
    state.mode = 'cet';
    const events = await readAll(querySplunk(options({ timeField: '_indextime' })));
    const indexed = new Map(state.events.map((e) => [e.raw, Math.floor(e.time / 1000) * 1000 + 2000])); // the fake indexes 2 s late
    expect(events).toHaveLength(3);
    for (const e of events) expect(e.timestamp).toBe(indexed.get(e.raw));
    const stream = querySplunk(options({ timeField: 'no_such_field' }));
    expect((await readAll(stream)).every((e) => e.timestamp === undefined)).toBe(true);
    expect(stream.summary.warnings.join()).toContain('3 events had no readable "no_such_field"');
  });

  it('skips and counts the rows of a transforming search, which have no _raw', async () => {
    state.mode = 'table';
    const stream = querySplunk(options());
    expect(await readAll(stream)).toEqual([]);
    expect(stream.summary.warnings.join()).toContain('3 results had no _raw');
  });

  it('stops at maxEvents and reports the truncation', async () => {
    const stream = querySplunk(options({ maxEvents: 2 }));
    expect(await readAll(stream)).toHaveLength(2);
    expect(stream.summary).toMatchObject({ events: 2, truncated: true, complete: true });
    expect(stream.summary.warnings.join()).toContain('maxEvents');
    expect(stream.summary.warnings.join()).toContain('the earliest part of the window is missing');
  });

  it('does not report truncation when the cap equals the number of events', async () => {
    const stream = querySplunk(options({ maxEvents: 3 }));
    await readAll(stream);
    expect(stream.summary.truncated).toBe(false);
  });

  it('aborts mid-stream with a typed error and closes the connection', async () => {
    state.mode = 'slow';
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const event of querySplunk(options({ signal: controller.signal }))) {
          seen.push(event.raw);
          controller.abort();
        }
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ code: 'E_SOURCE_ABORTED' });
    expect(await server.requests[0].closedEarly).toBe(true);
  });

  it('closes the export connection when the caller stops early', async () => {
    state.mode = 'slow';
    for await (const _event of querySplunk(options())) break;
    expect(await server.requests[0].closedEarly).toBe(true);
  });

  it('reports a timeout signal on a slow first byte as a timed-out read', async () => {
    state.mode = 'slow-start';
    const error = await failure(querySplunk(options({ signal: AbortSignal.timeout(50) })));
    expect(error).toMatchObject({ code: 'E_SOURCE_ABORTED', message: expect.stringContaining('timed out') });
  });

  it('answers a rejected token with an auth error that does not contain the token, nor do the logs', async () => {
    const error = await failure(querySplunk(options({ token: 'wrong-token-zzz-123' })));
    expect(error).toMatchObject({ code: 'E_SOURCE_AUTH', status: 401 });
    expect(errorTexts(error)).not.toContain('wrong-token-zzz-123');
    expect((error as Error).message).toContain('call not properly authenticated');
    expect(logs.join('\n')).not.toContain('wrong-token-zzz-123');
  });

  it('never shows the password or session key, even when the server echoes them', async () => {
    const { token: _omit, ...rest } = options();
    const error = await failure(querySplunk({ ...rest, username: 'svc_logreader', password: `${PASSWORD}-bad` }));
    expect(error).toMatchObject({ code: 'E_SOURCE_AUTH' });
    expect(errorTexts(error)).not.toContain(`${PASSWORD}-bad`);
    const ok = querySplunk({ ...rest, username: 'svc_logreader', password: PASSWORD });
    await readAll(ok);
    expectNoSecrets([logs.join('\n'), JSON.stringify(ok.summary)].join('\n'));
  });

  it('takes credentials out of a URL with userinfo and never puts them in errors', async () => {
    const { token: _omit, ...rest } = options();
    const withUser = server.url.replace('http://', `http://svc_logreader:${encodeURIComponent(PASSWORD)}@`);
    const events = await readAll(querySplunk({ ...rest, url: withUser }));
    expect(events).toHaveLength(3);
    const badUrl = withUser.replace(/:\d+$/, ':1'); // nothing listens on port 1
    const error = await failure(querySplunk({ ...rest, url: badUrl }));
    expect(error).toMatchObject({ code: 'E_SOURCE_NETWORK' });
    expectNoSecrets(errorTexts(error));
  });

  it('refuses to start without credentials, with an empty window, or a second iteration', async () => {
    const { token: _omit, ...rest } = options();
    expect(() => querySplunk(rest)).toThrow(expect.objectContaining({ code: 'E_SOURCE_CREDENTIALS' }));
    expect(() => querySplunk(options({ from: T0, to: T0 }))).toThrow(/empty/);
    expect(() => querySplunk(options({ from: Number.NaN }))).toThrow(/finite/);
    const stream = querySplunk(options());
    await readAll(stream);
    const again = await failure(stream);
    expect(isUsageError(again)).toBe(true);
  });
});
