import { describe, expect, it } from 'vitest';
import { containerFixture, readContainerFixture } from './helpers/container.js';
import { compare, isUsageError, parseEvents, readEvents, type LogEvent } from '../src/index.js';

const path = containerFixture;
const read = readContainerFixture;

/** What framing made of the application's lines, whatever wrapped them. */
const seen = (e: LogEvent) => ({ raw: e.raw, message: e.message, level: e.level, exception: e.exception });
const at = (second: number, ms: number): number => Date.UTC(2026, 0, 10, 12, 0, second, ms);

const EXCEPTION = {
  type: 'java.lang.IllegalStateException',
  message: 'boom',
  frames: ['c.shop.App.run(App.java)', 'c.shop.Main.main(Main.java)'],
};
const JOINED = '2026-01-10 12:00:07,000 WARN [pool-1] c.shop.Cache - cache size 512 MiB exceeds the limit of 256 MiB, evicting';

describe('container logs', () => {
  it('frame the application lines of a CRI file as the unwrapped log: a stack trace is one event, P pieces are joined', async () => {
    const { events, stats } = await read('cri.log');
    const plain = (await read('app.log')).events;
    expect(events.map(seen)).toEqual(plain.map(seen));
    expect(events.map((e) => [e.lineNumber, e.lineCount])).toEqual([[1, 1], [2, 1], [3, 4], [7, 3]]);
    expect(events[2]).toMatchObject({ level: 'error', message: 'Request failed', exception: EXCEPTION, timestamp: at(3, 0) });
    expect(events[2]!.raw.split('\n')).toHaveLength(4);
    expect(events[3]).toMatchObject({ raw: JOINED, level: 'warn', timestamp: at(7, 0) });
    expect(stats).toMatchObject({ lines: 9, notUnwrappedLines: 0, unfinishedPartialLines: 0 });
  });

  it('give a header-less application line the CRI time and keep the stream as fields.stream', async () => {
    const [listening, started] = (await read('cri.log')).events;
    expect(listening).toMatchObject({ raw: 'Listening on port 8080', message: 'Listening on port 8080', timestamp: at(0, 123), fields: { stream: 'stderr' } });
    expect(started).toMatchObject({ message: 'Started in 1.2 s', level: 'info', timestamp: at(1, 0), fields: { stream: 'stdout', thread: 'main', logger: 'c.shop.App' } });
  });

  it('frame kubectl logs --timestamps output as the unwrapped log, header-less lines timed by kubectl', async () => {
    const { events, stats } = await read('kubectl.log');
    const plain = (await read('app.log')).events;
    expect(events.map(seen)).toEqual(plain.map(seen));
    expect(events[2]).toMatchObject({ lineNumber: 3, lineCount: 4, level: 'error', message: 'Request failed', exception: EXCEPTION });
    expect(events[0]).toMatchObject({ message: 'Listening on port 8080', timestamp: at(0, 123) });
    expect(events[0]!.fields['stream']).toBeUndefined();
    expect(stats.notUnwrappedLines).toBe(0);
  });

  it('frame Docker json-file records as the unwrapped log: logs without a newline are joined, stream kept', async () => {
    const { events, stats } = await read('docker.log');
    const plain = (await read('app.log')).events;
    expect(events.map(seen)).toEqual(plain.map(seen));
    expect(events.map((e) => [e.lineNumber, e.lineCount])).toEqual([[1, 1], [2, 1], [3, 4], [7, 3]]);
    expect(events[0]).toMatchObject({ timestamp: at(0, 123), fields: { stream: 'stderr' } });
    expect(events[2]).toMatchObject({ level: 'error', exception: EXCEPTION, fields: { stream: 'stdout' } });
    expect(events[3]).toMatchObject({ raw: JOINED, level: 'warn' });
    expect(stats.malformedJsonLines).toBe(0);
  });

  it('do not unwrap an application that writes its own ISO time before header-less stack-trace lines', async () => {
    const auto = await read('iso-app.log');
    const none = await read('iso-app.log', { containerLog: 'none' });
    expect(auto.events).toEqual(none.events);
    expect(auto.events[1]).toMatchObject({ lineNumber: 2, lineCount: 3, level: 'error', timestamp: Date.UTC(2026, 0, 10, 12, 0, 3) });
    expect(auto.events[1]!.raw.startsWith('2026-01-10T12:00:03.000Z ERROR')).toBe(true);
    expect(auto.stats.notUnwrappedLines).toBe(0);
  });

  it('keep a broken line of a Docker file whole, count it, and frame the rest', async () => {
    const { events, stats } = await read('docker-broken.log');
    expect(stats.notUnwrappedLines).toBe(1);
    // kept whole, the broken record is a header-less line after a header: framed into the open event, as text would be
    expect(events.map((e) => [e.lineNumber, e.lineCount])).toEqual([[1, 1], [2, 3]]);
    expect(events[1]!.raw.split('\n')).toEqual([
      '2026-01-10 12:00:03,000 ERROR [main] c.shop.App - Request failed',
      '{"log":"2026-01-10 12:00:04,000 INFO [main] c.shop.App - cut off here',
      'java.lang.IllegalStateException: boom',
    ]);
    expect(events[1]).toMatchObject({ level: 'error', fields: { stream: 'stdout' } });
  });

  it('emit and count a partial line the input ended before completing', async () => {
    const { events, stats } = await read('cri-unfinished.log');
    expect(stats.unfinishedPartialLines).toBe(1);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ lineNumber: 2, lineCount: 1, level: 'warn', raw: '2026-01-10 12:00:07,000 WARN [pool-1] c.shop.Cache - cache s' });
  });

  it('join pieces only up to the line cap, counting the line as truncated', () => {
    const lines = ['2026-01-10T12:00:00Z stdout P aaaaaaaaaa', '2026-01-10T12:00:01Z stdout P bbbbbbbbbb', '2026-01-10T12:00:02Z stdout F cccccccccc'];
    const { events, stats } = parseEvents(lines, { maxLineLength: 15 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ raw: 'aaaaaaaaaabbbbb', lineCount: 3, timestamp: Date.UTC(2026, 0, 10, 12, 0, 0) });
    expect(stats.truncatedLines).toBe(1);
  });

  it('join at most four streams at once: a file that opens a new stream per record cannot hold them all', () => {
    const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ log: `piece ${i}`, stream: `s${i}`, time: '2026-01-10T12:00:00Z' }));
    const { events, stats } = parseEvents(lines, { containerLog: 'docker' });
    expect(events.map((e) => [e.lineNumber, e.raw])).toEqual([[1, 'piece 0'], [2, 'piece 1'], [3, 'piece 2'], [4, 'piece 3'], [5, 'piece 4'], [6, 'piece 5']]);
    expect(stats.unfinishedPartialLines).toBe(6);
  });

  it("keep an application's own stream field: the wrapper's stream comes first only where the application has none", () => {
    const lines = [
      '2026-01-10T12:00:00.123Z stdout F {"level":"info","msg":"queued","user":"ann","stream":"orders"}',
      '2026-01-10T12:00:01.000Z stderr F {"level":"info","msg":"sent","user":"bob"}',
    ];
    const { events } = parseEvents(lines, { containerLog: 'cri' });
    expect(events.map((e) => Object.entries(e.fields))).toEqual([
      [['user', 'ann'], ['stream', 'orders']],
      [['stream', 'stderr'], ['user', 'bob']],
    ]);
  });

  it('leave a mixed input as it is unless the wrapper is forced, which counts the lines without it', async () => {
    const auto = await read('cri-mixed.log');
    expect(auto.events).toHaveLength(6);
    expect(auto.stats.notUnwrappedLines).toBe(0);
    const forced = await read('cri-mixed.log', { containerLog: 'cri' });
    expect(forced.events.map((e) => [e.lineNumber, e.lineCount])).toEqual([[1, 1], [2, 1], [3, 4]]);
    expect(forced.events[2]).toMatchObject({ level: 'error', exception: { type: 'java.lang.IllegalStateException' } });
    expect(forced.stats.notUnwrappedLines).toBe(2);
    const none = await read('cri.log', { containerLog: 'none' });
    expect(none.events).toHaveLength(9);
  });

  it('reject an unknown containerLog value with a UsageError', () => {
    let error: unknown;
    try {
      readEvents(path('cri.log'), { containerLog: 'podman' as never });
    } catch (e) {
      error = e;
    }
    expect(isUsageError(error)).toBe(true);
    expect((error as Error).message).toBe('containerLog must be one of auto, none, cri, kubectl, kubectl-prefix, docker, got "podman"');
  });

  it('compare() reads wrapped logs as the application lines, and warns about lines it could not unwrap', async () => {
    const report = await compare(path('docker.log'), path('docker-broken.log'), { threads: 'off' });
    expect(report.baseline.events).toBe(4);
    expect(report.warnings).toContain("canary: 1 line of a container log did not have its wrapper's shape (read as it is)");
    const forced = await compare(path('cri-mixed.log'), path('cri-mixed.log'), { containerLog: 'cri', threads: 'off' });
    expect(forced.baseline.events).toBe(3);
  });
});
