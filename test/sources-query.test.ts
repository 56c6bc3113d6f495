import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, isSourceError, isUsageError, querySource, sourceSpec, SourceError } from '../src/index.js';
import { startFakeSplunk, type SplunkState } from './fakes/splunk.js';
import { startFakeLoki, type LokiState } from './fakes/loki.js';
import type { FakeServer } from './fakes/server.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const splunkState: SplunkState = {
  mode: 'normal', busy: 0, token: 'tok-abcdef', username: 'u', password: 'p-123456', sessionKey: 'sk-123456',
  events: [0, 1, 2].map((i) => ({ time: T0 + i * 1000, raw: `line ${i}`, host: 'h', level: 'INFO' })),
};
const lokiState: LokiState = { entries: [1n, 2n].map((i) => ({ ts: BigInt(T0) * 1_000_000n + i, line: `loki ${i}`, stream: { app: 'a' } })), throttle: 0, body: 'json' };
let splunk: FakeServer;
let loki: FakeServer;

beforeAll(async () => {
  splunk = await startFakeSplunk(splunkState);
  loki = await startFakeLoki(lokiState);
});
afterAll(async () => {
  await splunk.close();
  await loki.close();
});

describe('querySource and collectEvents', () => {
  it('querySource(spec) reads the platform named by spec.source', async () => {
    const { events, summary } = await collectEvents(querySource({ source: 'loki', url: loki.url, query: '{app="a"}', from: T0, to: T0 + 1000, env: {} }));
    expect(events.map((e) => e.raw)).toEqual(['loki 1', 'loki 2']);
    expect(summary).toMatchObject({ platform: 'loki', events: 2, complete: true });
  });

  it('collectEvents(stream) puts newest-first events in time order, like a log file', async () => {
    const spec = { source: 'splunk', url: splunk.url, query: 'index=app', from: T0, to: T0 + 60_000, token: 'tok-abcdef', env: {} } as const;
    const { events } = await collectEvents(querySource(spec));
    expect(events.map((e) => e.raw)).toEqual(['line 0', 'line 1', 'line 2']);
    const received = await collectEvents(querySource(spec), { order: 'received' });
    expect(received.events.map((e) => e.raw)).toEqual(['line 2', 'line 1', 'line 0']);
  });

  it('collectEvents(stream) keeps the received order and says so when timestamps are missing', async () => {
    splunkState.mode = 'cet';
    try {
      const { events, summary } = await collectEvents(querySource({ source: 'splunk', url: splunk.url, query: 'index=app', from: T0, to: T0 + 60_000, token: 'tok-abcdef', env: {} }));
      expect(events.map((e) => e.raw)).toEqual(['line 2', 'line 1', 'line 0']);
      expect(summary.warnings.join('\n')).toContain('order the platform sent them');
    } finally {
      splunkState.mode = 'normal';
    }
  });

  it('an error fetching logs is a SourceError, never an empty success', async () => {
    splunkState.mode = 'empty200';
    try {
      const error = await collectEvents(querySource({ source: 'splunk', url: splunk.url, query: 'index=app', from: T0, to: T0 + 60_000, token: 'tok-abcdef', env: {} })).catch((e: unknown) => e);
      expect(isSourceError(error)).toBe(true);
      expect(error).toBeInstanceOf(SourceError);
    } finally {
      splunkState.mode = 'normal';
    }
  });

  it('sourceSpec(flags) builds a spec that querySource reads, with credentials from env', async () => {
    const spec = sourceSpec({ source: 'splunk', url: splunk.url, query: 'index=app', from: T0, to: T0 + 60_000, env: { SPLUNK_TOKEN: 'tok-abcdef' }, maxEvents: 2 });
    const { events, summary } = await collectEvents(querySource(spec));
    expect(events).toHaveLength(2);
    expect(summary.truncated).toBe(true);
  });

  it('sourceSpec(flags) requires an index for elastic and refuses elastic-only flags elsewhere', () => {
    expect(sourceSpec({ source: 'elastic', url: 'http://es', index: 'logs-*', messageField: 'event.original', query: '', from: T0, to: T0 + 1 })).toMatchObject({ index: 'logs-*', messageField: 'event.original' });
    expect(() => sourceSpec({ source: 'elastic', url: 'http://es', query: '', from: T0, to: T0 + 1 })).toThrow(/index/);
    expect(() => sourceSpec({ source: 'loki', url: 'http://l', query: '{a="b"}', index: 'x', from: T0, to: T0 + 1 })).toThrow(/elastic only/);
    expect(() => sourceSpec({ source: 'datadog', url: 'http://d', query: 'q', from: T0, to: T0 + 1 })).toThrow(/unknown source/);
  });

  it('querySource(spec) rejects an unknown platform with a UsageError', () => {
    let error: unknown;
    try {
      querySource({ source: 'datadog', url: 'http://x', query: 'q', from: T0, to: T0 + 1 } as never);
    } catch (e) {
      error = e;
    }
    expect(isUsageError(error)).toBe(true);
  });
});
