import { describe, expect, it } from 'vitest';
import { containerFixture, readContainerFixture } from './helpers/container.js';
import { compare, parseEvents, type LogEvent } from '../src/index.js';

const path = containerFixture;
const read = readContainerFixture;

const at = (second: number, ms: number): number => Date.UTC(2026, 0, 10, 12, 0, second, ms);
const inLineOrder = (events: LogEvent[]): LogEvent[] => [...events].sort((a, b) => a.lineNumber - b.lineNumber);
const brief = (e: LogEvent) => [e.lineNumber, e.lineCount, e.fields['pod'], e.level, e.exception?.type, e.message];

/** Both pods' events, as the fixtures (with and without --timestamps) hold them, in line order. */
const EXPECTED = [
  [1, 1, 'shop-7d9f-abc', undefined, undefined, 'Listening on port 8080'],
  [2, 1, 'shop-7d9f-xyz', undefined, undefined, 'Listening on port 8080'],
  [3, 1, 'shop-7d9f-abc', 'info', undefined, 'Started in 1.2 s'],
  [4, 4, 'shop-7d9f-abc', 'error', 'java.lang.IllegalStateException', 'Request failed'],
  [5, 4, 'shop-7d9f-xyz', 'error', 'java.lang.IllegalArgumentException', 'Request failed'],
  [12, 1, 'shop-7d9f-abc', 'warn', undefined, 'cache size 512 MiB exceeds the limit of 256 MiB, evicting'],
];

