import { describe, expect, it } from 'vitest';
import { parseEvents, readEvents, type LogEvent } from '../src/index.js';

const one = (line: string, options = {}): LogEvent => parseEvents([line], options).events[0]!;

describe('JSON lines', () => {
  it('read an ECS line: message, level, timestamp, and the rest as dotted attributes', () => {
    expect(one('{"@timestamp":"2025-02-03T13:00:00.250Z","log.level":"warn","message":"request completed","service.version":"2.1.0","http":{"response":{"status_code":503}},"ok":false,"tags":["a","b"]}')).toEqual({
      lineNumber: 1,
      lineCount: 1,
      raw: '{"@timestamp":"2025-02-03T13:00:00.250Z","log.level":"warn","message":"request completed","service.version":"2.1.0","http":{"response":{"status_code":503}},"ok":false,"tags":["a","b"]}',
      message: 'request completed',
      timestamp: Date.UTC(2025, 1, 3, 13, 0, 0, 250),
      level: 'warn',
      fields: { 'service.version': '2.1.0', 'http.response.status_code': '503', ok: 'false', tags: '["a","b"]' },
      formatMatched: true,
    });
  });

  it('read nested log.level, msg, severity, pino numeric levels and epoch timestamps', () => {
    expect(one('{"log":{"level":"error"},"msg":"m"}')).toMatchObject({ level: 'error', message: 'm' });
    expect(one('{"level":50,"time":1738587602000,"msg":"upstream failed"}')).toMatchObject({ level: 'error', timestamp: 1738587602000 });
    expect(one('{"severity":"WARNING","ts":1738587603.5,"log":"disk almost full"}')).toMatchObject({ level: 'warn', timestamp: 1738587603500, message: 'disk almost full' });
  });

  it('read GELF, Serilog compact (CLEF) and python-json-logger shapes', () => {
    expect(one('{"version":"1.1","host":"h1","short_message":"disk full","timestamp":1738587602.25,"level":3}')).toMatchObject({
      message: 'disk full', level: 'error', timestamp: 1738587602250, fields: { version: '1.1', host: 'h1' },
    });
    expect(one('{"@t":"2025-02-03T13:00:00Z","@m":"User 42 logged in","@mt":"User {Id} logged in","@l":"Warning","Id":42}')).toMatchObject({
      message: 'User 42 logged in', level: 'warn', fields: { '@mt': 'User {Id} logged in', Id: '42' },
    });
    expect(one('{"asctime":"x","levelname":"ERROR","message":"boom","exc_info":"Traceback (most recent call last):\\n  File \\"/a.py\\", line 1, in f\\nKeyError: \'k\'"}')).toMatchObject({
      level: 'error', exception: { type: 'KeyError', message: "'k'", frames: ['/a.py in f'] },
    });
  });

  it('turn error.type, error.message and an escaped error.stack_trace into exception info', async () => {
    const events: LogEvent[] = [];
    for await (const e of readEvents(new URL('../fixtures/records/json.log', import.meta.url).pathname)) events.push(e);
    expect(events[1]!.exception).toEqual({
      type: 'TypeError',
      message: "Cannot read properties of undefined (reading 'qty')",
      frames: ['CartService.addItem (/app/dist/cart.service.js)', 'async CartController.add (/app/dist/cart.controller.js)'],
    });
    expect(events[1]!.fields['error.stack_trace']).toBeUndefined();
    expect(events[1]!.fields['error.type']).toBe('TypeError');
  });

  it('treat a malformed JSON line as text, count it, and lose nothing', () => {
    const { events, stats } = parseEvents(['{"message":"broken', '{"message":"fine"}']);
    expect(events.map((e) => e.message)).toEqual(['{"message":"broken', 'fine']);
    expect(stats.malformedJsonLines).toBe(1);
  });

  it('describe a JSON line without a message by its fields', () => {
    expect(one('{"level":"info","method":"GET","status":200}').message).toBe('method=GET status=200');
  });

  it('keep a __proto__ key as a plain attribute', () => {
    const event = one('{"msg":"x","__proto__":{"polluted":"yes"}}');
    expect(event.fields['__proto__.polluted']).toBe('yes');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('use configured field names', () => {
    const event = one('{"event":"user signed in","lvl_name":"notice","user":"u1"}', { fieldNames: { messageKeys: ['event'], levelKeys: ['lvl_name'] } });
    expect(event).toMatchObject({ message: 'user signed in', level: 'info', fields: { user: 'u1' } });
  });

  it('read the header of a text line wrapped in a Docker JSON record (the time is the application\'s own when it has one)', () => {
    const line = '{"log":"2025-02-03 13:00:00,120 ERROR [main] c.acme.Db - pool exhausted\\n","stream":"stderr","time":"2025-02-03T13:00:00.5Z"}';
    const expected = { message: 'pool exhausted', level: 'error', fields: { stream: 'stderr', thread: 'main', logger: 'c.acme.Db' } };
    // unwrapped (containerLog 'auto' finds Docker's json-file records): the application's header gives the time
    expect(one(line)).toMatchObject({ ...expected, timestamp: Date.UTC(2025, 1, 3, 13, 0, 0, 120) });
    // read as a JSON line: the record's own time wins
    expect(one(line, { containerLog: 'none' })).toMatchObject({ ...expected, timestamp: Date.UTC(2025, 1, 3, 13, 0, 0, 500) });
  });

  it('leave JSON alone when structured detection is off', () => {
    expect(one('{"msg":"x"}', { structured: false }).message).toBe('{"msg":"x"}');
  });
});

describe('logfmt lines', () => {
  it('read level, msg, time and quoted values with escapes', () => {
    expect(one('time=2025-02-03T12:00:00.200Z level=warn msg="retrying \\"pricing\\" call" attempt=2 err="context deadline exceeded" debug')).toEqual({
      lineNumber: 1,
      lineCount: 1,
      raw: 'time=2025-02-03T12:00:00.200Z level=warn msg="retrying \\"pricing\\" call" attempt=2 err="context deadline exceeded" debug',
      message: 'retrying "pricing" call',
      timestamp: Date.UTC(2025, 1, 3, 12, 0, 0, 200),
      level: 'warn',
      fields: { attempt: '2', err: 'context deadline exceeded', debug: '' },
      formatMatched: true,
    });
  });

  it('read an escaped Go stack from a recovered panic as exception info', () => {
    const event = one('level=error msg="panic recovered" err="runtime error: index out of range" stack="goroutine 7 [running]:\\nacme/stock.(*Service).Levels(0xc00022083b)\\n\\t/src/stock/service.go:88 +0x1f1\\n"');
    expect(event.exception).toEqual({ type: 'panic', message: 'runtime error: index out of range', frames: ['acme/stock.(*Service).Levels'] });
    expect(event.fields).toEqual({ err: 'runtime error: index out of range' });
  });

  it('does not take prose with an equals sign, or pairs without a known key, for logfmt', () => {
    expect(one('retry=3 left, giving up').message).toBe('retry=3 left, giving up');
    expect(one('a=1 b=2').message).toBe('a=1 b=2');
    expect(one('level=info msg="unterminated').message).toBe('level=info msg="unterminated');
  });
});
