import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLoki, type SourceEvent } from '../src/sources/loki.js';
import { querySplunk } from '../src/sources/splunk.js';
import { parseRetryAfter } from '../src/sources/http.js';
import { errorTexts, fakeClock, sendJson, startServer } from './fakes/server.js';
import { failure, readAll } from './helpers/streams.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const tls = (name: string): string => readFileSync(new URL(`../fixtures/sources/tls/${name}`, import.meta.url), 'utf8');
const lokiBody = { status: 'success', data: { resultType: 'streams', result: [{ stream: { app: 'a' }, values: [[`${T0}000001`, 'over tls']] }] } };

describe('the shared HTTP layer of the sources', () => {
  let https: Server;
  let httpsUrl: string;
  beforeAll(async () => {
    https = createServer({ key: tls('server-key.pem'), cert: tls('server.pem') }, (_req, res) => sendJson(res, 200, lokiBody));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => https.close(() => resolve())));

  it('verifies TLS by default and says how to trust a private CA', async () => {
    const error = await failure(queryLoki({ url: httpsUrl, query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, retry: { retries: 0 } }));
    expect(error).toMatchObject({ code: 'E_SOURCE_NETWORK' });
    expect((error as Error).message).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect((error as Error).message).toContain('`ca` option');
  });

  it('trusts the certificate given in the ca option, for this source only', async () => {
    const events = await readAll(queryLoki({ url: httpsUrl, query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, ca: tls('ca.pem') }));
    expect(events).toEqual([expect.objectContaining({ raw: 'over tls', timestamp: T0 })]);
  });

  it('uses an injected fetch, and refuses fetch and ca together', async () => {
    const calls: string[] = [];
    const injected: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify(lokiBody), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    expect(await readAll(queryLoki({ url: 'https://loki.invalid', query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, fetch: injected }))).toHaveLength(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^https:\/\/loki\.invalid\/loki\/api\/v1\/query_range\?/);
    const both = queryLoki({ url: 'https://loki.invalid', query: '{a="b"}', from: T0, to: T0 + 1000, env: {}, fetch: injected, ca: 'x' });
    expect(await failure(both)).toMatchObject({ name: 'UsageError' });
  });

  it('retries a network error on an idempotent read, but never resends a search-creating POST', async () => {
    let calls = 0;
    const flaky = await startServer((_req, res) => {
      calls += 1;
      if (calls === 1) return void res.socket?.destroy();
      sendJson(res, 200, lokiBody);
    });
    try {
      const clock = fakeClock();
      expect(await readAll(queryLoki({ url: flaky.url, query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, clock, random: () => 0 }))).toHaveLength(1);
      expect(clock.sleeps).toEqual([250]);
      calls = 0;
      const error = await failure(querySplunk({ url: flaky.url, query: 'index=app', from: T0, to: T0 + 1000, token: 'tok-123456', env: {}, clock }));
      expect(error).toMatchObject({ code: 'E_SOURCE_NETWORK', retryable: false });
      expect(calls).toBe(1);
    } finally {
      await flaky.close();
    }
  });

  it('names the system error of a refused connection: network error (ECONNREFUSED), not the TypeError around it', async () => {
    const closed = await startServer((_req, res) => sendJson(res, 200, lokiBody));
    const url = closed.url;
    await closed.close();
    const clock = fakeClock();
    const direct = await failure(queryLoki({ url, query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, clock, retry: { retries: 0 } }));
    expect(direct).toMatchObject({ code: 'E_SOURCE_NETWORK', platformCode: 'ECONNREFUSED' });
    expect((direct as Error).message).toMatch(/network error \(ECONNREFUSED\)$/);
    // one address after another (localhost: ::1, then 127.0.0.1) fails with an AggregateError
    const refused = (port: number): Error => Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED' });
    const aggregate: typeof fetch = () => Promise.reject(new TypeError('fetch failed', { cause: new AggregateError([refused(1), refused(2)]) }));
    const viaAggregate = await failure(queryLoki({ url: 'http://localhost:1', query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, fetch: aggregate, clock, retry: { retries: 0 } }));
    expect((viaAggregate as Error).message).toMatch(/network error \(ECONNREFUSED\)$/);
    expect((viaAggregate as Error).message).not.toMatch(/TypeError/);
  });

  it('fails at once when Retry-After asks for a longer wait than maxDelayMs', async () => {
    const busy = await startServer((_req, res) => sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '3600' }));
    try {
      const clock = fakeClock();
      const error = await failure(queryLoki({ url: busy.url, query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, clock }));
      expect(error).toMatchObject({ code: 'E_SOURCE_RATE_LIMIT', status: 429, retryable: true });
      expect((error as Error).message).toContain('Retry-After 3600 s exceeds maxDelayMs');
      expect(clock.sleeps).toEqual([]);
      expect(busy.requests).toHaveLength(1);
    } finally {
      await busy.close();
    }
  });

  it('parseRetryAfter(value, now) reads delta-seconds and HTTP-dates and ignores garbage', () => {
    const now = Date.parse('Wed, 01 May 2024 10:00:00 GMT');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('keeps long and hostile server messages short and free of control characters', async () => {
    const noisy = await startServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`\u001b[31mboom\u001b[0m\nsecond line ${'z'.repeat(5000)}`);
    });
    try {
      const error = await failure(queryLoki({ url: noisy.url, query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, token: 'secret-token-xyz' }));
      expect(error).toMatchObject({ code: 'E_SOURCE_HTTP', status: 500, method: 'GET', path: '/loki/api/v1/query_range' });
      expect((error as Error).message.length).toBeLessThan(600);
      expect((error as Error).message).not.toMatch(/[\u001b\n]/);
      expect(errorTexts(error)).not.toContain('secret-token-xyz');
      expect(errorTexts(error)).not.toContain('query='); // the query string never goes into errors
    } finally {
      await noisy.close();
    }
  });

  it('keeps C1 controls (U+009B, a one-byte CSI) and bidi overrides of a server message out of the error', async () => {
    const hostile = await startServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('\u009b2Jcleared \u0085next \u202egnp.exe\u202c \u2066isolated\u2069');
    });
    try {
      const error = await failure(queryLoki({ url: hostile.url, query: '{app="a"}', from: T0, to: T0 + 1000, env: {}, retry: { retries: 0 } }));
      expect((error as Error).message).toMatch(/2Jcleared/);
      expect((error as Error).message).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
    } finally {
      await hostile.close();
    }
  });
});
