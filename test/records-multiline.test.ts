import { describe, expect, it } from 'vitest';
import { parseEvents, readEvents, type LogEvent } from '../src/index.js';

async function events(name: string): Promise<LogEvent[]> {
  const out: LogEvent[] = [];
  for await (const event of readEvents(new URL(`../fixtures/records/${name}`, import.meta.url).pathname)) out.push(event);
  return out;
}

describe('multi-line events', () => {
  it('frame a Java exception with nested Caused by and "... N more" as one event with its header message', async () => {
    const [, failure, next] = await events('java.log');
    expect(failure).toMatchObject({ lineNumber: 2, lineCount: 11, level: 'error', message: 'Could not bill account 7781' });
    expect(failure!.raw.split('\n')).toHaveLength(11);
    expect(failure!.raw.split('\n')[10]).toBe('\t... 5 more');
    expect(failure!.exception).toEqual({
      type: 'java.lang.IllegalStateException',
      message: 'ledger closed for period 2025-01',
      frames: ['c.acme.billing.Ledger.post(Ledger.java)', 'c.acme.billing.InvoiceService.bill(InvoiceService.java)', 'c.acme.billing.web.BillingController.run(BillingController.java)'],
      causes: ['java.sql.SQLTransientConnectionException', 'java.net.SocketTimeoutException'],
    });
    expect(next).toMatchObject({ lineNumber: 13, lineCount: 1, message: 'Slow down: 120 req/s' });
  });

  it('frame a JVM crash banner of # lines as one fatal event typed by its signal', async () => {
    const banner = (await events('java.log'))[3]!;
    expect(banner).toMatchObject({ lineNumber: 14, lineCount: 8, level: 'fatal', message: 'A fatal error has been detected by the Java Runtime Environment:' });
    expect(banner.exception).toMatchObject({ type: 'SIGSEGV', message: 'SIGSEGV (0xb)', frames: ['C  [libzip.so]  newEntry'] });
  });

  it('frame a Python traceback with a chained exception, DETAIL lines and blank lines', async () => {
    const [, charge, warning, fatal, last] = await events('python.log');
    expect(charge).toMatchObject({ lineNumber: 2, lineCount: 15, level: 'error', message: 'Charge failed for order 5512' });
    expect(charge!.raw).toContain('DETAIL:  Key (id)=(ch_91) already exists.');
    // The exception raised last is the one the block reports; the one it came from is its cause.
    expect(charge!.exception).toEqual({
      type: 'shop.db.IntegrityError',
      message: 'duplicate charge ch_91',
      frames: ['/srv/shop/db.py in insert', '/srv/shop/payments.py in charge'],
      causes: ['psycopg2.errors.UniqueViolation'],
    });
    expect(warning).toMatchObject({ lineNumber: 17, lineCount: 5, exception: { type: 'KeyError', message: "'region'" } });
    expect(fatal).toMatchObject({ lineNumber: 22, lineCount: 5, level: 'fatal', message: 'Fatal Python error: Segmentation fault' });
    expect(fatal!.exception?.frames).toEqual(['/srv/shop/native.py in crunch', '/srv/shop/worker.py in main']);
    expect(last).toMatchObject({ lineNumber: 27, message: 'Worker restarted' });
  });

  it('frame a Go panic with its goroutine dump and blank lines, and a fatal error, between logfmt lines', async () => {
    const list = await events('go.log');
    expect(list.map((e) => [e.lineNumber, e.lineCount])).toEqual([[1, 1], [2, 1], [3, 1], [4, 15], [19, 1], [20, 5], [25, 1]]);
    expect(list[3]).toMatchObject({ level: 'fatal', message: 'panic: runtime error: invalid memory address or nil pointer dereference' });
    expect(list[3]!.exception).toEqual({
      type: 'panic',
      message: 'runtime error: invalid memory address or nil pointer dereference',
      frames: ['acme/reservation.(*Service).Reserve', 'acme/httpapi.(*Server).handleReserve'],
    });
    expect(list[3]!.raw.endsWith('exit status 2')).toBe(true);
    expect(list[5]!.exception).toMatchObject({ type: 'fatal error', message: 'concurrent map writes', frames: ['acme/cache.(*Cache).Put'] });
  });

  it('frame a V8 out-of-memory block between JSON lines, with the FATAL ERROR line as message', async () => {
    const oom = (await events('json.log')).find((e) => e.lineNumber === 7)!;
    expect(oom).toMatchObject({ lineCount: 9, level: 'fatal', message: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' });
    expect(oom.exception).toMatchObject({ type: 'FATAL ERROR', frames: ['0x node::Abort() [node]', '0x  [node]'] });
  });

  it('frame a native Node abort with its numbered frames', async () => {
    const { parseEvents } = await import('../src/index.js');
    const { events: list } = parseEvents([
      '{"level":"info","msg":"ok"}',
      "node[1]: ../src/node_file.cc:1234:void node::fs::Close(): Assertion `(req_wrap) != nullptr' failed.",
      ' 1: 0xb7f7c0 node::Abort() [node]',
      ' 2: 0xb7f83e  [node]',
      'Aborted (core dumped)',
      '{"level":"info","msg":"ok"}',
    ]);
    expect(list.map((e) => e.lineCount)).toEqual([1, 4, 1]);
    expect(list[1]).toMatchObject({ level: 'fatal', exception: { type: 'native abort', frames: ['0x node::Abort() [node]', '0x  [node]'] } });
  });

  it('read hostile lines inside a stack trace in linear time', async () => {
    const { parseEvents } = await import('../src/index.js');
    const hostile = [`${'a$'.repeat(3000)}!`, `${'a.'.repeat(3000)}!`, `${'a'.repeat(60000)}Exception`, `Caused by: ${'x$.'.repeat(2000)}`, `\tat x${' '.repeat(60000)}y`];
    // Exponential backtracking would run into the test timeout; linear work takes milliseconds.
    const { events: list } = parseEvents(['2025-01-01 10:00:00 ERROR x', 'java.lang.RuntimeException: boom', '\tat a.B.c(B.java:1)', ...hostile]);
    expect(list[0]!.lineCount).toBe(3 + hostile.length);
  });

  it('strip line numbers from frames so a moved line does not change the exception', async () => {
    const { parseEvents } = await import('../src/index.js');
    const trace = (line: number) =>
      parseEvents(['2025-01-01 10:00:00 ERROR x', 'java.lang.RuntimeException: boom', `\tat a.B.c(B.java:${line})`, `\tat d.E.f(E.kt:${line + 7})`]).events[0]!.exception;
    expect(trace(10)).toEqual(trace(99));
    expect(trace(10)?.frames).toEqual(['a.B.c(B.java)', 'd.E.f(E.kt)']);
  });

  it('give an uncaught exception after an info line an event of its own', async () => {
    const { parseEvents } = await import('../src/index.js');
    const { events: list } = parseEvents([
      '2025-01-01 10:00:00,000 INFO  [main] c.a.Boot - Started',
      'Exception in thread "pool-1" java.lang.OutOfMemoryError: Java heap space',
      '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3541)',
      '2025-01-01 10:00:01,000 INFO  [main] c.a.Boot - Working',
      'Traceback (most recent call last):',
      '  File "/srv/job.py", line 3, in <module>',
      'MemoryError',
    ]);
    expect(list.map((e) => [e.lineNumber, e.lineCount, e.level])).toEqual([[1, 1, 'info'], [2, 2, 'error'], [4, 1, 'info'], [5, 3, 'error']]);
    expect(list[1]!.exception).toMatchObject({ type: 'java.lang.OutOfMemoryError', message: 'Java heap space' });
    expect(list[3]!.exception).toMatchObject({ type: 'MemoryError', frames: ['/srv/job.py in <module>'] });
  });

  it('treat a bare Java trace without header lines as one event', async () => {
    const { parseEvents } = await import('../src/index.js');
    const { events: list } = parseEvents(['Exception in thread "main" java.lang.NullPointerException: x is null', '\tat Main.main(Main.java:3)', 'next line']);
    expect(list.map((e) => e.lineCount)).toEqual([2, 1]);
    expect(list[0]!.exception).toMatchObject({ type: 'java.lang.NullPointerException', message: 'x is null', frames: ['Main.main(Main.java)'] });
  });
});

describe('lines with a bare level and no time', () => {
  it('each starts an event: an ERROR line is never folded into the INFO line before it', () => {
    const text = ['INFO cache hit key=order:1007 ttl=23s', 'DEBUG db query orders by id=1014 took 36ms', 'ERROR payment failed: NullPointerException in LedgerClient.post', '\tat c.shop.Ledger.post(Ledger.java:42)', 'INFO http GET /api/orders/1028 200 62ms'].join('\n');
    const { events } = parseEvents(text);
    expect(events.map((e) => [e.level, e.lineCount])).toEqual([['info', 1], ['debug', 1], ['error', 2], ['info', 1]]);
    expect(events[2]!.message).toBe('payment failed: NullPointerException in LedgerClient.post');
  });
});
