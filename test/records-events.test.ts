import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileLogFormat, createEventParser, isInputError, parseEvents, readEventBatches, readEvents, type LogEvent } from '../src/index.js';

const fixture = (name: string): string => new URL(`../fixtures/records/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'logsift-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(input: string, options = {}): Promise<{ events: LogEvent[]; stats: ReturnType<typeof readEvents>['stats'] }> {
  const source = readEvents(input, options);
  const events: LogEvent[] = [];
  for await (const event of source) events.push(event);
  return { events, stats: source.stats };
}

describe('events from lines', () => {
  it('parse a log format into message, level and header fields, numbering lines from 1', async () => {
    const { events, stats } = await collect(fixture('loghub-like.log'), { logFormat: '<Date> <Time> <Pid> <Level> <Component>: <Content>' });
    expect(events.map((e) => [e.lineNumber, e.lineCount, e.formatMatched])).toEqual([[1, 1, true], [2, 1, true], [3, 1, false], [4, 1, true]]);
    expect(events[0]).toMatchObject({
      message: 'PacketResponder 1 for block blk_3886 terminating',
      level: 'info',
      fields: { Date: '081109', Time: '203615', Pid: '148', Component: 'dfs.DataNode$PacketResponder' },
    });
    expect(events[0]!.timestamp).toBe(Date.UTC(2008, 10, 9, 20, 36, 15));
    expect(events[1]!.level).toBe('warn');
    expect(events[2]).toMatchObject({ message: 'this continuation line has no header', raw: 'this continuation line has no header', fields: {} });
    expect(stats.unmatchedLines).toBe(1);
    expect(stats.lines).toBe(4);
  });

  it('read timestamps from the Month, Date, Day and Time fields of a log format', () => {
    const syslog = parseEvents(['Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user'], { logFormat: '<Date> <Day> <Time> <Component> sshd\\[<Pid>\\]: <Content>' });
    expect(syslog.events[0]!.timestamp).toBe(Date.UTC(2000, 11, 10, 6, 55, 46));
    const epoch = parseEvents(['1 node-1 1077804742 state change'], { logFormat: '<LogId> <Node> <Time> <Content>' });
    expect(epoch.events[0]!.timestamp).toBe(1077804742000);
    const bgl = parseEvents(['- 2005-06-03-15.42.50.675872 RAS KERNEL INFO ok'], { logFormat: '<Label> <Time> <Type> <Component> <Level> <Content>' });
    expect(bgl.events[0]!).toMatchObject({ timestamp: Date.UTC(2005, 5, 3, 15, 42, 50, 675), level: 'info', message: 'ok' });
  });

  it('accept a compiled format as well as a format string', () => {
    const { events } = parseEvents(['10:00 W boom'], { logFormat: compileLogFormat('<Time> <Level> <Content>') });
    expect(events[0]).toMatchObject({ message: 'boom', level: 'warn', formatMatched: true });
  });

  it('detect headers automatically so the message is what remains', () => {
    const { events } = parseEvents([
      'just text',
      '2026-11-20 23:00:00,051 INFO  [exec-8] c.shop.users.AccountLinker - Guest checkout converted',
      'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186',
    ]);
    expect(events.map((e) => e.message)).toEqual(['just text', 'Guest checkout converted', 'Invalid user webmaster from 173.234.31.186']);
    expect(events[1]!.timestamp).toBe(Date.UTC(2026, 10, 20, 23, 0, 0, 51));
    expect(events[2]!.fields).toEqual({ host: 'LabSZ', program: 'sshd', pid: '24200' });
    expect(events.every((e) => e.formatMatched)).toBe(true);
  });

  it('let header-less lines after a detected header continue its event, but not lines opening with a digit', () => {
    const { events } = parseEvents(['2025-01-01 10:00:00 ERROR query failed', 'DETAIL:  Key (id)=(7) already exists.', '42 rows skipped']);
    expect(events.map((e) => e.lineCount)).toEqual([2, 1]);
  });

  it('give a run of header-less records after a header back as events of their own', () => {
    const records = Array.from({ length: 6 }, (_, i) => `- 11178385${i} R02-M1-N0 RAS KERNEL INFO cache parity error corrected`);
    const { events } = parseEvents(['[Sun Dec 04 04:47:44 2005] [error] mod_jk child in error state 6', ...records]);
    expect(events.map((e) => [e.lineNumber, e.lineCount])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 1]]);
    expect(events[3]!.raw).toBe(records[2]);
    const message = parseEvents(['2025-01-01 10:00:00 INFO effective config:', 'pool=12', 'timeout=30s', 'retries=3']).events;
    expect(message.map((e) => e.lineCount)).toEqual([4]);
  });

  it('with a log format, keep an unmatched line as its own event but frame a stack trace', () => {
    const format = '<Date> <Time> <Level> <Content>';
    const { events, stats } = parseEvents(
      ['2025-01-01 10:00:00 ERROR failed', 'java.lang.IllegalStateException: closed', '\tat a.B.c(B.java:1)', 'stray text', '2025-01-01 10:00:01 INFO ok'],
      { logFormat: format },
    );
    expect(events.map((e) => [e.lineNumber, e.lineCount, e.formatMatched])).toEqual([[1, 3, true], [4, 1, false], [5, 1, true]]);
    expect(events[0]!.exception?.type).toBe('java.lang.IllegalStateException');
    expect(stats.unmatchedLines).toBe(3);
  });

  it('keep lines whole without framing when multiline is off', () => {
    const lines = ['2025-01-01 10:00:00 ERROR boom', '\tat a.B.c(B.java:1)', ''];
    const { events } = parseEvents(lines, { multiline: false });
    expect(events.map((e) => e.raw)).toEqual(lines);
  });

  it('split a string input on LF and CRLF', () => {
    expect(parseEvents('a\r\nb\n').events.map((e) => e.raw)).toEqual(['a', 'b']);
    expect(parseEvents('').events).toEqual([]);
  });

  it('give the same events in batches as one at a time, with stats from the reader', async () => {
    const path = fixture('java.log');
    const batches = readEventBatches(path, { chunkSize: 64 });
    const batched: LogEvent[] = [];
    for await (const batch of batches) batched.push(...batch);
    const { events, stats } = await collect(path);
    expect(batched).toEqual(events);
    expect(batches.stats).toEqual(stats);
    expect(stats.lines).toBe(events.reduce((sum, e) => sum + e.lineCount, 0));
  });

  it('reject an invalid format at once and a missing file when read', async () => {
    expect(() => readEvents(fixture('java.log'), { logFormat: '<Date>' })).toThrow(/Content/);
    const error = await collect(join(dir, 'missing.log')).catch((e: unknown) => e);
    expect(isInputError(error)).toBe(true);
  });

  it('account for every line in lineNumber and lineCount, whatever the lines', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '\tat a.B.c(B.java:1)', 'Caused by: x.Y: z', 'Traceback (most recent call last):', '  File "a.py", line 1, in f',
        'panic: boom', 'goroutine 1 [running]:', '#', '# A fatal error has been detected', '<--- Last few GCs --->', 'FATAL ERROR: oom',
        '2025-01-01 10:00:00 ERROR x', '{"level":"warn","msg":"m"}', '{"broken', 'level=info msg="x y" a=1'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (lines, maxEventLines) => {
        const parser = createEventParser({ maxEventLines });
        const events = [...parser.push(lines.slice(0, 7)), ...parser.push(lines.slice(7)), ...parser.end()];
        let next = 1;
        for (const event of events) {
          expect(event.lineNumber).toBe(next);
          expect(event.lineCount).toBeLessThanOrEqual(maxEventLines);
          expect(event.raw.split('\n').length).toBeLessThanOrEqual(event.lineCount);
          expect(event.raw.startsWith(lines[next - 1]!)).toBe(true);
          next += event.lineCount;
        }
        expect(next - 1).toBe(lines.length);
        expect(parser.stats.lines).toBe(lines.length);
      }),
      { numRuns: 300 },
    );
  });

  it('read any bytes into events without throwing, every line in exactly one event', async () => {
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.constantFrom('\n', '\r\n', '\n\tat a.B(C.java:1)\n', 'panic: x\n\ngoroutine 1 [running]:\n', '{"msg":"m","level":"error"}\n', '{"bad\n', 'Traceback (most recent call last):\n', '2025-01-01 10:00:00 ERROR e\n', '#\n').map((t) => new TextEncoder().encode(t)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (pieces, maxEventLines) => {
        async function* chunks(): AsyncIterable<Uint8Array> {
          for (const p of pieces) yield p;
        }
        const source = readEvents(chunks(), { maxEventLines });
        let next = 1;
        for await (const event of source) {
          expect(event.lineNumber).toBe(next);
          expect(event.lineCount).toBeGreaterThanOrEqual(1);
          next += event.lineCount;
        }
        expect(next - 1).toBe(source.stats.lines);
      }),
      { numRuns: 200 },
    );
  });

  it('cap an endless block and count it', () => {
    const lines = ['2025-01-01 10:00:00 ERROR boom', ...Array.from({ length: 25 }, (_, i) => `\tat a.B.m${i}(B.java:${i})`)];
    const { events, stats } = parseEvents(lines, { maxEventLines: 10 });
    expect(events.map((e) => e.lineCount)).toEqual([10, 10, 6]);
    expect(stats.cappedEvents).toBe(2);
  });

  it('read a file written with an awkward mix of line endings', async () => {
    const path = join(dir, 'mixed.log');
    writeFileSync(path, '2025-01-01 10:00:00 ERROR boom\r\n\tat a.B.c(B.java:1)\r\n2025-01-01 10:00:01 INFO ok');
    const { events } = await collect(path);
    expect(events.map((e) => [e.lineCount, e.raw])).toEqual([[2, '2025-01-01 10:00:00 ERROR boom\n\tat a.B.c(B.java:1)'], [1, '2025-01-01 10:00:01 INFO ok']]);
  });
});