describe('kubectl logs --prefix', () => {
  it('frame each pod on its own: two interleaved stack traces are one event each, with the pod and container as fields', async () => {
    const { stats, events: completed } = await read('kubectl-prefix.log');
    // Events come out as each pod's next event begins: xyz's first line is done only when its error begins.
    expect(completed.map((e) => e.lineNumber)).toEqual([1, 3, 2, 4, 5, 12]);
    const events = inLineOrder(completed);
    expect(events.map(brief)).toEqual(EXPECTED);
    expect(stats.notUnwrappedLines).toBe(0);
    const [abc, xyz] = [events[3]!, events[4]!];
    expect(abc.fields).toMatchObject({ pod: 'shop-7d9f-abc', container: 'app' });
    expect(abc.raw.split('\n')).toEqual([
      '2026-01-10 12:00:03,000 ERROR [main] c.shop.App - Request failed',
      'java.lang.IllegalStateException: boom',
      '\tat c.shop.App.run(App.java:10)',
      '\tat c.shop.Main.main(Main.java:5)',
    ]);
    expect(abc.exception).toEqual({ type: 'java.lang.IllegalStateException', message: 'boom', frames: ['c.shop.App.run(App.java)', 'c.shop.Main.main(Main.java)'] });
    expect(xyz.exception).toMatchObject({ type: 'java.lang.IllegalArgumentException', message: 'bad cart', frames: ['c.shop.Cart.add(Cart.java)', 'c.shop.Main.main(Main.java)'] });
    // The application's own time wins; kubectl's times a line that has none.
    expect(abc.timestamp).toBe(at(3, 0));
    expect(events[0]!.timestamp).toBe(at(0, 123));
  });

  it('read the prefix without --timestamps the same way, leaving header-less lines untimed', async () => {
    const { stats, events: completed } = await read('kubectl-prefix-plain.log');
    const events = inLineOrder(completed);
    expect(events.map(brief)).toEqual(EXPECTED);
    expect(stats.notUnwrappedLines).toBe(0);
    expect(events[0]!.timestamp).toBeUndefined();
    expect(events[4]!.timestamp).toBe(at(3, 100));
  });

  it('frame the same with the wrapper forced, and read each pod as the unwrapped log reads', async () => {
    const forced = await read('kubectl-prefix.log', { containerLog: 'kubectl-prefix' });
    expect(inLineOrder(forced.events).map(brief)).toEqual(EXPECTED);
    const plain = await read('kubectl-prefix-plain.log', { containerLog: 'kubectl-prefix' });
    expect(inLineOrder(plain.events).map(brief)).toEqual(EXPECTED);
    // Forced on lines without the prefix, it keeps them whole and counts them, as any forced wrapper does.
    const other = parseEvents(['', 'Listening on port 8080', 'Started'], { containerLog: 'kubectl-prefix' });
    expect(other.events.map((e) => e.raw)).toEqual(['', 'Listening on port 8080', 'Started']);
    expect(other.stats.notUnwrappedLines).toBe(2);
  });

  it('do not take an ordinary log whose lines open with [main] or [INFO] for prefixed output', () => {
    const lines = ['[main] INFO Started in 1.2 s', '[INFO] 2026-01-10 12:00:01 cache warm', '[pod] not a prefix'];
    const { events, stats } = parseEvents(lines);
    expect(events).toEqual(parseEvents(lines, { containerLog: 'none' }).events);
    expect(events.every((e) => e.fields['pod'] === undefined)).toBe(true);
    expect(stats.notUnwrappedLines).toBe(0);
    // Two slashes and the `pod/` word are required: `[pod/x] ` and `[deployment/x/y] ` are not the prefix.
    const near = ['[pod/shop] 2026-01-10 12:00:01,000 INFO [main] c.shop.App - up', '[deployment/shop/app] 2026-01-10 12:00:01,000 INFO [main] c.shop.App - up'];
    expect(parseEvents(near).events.map((e) => e.raw)).toEqual(near);
    // One line of another shape among prefixed ones is enough to read the input as it is.
    const mixed = ['[pod/shop-1/app] 2026-01-10 12:00:01,000 INFO [main] c.shop.App - up', '[main] INFO done'];
    expect(parseEvents(mixed).events.map((e) => e.raw)).toEqual(parseEvents(mixed, { containerLog: 'none' }).events.map((e) => e.raw));
  });

  it('keep at most 16 pods open: the pod seen least recently is ended, and nothing is lost', () => {
    const lines: string[] = [];
    for (let p = 0; p < 20; p++) lines.push(`[pod/p${p}/app] 2026-01-10 12:00:01,000 ERROR [main] c.shop.App - failed ${p}`);
    for (let p = 19; p >= 0; p--) lines.push(`[pod/p${p}/app] \tat c.shop.App.run(App.java:${p})`);
    const { events } = parseEvents(lines);
    // Pods 0-3 were ended when pods 16-19 came: their stack lines start events of their own; pods 4-19 join.
    expect(events).toHaveLength(24);
    expect(events.reduce((n, e) => n + e.lineCount, 0)).toBe(40);
    const p19 = events.find((e) => e.fields['pod'] === 'p19')!;
    expect([p19.lineNumber, p19.lineCount, p19.level]).toEqual([20, 2, 'error']);
    const p4 = events.find((e) => e.fields['pod'] === 'p4')!;
    expect([p4.lineNumber, p4.lineCount, p4.raw.split('\n')[1]]).toEqual([5, 2, '\tat c.shop.App.run(App.java:4)']);
    expect(events.filter((e) => e.fields['pod'] === 'p0').map((e) => [e.lineNumber, e.lineCount])).toEqual([[1, 1], [40, 1]]);
  });

  it("put pod and container first among the fields, an application's own fields of those names kept", () => {
    const lines = [
      '[pod/shop-abc/app] {"level":"info","msg":"queued","user":"ann","pod":"checkout"}',
      '[pod/shop-abc/app] level=info msg=sent container=worker user=bob',
      '[pod/shop-abc/app] {"level":"info","msg":"done","user":"cy"}',
    ];
    const { events } = parseEvents(lines, { containerLog: 'kubectl-prefix' });
    expect(events.map((e) => Object.entries(e.fields))).toEqual([
      [['pod', 'checkout'], ['container', 'app'], ['user', 'ann']],
      [['pod', 'shop-abc'], ['container', 'worker'], ['user', 'bob']],
      [['pod', 'shop-abc'], ['container', 'app'], ['user', 'cy']],
    ]);
  });

  it('compare() reads prefixed output, with or without times, as the events of its pods', async () => {
    const report = await compare(path('kubectl-prefix.log'), path('kubectl-prefix-plain.log'), { threads: 'off' });
    expect([report.baseline.events, report.canary.events]).toEqual([6, 6]);
    expect((report.warnings ?? []).filter((w) => w.includes('wrapper'))).toEqual([]);
    expect(report.findings).toEqual([]);
  });
});
