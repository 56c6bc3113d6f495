import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compare, renderJson, startVerifyServer, type VerifyServer } from '../src/index.js';
import { startFakeElastic, type ElasticState } from './fakes/elastic.js';
import type { FakeServer } from './fakes/server.js';
import { startFakeSplunk, type SplunkState } from './fakes/splunk.js';
import {
  BASELINE_FROM, BASELINE_PATH, BASELINE_TO, CANARY_FROM, CANARY_PATH, CANARY_TO, SECRETS, elasticDocs, leakedSecrets, splunkEvents,
} from './verify-helpers.js';

const splunkState: SplunkState = {
  mode: 'normal', busy: 0, token: SECRETS.splunkToken, username: 'svc', password: 'unused-password-1', sessionKey: 'unused-session-1', events: splunkEvents(),
};
const elasticState: ElasticState = {
  flavor: 'elasticsearch', apiKey: SECRETS.elasticApiKey, username: 'elastic', password: 'unused-password-2', docs: elasticDocs(), reject: 0, shardFailure: false, body: 'json', closeFails: false,
};
let splunk: FakeServer;
let elastic: FakeServer;
let server: VerifyServer;
const seen: string[] = [];
const env = { SPLUNK_TOKEN: SECRETS.splunkToken, ELASTIC_API_KEY: SECRETS.elasticApiKey };

beforeAll(async () => {
  [splunk, elastic] = await Promise.all([startFakeSplunk(splunkState), startFakeElastic(elasticState)]);
  server = await startVerifyServer({ token: SECRETS.serveToken, allowedUrls: [splunk.url, elastic.url], port: 0, env, log: (l) => seen.push(l) });
});
afterAll(async () => {
  await server.close();
  await Promise.all([splunk.close(), elastic.close()]);
});
beforeEach(() => {
  splunkState.mode = 'normal';
  splunkState.token = SECRETS.splunkToken;
  elasticState.shardFailure = false;
});

async function post(body: unknown): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(`${server.url}/verify`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRETS.serveToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  seen.push(text);
  return { status: res.status, text, json: JSON.parse(text) };
}

const splunkBody = () => ({
  source: 'splunk', url: splunk.url, baselineQuery: 'index=app version=1.4.2', canaryQuery: 'index=app version=1.4.3',
  baselineFrom: BASELINE_FROM, baselineTo: BASELINE_TO, canaryFrom: CANARY_FROM, canaryTo: CANARY_TO,
});

