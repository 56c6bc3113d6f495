import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compare, isSourceError, isUsageError, parseTime, profile, verify } from '../src/index.js';
import { startFakeLoki, type LokiState } from './fakes/loki.js';
import type { FakeServer } from './fakes/server.js';
import { startFakeSplunk, type SplunkState } from './fakes/splunk.js';
import {
  BASELINE_FROM, BASELINE_PATH, BASELINE_TO, CANARY_FROM, CANARY_PATH, CANARY_TO, SECRETS, fixtureLines, lineTime, splunkEvents,
} from './verify-helpers.js';

const lokiState: LokiState = {
  entries: [...fixtureLines(BASELINE_PATH), ...fixtureLines(CANARY_PATH)].map((line) => ({ ts: BigInt(lineTime(line)) * 1_000_000n, line, stream: { app: 'checkout' } })),
  throttle: 0, body: 'json',
};
const splunkState: SplunkState = {
  mode: 'normal', busy: 0, token: SECRETS.splunkToken, username: 'svc', password: 'unused-password-1', sessionKey: 'unused-session-1', events: splunkEvents(),
};
let loki: FakeServer;
let splunk: FakeServer;

beforeAll(async () => {
  [loki, splunk] = await Promise.all([startFakeLoki(lokiState), startFakeSplunk(splunkState)]);
});
afterAll(async () => Promise.all([loki.close(), splunk.close()]));
beforeEach(() => {
  splunkState.mode = 'normal';
  splunk.requests.length = 0;
});

const sides = {
  baseline: { query: '{app="checkout"}', from: BASELINE_FROM, to: BASELINE_TO },
  canary: { query: '{app="checkout"}', from: CANARY_FROM, to: CANARY_TO },
};

describe('verify()', () => {
  it('verify(options) gives the report compare() gives for the same lines', async () => {
    const report = await verify({ source: 'loki', url: loki.url, ...sides, env: {} });
    expect(report).toEqual(await compare(BASELINE_PATH, CANARY_PATH));
    expect(report.verdict).toBe('fail');
    expect(report.warnings).toBeUndefined();
  });

  it('verify(options) takes a saved profile as the baseline and reads only the canary', async () => {
    const base = (await profile(BASELINE_PATH)).toJSON();
    loki.requests.length = 0;
    const report = await verify({ source: 'loki', url: loki.url, baseline: base, canary: sides.canary, env: {}, sensitivity: 'high' });
    expect(report).toEqual(await compare(base, CANARY_PATH, { sensitivity: 'high' }));
    expect(loki.requests.every((r) => BigInt(r.query.get('start') ?? '0') >= BigInt(Date.parse(CANARY_FROM)) * 1_000_000n)).toBe(true);
  });

  it('reports truncation through onWarning and report.warnings', async () => {
    const seen: string[] = [];
    const report = await verify({ source: 'loki', url: loki.url, ...sides, env: {}, maxEvents: 30, onWarning: (w) => seen.push(w) });
    expect(seen).toEqual(report.warnings);
    expect(seen.filter((w) => /stopped at 30 events/.test(w))).toHaveLength(2);
    // one warning per side about the cap, saying which end of the window is missing
    expect(seen.filter((w) => /stopped at|event cap|maxEvents/.test(w))).toHaveLength(2);
    expect(seen.filter((w) => /^canary: .*latest part of the window is missing/.test(w))).toHaveLength(1);
  });

  it('when one side fails, the other read is cancelled and the error names the failing side', async () => {
    splunkState.mode = 'slow';
    const canaryStart = (Date.parse(CANARY_FROM) / 1000).toFixed(3);
    // The canary's export fails at once; the baseline's is still streaming.
    const fetchThatFailsTheCanary: typeof fetch = async (input, init) => {
      if (String(init?.body ?? '').includes(`earliest_time=${canaryStart}`)) {
        await new Promise((r) => setTimeout(r, 150));
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
      }
      return fetch(input, init);
    };
    const error = await verify({
      source: 'splunk', url: splunk.url, env: { SPLUNK_TOKEN: SECRETS.splunkToken }, fetch: fetchThatFailsTheCanary,
      baseline: { query: 'index=app', from: BASELINE_FROM, to: BASELINE_TO }, canary: { query: 'index=app', from: CANARY_FROM, to: CANARY_TO },
    }).catch((e: unknown) => e);
    expect(isSourceError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^canary: /);
    expect((error as { code: string }).code).toBe('E_SOURCE_NETWORK');
    expect(splunk.requests.length).toBeGreaterThan(0);
    expect(await Promise.all(splunk.requests.map((r) => r.closedEarly))).toEqual(splunk.requests.map(() => true));
  });

  it("the caller's signal cancels both reads", async () => {
    splunkState.mode = 'slow';
    const error = await verify({
      source: 'splunk', url: splunk.url, env: { SPLUNK_TOKEN: SECRETS.splunkToken }, signal: AbortSignal.timeout(100),
      baseline: { query: 'index=app', from: BASELINE_FROM, to: BASELINE_TO }, canary: { query: 'index=app', from: CANARY_FROM, to: CANARY_TO },
    }).catch((e: unknown) => e);
    expect(isSourceError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('E_SOURCE_ABORTED');
  });

  it('refuses a window that ends in the future before any request', async () => {
    const error = await verify({
      source: 'splunk', url: splunk.url, env: { SPLUNK_TOKEN: SECRETS.splunkToken },
      baseline: { query: 'index=app', from: BASELINE_FROM, to: BASELINE_TO }, canary: { query: 'index=app', from: Date.now() - 60_000, to: Date.now() + 60_000 },
    }).catch((e: unknown) => e);
    expect(isUsageError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^canary: the window ends in the future/);
    expect(splunk.requests).toHaveLength(0);
  });
});

describe('parseTime(value, what)', () => {
  it('parseTime reads ISO 8601 with a zone, dates, epoch milliseconds and Dates', () => {
    expect(parseTime('2024-05-01T10:00:00Z', 'from')).toBe(1714557600000);
    expect(parseTime('2024-05-01T12:00:00+02:00', 'from')).toBe(1714557600000);
    expect(parseTime('2024-05-01T12:00:00+0200', 'from')).toBe(1714557600000);
    expect(parseTime('2024-05-01T10:00:00.250Z', 'from')).toBe(1714557600250);
    expect(parseTime('2024-05-01', 'from')).toBe(Date.parse('2024-05-01T00:00:00Z'));
    expect(parseTime('1714557600000', 'from')).toBe(1714557600000);
    expect(parseTime(1714557600000, 'from')).toBe(1714557600000);
    expect(parseTime(new Date(1714557600000), 'from')).toBe(1714557600000);
  });

  it('parseTime refuses times it would have to guess: no zone, epoch seconds, impossible dates, garbage', () => {
    for (const bad of ['2024-05-01T10:00:00', '1714557600', 1714557600, '2024-02-30T10:00:00Z', '2024-05-01T25:00:00Z', 'now-1h', '', null, 1.5e12 + 0.5]) {
      let error: unknown;
      try {
        parseTime(bad, '--from');
      } catch (e) {
        error = e;
      }
      expect(isUsageError(error), String(bad)).toBe(true);
      expect((error as Error).message).toMatch(/^--from: /);
    }
  });
});
