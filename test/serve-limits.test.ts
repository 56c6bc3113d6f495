import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { isUsageError, startVerifyServer, type VerifyServer } from '../src/index.js';
import type { FakeServer } from './fakes/server.js';
import { startFakeSplunk, type SplunkState } from './fakes/splunk.js';
import { cli } from './helpers/cli.js';
import { BASELINE_FROM, BASELINE_TO, CANARY_FROM, CANARY_TO, SECRETS, leakedSecrets, splunkEvents } from './verify-helpers.js';

const splunkState: SplunkState = {
  mode: 'normal', busy: 0, token: SECRETS.splunkToken, username: 'svc', password: 'unused-password-1', sessionKey: 'unused-session-1', events: splunkEvents(),
};
let splunk: FakeServer;
let server: VerifyServer;
const seen: string[] = [];
const env = { SPLUNK_TOKEN: SECRETS.splunkToken };
const auth = { authorization: `Bearer ${SECRETS.serveToken}` };
const json = { ...auth, 'content-type': 'application/json' };

beforeAll(async () => {
  splunk = await startFakeSplunk(splunkState);
  server = await startVerifyServer({
    token: SECRETS.serveToken, allowedUrls: [splunk.url], port: 0, env, maxConcurrent: 1, maxBodyBytes: 2048, retryAfterSeconds: 7, timeoutMs: 2000,
  });
});
afterAll(async () => {
  await server.close();
  await splunk.close();
});
beforeEach(() => {
  splunkState.mode = 'normal';
});

const body = (): string =>
  JSON.stringify({
    source: 'splunk', baselineQuery: 'index=app version=1.4.2', canaryQuery: 'index=app version=1.4.3',
    baselineFrom: BASELINE_FROM, baselineTo: BASELINE_TO, canaryFrom: CANARY_FROM, canaryTo: CANARY_TO,
  });

async function call(path: string, init: RequestInit = {}, base = server.url): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  seen.push(text);
  return { status: res.status, headers: res.headers, text };
}