describe('logsift serve: POST /verify', () => {
  it('answers the report JSON of the same lines compare reads, with verdict and score', async () => {
    const { status, json } = await post(splunkBody());
    expect(status).toBe(200);
    const expected = JSON.parse(renderJson(await compare(BASELINE_PATH, CANARY_PATH)));
    const { warnings, ...report } = json;
    expect(report).toEqual(expected);
    expect(json.verdict).toBe('fail');
    expect(typeof json.score).toBe('number');
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^canary: Splunk: Search results might be incomplete/)]));
  });

  it('accepts the flag names of logsift verify as well as camelCase, and epoch milliseconds', async () => {
    const { status, json } = await post({
      source: 'elastic', url: elastic.url, index: 'logs-*', 'baseline-query': 'service.version:1.4.2', 'canary-query': 'service.version:1.4.3',
      from: Date.parse(BASELINE_FROM), to: Date.parse(BASELINE_TO), 'max-events': 1000,
    });
    expect(status).toBe(200);
    expect(json).toEqual(JSON.parse(renderJson(await compare(BASELINE_PATH, CANARY_PATH))));
  });

  it('takes maxTemplates as verify takes --max-templates: past the cap the report says so', async () => {
    const { status, json } = await post({ ...splunkBody(), maxTemplates: 3 });
    expect(status).toBe(200);
    const { warnings, ...report } = json;
    const { warnings: expectedWarnings, ...expected } = JSON.parse(renderJson(await compare(BASELINE_PATH, CANARY_PATH, { miner: { maxTemplates: 3 } })));
    expect(report).toEqual(expected);
    expect(json.caveats).toContain('templates-evicted');
    expect(warnings).toEqual(expect.arrayContaining(expectedWarnings));
  });

  it('a partial result from the platform comes back in warnings', async () => {
    elasticState.shardFailure = true;
    const { status, json } = await post({ source: 'elastic', url: elastic.url, index: 'logs-*', baselineQuery: 'service.version:1.4.2', canaryQuery: 'service.version:1.4.3', from: BASELINE_FROM, to: BASELINE_TO });
    expect(status).toBe(200);
    expect(json.warnings.join('\n')).toMatch(/canary: the log platform returned a partial result/);
  });

  it('an error fetching logs is a 502 with a one-line error, never a report', async () => {
    splunkState.token = 'not-the-token-the-server-has';
    const { status, json, text } = await post(splunkBody());
    expect(status).toBe(502);
    expect(json.verdict).toBeUndefined();
    expect(json.code).toBe('E_SOURCE_AUTH');
    expect(json.error).toMatch(/^(baseline|canary): /);
    expect(text.trim().split('\n')).toHaveLength(1);
  });

  it('an empty side is a 502 naming the side', async () => {
    const { status, json } = await post({ ...splunkBody(), canaryFrom: '2024-05-01T13:00:00Z', canaryTo: '2024-05-01T14:00:00Z' });
    expect(status).toBe(502);
    expect(json.code).toBe('E_SOURCE_EMPTY');
    expect(json.error).toMatch(/^canary: the query returned no events/);
  });

  it('refuses a platform URL the operator did not allow, so the credentials cannot be sent elsewhere', async () => {
    const trap = await startFakeSplunk({ ...splunkState, events: [] });
    try {
      const { status, json } = await post({ ...splunkBody(), url: trap.url });
      expect(status).toBe(400);
      expect(json.error).toMatch(/not one of the platform URLs this server allows/);
      expect(trap.requests).toHaveLength(0);
    } finally {
      await trap.close();
    }
  });

  it('an allowed URL limited to one source is refused to requests for another source', async () => {
    const strict = await startVerifyServer({ token: SECRETS.serveToken, allowedUrls: [`splunk=${splunk.url}`, `elastic=${elastic.url}/`], port: 0, env });
    try {
      elastic.requests.length = 0;
      const res = await fetch(`${strict.url}/verify`, {
        method: 'POST', headers: { authorization: `Bearer ${SECRETS.serveToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...splunkBody(), url: elastic.url }),
      });
      const text = await res.text();
      seen.push(text);
      expect(res.status).toBe(400);
      expect(JSON.parse(text).error).toMatch(/not one of the platform URLs this server allows for splunk/);
      expect(elastic.requests).toHaveLength(0);
      const { url: _, ...withoutUrl } = splunkBody();
      const ok = await fetch(`${strict.url}/verify`, {
        method: 'POST', headers: { authorization: `Bearer ${SECRETS.serveToken}`, 'content-type': 'application/json' }, body: JSON.stringify(withoutUrl),
      });
      expect(ok.status).toBe(200); // the one URL allowed for splunk is used when the request names none
      await ok.text();
    } finally {
      await strict.close();
    }
  });

  it('validates the body: 400 with a one-line JSON error, and no request to the platform', async () => {
    splunk.requests.length = 0;
    const bad: Array<[unknown, RegExp]> = [
      [{ ...splunkBody(), source: 'datadog' }, /unknown source/],
      [{ ...splunkBody(), baselineQuery: '' }, /baselineQuery is required/],
      [{ ...splunkBody(), canaryFrom: '2024-05-01T11:00:00' }, /time zone/],
      [{ ...splunkBody(), canaryFrom: 1714561200 }, /epoch seconds/],
      [{ ...splunkBody(), canaryFrom: CANARY_TO }, /window is empty/],
      [{ ...splunkBody(), maxEvents: 0 }, /maxEvents/],
      [{ ...splunkBody(), maxEvents: 'many' }, /maxEvents/],
      [{ ...splunkBody(), maxTemplates: 0 }, /maxTemplates/],
      [{ ...splunkBody(), maxTemplates: 1e9 }, /maxTemplates/],
      [{ ...splunkBody(), sensitivity: 'extreme' }, /sensitivity/],
      [{ ...splunkBody(), surprise: 1 }, /unknown field "surprise"/],
      [{ ...splunkBody(), rules: { rules: [{ action: 'explode', pattern: 'x' }] } }, /action must be one of/],
      [{ ...splunkBody(), report: '/tmp/x.html' }, /not available on the server/],
      [{ ...splunkBody(), baselineProfile: '/etc/passwd' }, /not available on the server/],
      [{ ...splunkBody(), url: 'http://user:pw@127.0.0.1:1' }, /must not contain credentials/],
      [{ ...splunkBody(), index: 'logs' }, /elastic only/],
      [[1, 2], /JSON object/],
      ['text', /JSON object/],
    ];
    for (const [body, message] of bad) {
      const { status, json, text } = await post(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error).toMatch(message);
      expect(text.trim().split('\n')).toHaveLength(1);
    }
    expect(splunk.requests).toHaveLength(0);
  });

  it('refuses credentials in the body without echoing them', async () => {
    for (const field of ['token', 'apiKey', 'SPLUNK_TOKEN', 'password', 'accessKey', 'access-id']) {
      const { status, text } = await post({ ...splunkBody(), [field]: SECRETS.splunkToken });
      expect(status).toBe(400);
      expect(text).toMatch(/credentials are never sent in a request/);
      expect(text).not.toContain(SECRETS.splunkToken);
    }
  });

  it('applies inline rules', async () => {
    const { json } = await post({ ...splunkBody(), rules: { version: 1, rules: [{ pattern: 'payment failed', action: 'ignore' }] } });
    expect(json.findings.some((f: { template: string }) => f.template.includes('payment failed'))).toBe(false);
  });

  it('nothing the server answered or logged contains a credential', () => {
    expect(seen.length).toBeGreaterThan(10);
    expect(leakedSecrets(seen.join('\n'))).toEqual([]);
    for (const line of seen.filter((l) => /^[A-Z]+ \//.test(l))) expect(line).toMatch(/^[A-Z]+ \/\S* \d{3} \d+ms$/);
  });
});