describe('logsift serve: auth and limits', () => {
  it('GET /healthz answers without a token and says nothing else', async () => {
    const { status, text } = await call('/healthz');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
  });

  it('every other request needs the bearer token: missing, wrong, a prefix of it, or another scheme get 401', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong-token-0000000000000' },
      { authorization: `Bearer ${SECRETS.serveToken.slice(0, -1)}` },
      { authorization: `Bearer ${SECRETS.serveToken}x` },
      { authorization: `Basic ${Buffer.from(`u:${SECRETS.serveToken}`).toString('base64')}` },
      { authorization: SECRETS.serveToken },
    ];
    for (const headers of attempts) {
      for (const path of ['/verify', '/nowhere']) {
        const res = await call(path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: body() });
        expect(res.status, JSON.stringify(headers)).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(JSON.parse(res.text)).toEqual({ error: 'a valid bearer token is required', code: 'E_UNAUTHORIZED' });
      }
    }
    const ok = await call('/verify', { method: 'POST', headers: { authorization: `bearer ${SECRETS.serveToken}`, 'content-type': 'application/json' }, body: body() });
    expect(ok.status).toBe(200); // the scheme name is case-insensitive (RFC 9110)
  });

  it('answers 404 for other paths, 405 for other methods and 415 for a body that is not JSON', async () => {
    expect((await call('/report', { headers: auth })).status).toBe(404);
    const get = await call('/verify', { headers: auth });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await call('/verify', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: body() })).status).toBe(415);
    const broken = await call('/verify', { method: 'POST', headers: json, body: '{"source": ' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.text).error).toBe('the body is not valid JSON');
  });

  it('refuses a body over the limit with 413, whether it declares its length or streams it', async () => {
    const big = JSON.stringify({ source: 'splunk', baselineQuery: 'x'.repeat(4096) });
    expect((await call('/verify', { method: 'POST', headers: json, body: big })).status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/verify`, { method: 'POST', headers: { ...json, 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write('x'.repeat(512));
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('runs at most maxConcurrent analyses: the next caller gets 429 with Retry-After', async () => {
    splunkState.mode = 'slow-start';
    const first = call('/verify', { method: 'POST', headers: json, body: body() });
    await new Promise((r) => setTimeout(r, 100));
    const second = await call('/verify', { method: 'POST', headers: json, body: body() });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('7');
    expect(JSON.parse(second.text).code).toBe('E_BUSY');
    expect((await first).status).toBe(200);
    splunkState.mode = 'normal';
    expect((await call('/verify', { method: 'POST', headers: json, body: body() })).status).toBe(200); // the slot is free again
  });

  it('an analysis longer than the timeout is a 504, and its platform reads are cancelled', async () => {
    const quick = await startVerifyServer({ token: SECRETS.serveToken, allowedUrls: [splunk.url], port: 0, env, timeoutMs: 100 });
    try {
      splunkState.mode = 'slow-start';
      splunk.requests.length = 0;
      const res = await call('/verify', { method: 'POST', headers: json, body: body() }, quick.url);
      expect(res.status).toBe(504);
      expect(JSON.parse(res.text).code).toBe('E_TIMEOUT');
      expect(await Promise.all(splunk.requests.map((r) => r.closedEarly))).toContain(true);
    } finally {
      await quick.close();
    }
  });

  it('a caller that hangs up cancels its analysis', async () => {
    splunkState.mode = 'slow-start';
    splunk.requests.length = 0;
    const controller = new AbortController();
    const pending = fetch(`${server.url}/verify`, { method: 'POST', headers: json, body: body(), signal: controller.signal }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 150));
    controller.abort();
    await pending;
    await new Promise((r) => setTimeout(r, 100));
    expect(await Promise.all(splunk.requests.map((r) => r.closedEarly))).toContain(true);
    splunkState.mode = 'normal';
    expect((await call('/verify', { method: 'POST', headers: json, body: body() })).status).toBe(200); // its slot was given back
  });

  it('close() lets a running analysis answer before it resolves', async () => {
    const closing = await startVerifyServer({ token: SECRETS.serveToken, allowedUrls: [splunk.url], port: 0, env });
    splunkState.mode = 'slow-start';
    const running = call('/verify', { method: 'POST', headers: json, body: body() }, closing.url);
    await new Promise((r) => setTimeout(r, 100));
    let closed = false;
    const done = closing.close().then(() => (closed = true));
    expect((await running).status).toBe(200);
    await done;
    expect(closed).toBe(true);
  });

  it('startVerifyServer refuses a short token, no allowed URL, a URL with credentials, an unknown source or scheme', async () => {
    const cases = [
      { token: 'short', allowedUrls: [splunk.url] },
      { token: SECRETS.serveToken, allowedUrls: [] },
      { token: SECRETS.serveToken, allowedUrls: ['https://admin:pw@splunk.example.com:8089'] },
      { token: SECRETS.serveToken, allowedUrls: ['datadog=https://api.datadoghq.com'] },
      { token: SECRETS.serveToken, allowedUrls: ['file:///etc/passwd'] },
    ];
    for (const options of cases) {
      const error = await startVerifyServer({ ...options, port: 0 }).catch((e: unknown) => e);
      expect(isUsageError(error)).toBe(true);
    }
  });

  it('logsift serve refuses to start without LOGSIFT_SERVE_TOKEN', async () => {
    delete process.env.LOGSIFT_SERVE_TOKEN;
    const result = await cli(['serve', '--port', '0', '--allow-url', splunk.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^logsift serve: serve refuses to start without a token: set LOGSIFT_SERVE_TOKEN/);
    for (const blank of ['', ' ', '\n', ' '.repeat(20), '\t\r\n'.repeat(8)]) {
      process.env.LOGSIFT_SERVE_TOKEN = blank;
      const r = await cli(['serve', '--port', '0', '--allow-url', splunk.url]);
      expect(r.code, JSON.stringify(blank)).toBe(2);
      expect(r.stderr).toMatch(/^logsift serve: serve refuses to start without a token/);
    }
    const spaces = await startVerifyServer({ token: ' '.repeat(20), allowedUrls: [splunk.url], port: 0 }).catch((e: unknown) => e);
    expect(isUsageError(spaces)).toBe(true);
    process.env.LOGSIFT_SERVE_TOKEN = SECRETS.serveToken;
    const noUrl = await cli(['serve', '--port', '0']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/--allow-url/);
    delete process.env.LOGSIFT_SERVE_TOKEN;
  });

  it('logsift serve listens until SIGTERM, then exits 0', async () => {
    process.env.LOGSIFT_SERVE_TOKEN = SECRETS.serveToken;
    process.env.LOGSIFT_ALLOWED_URLS = splunk.url;
    process.env.SPLUNK_TOKEN = SECRETS.splunkToken;
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exit = runCli(['serve', '--port', '0', '--max-concurrent', '1'], { stdin: Readable.from([]), stdout: new PassThrough(), stderr, stderrIsTTY: false });
    try {
      for (let i = 0; i < 100 && !/listening on/.test(err); i++) await new Promise((r) => setTimeout(r, 20));
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1];
      expect(url).toBeDefined();
      expect((await call('/verify', { method: 'POST', headers: json, body: body() }, url)).status).toBe(200);
      expect(err).toMatch(/logsift serve: POST \/verify 200 \d+ms/);
    } finally {
      process.emit('SIGTERM');
      delete process.env.LOGSIFT_SERVE_TOKEN;
      delete process.env.LOGSIFT_ALLOWED_URLS;
      delete process.env.SPLUNK_TOKEN;
    }
    expect(await exit).toBe(0);
    seen.push(err);
  });

  it('serves HTTPS with --tls-cert and --tls-key, with the same token check', async () => {
    const pem = (name: string): string => readFileSync(new URL(`../fixtures/sources/tls/${name}`, import.meta.url), 'utf8');
    const secure = await startVerifyServer({ token: SECRETS.serveToken, allowedUrls: [splunk.url], port: 0, env, tls: { cert: pem('server.pem'), key: pem('server-key.pem') } });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const get = (path: string, headers: Record<string, string> = {}): Promise<number> =>
        new Promise((resolve, reject) => {
          httpsRequest(`${secure.url}${path}`, { ca: pem('ca.pem'), headers }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          }).on('error', reject).end();
        });
      expect(await get('/healthz')).toBe(200);
      expect(await get('/verify')).toBe(401);
      expect(await get('/verify', auth)).toBe(405);
    } finally {
      await secure.close();
    }
    const bad = await startVerifyServer({ token: SECRETS.serveToken, allowedUrls: [splunk.url], port: 0, tls: { cert: 'not a pem', key: 'nor this' } }).catch((e: unknown) => e);
    expect(isUsageError(bad)).toBe(true);
    process.env.LOGSIFT_SERVE_TOKEN = SECRETS.serveToken;
    const half = await cli(['serve', '--port', '0', '--allow-url', splunk.url, '--tls-cert', 'x.pem']);
    delete process.env.LOGSIFT_SERVE_TOKEN;
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--tls-cert and --tls-key go together/);
  });

  it('nothing the server answered or logged contains a credential', () => {
    expect(leakedSecrets(seen.join('\n'))).toEqual([]);
  });
});
