import { describe, expect, it } from 'vitest';
import { detectPrefix, normalizeLevel } from '../src/index.js';

describe('detectPrefix', () => {
  it('takes timestamp, level, [thread] and "logger -" off a log4j line', () => {
    expect(detectPrefix('2026-11-20 23:00:03,907 ERROR [http-nio-8080-exec-152] c.shop.checkout.OrderService - Failed to place order 88141067')).toEqual({
      message: 'Failed to place order 88141067',
      timestamp: Date.UTC(2026, 10, 20, 23, 0, 3, 907),
      level: 'error',
      fields: { thread: 'http-nio-8080-exec-152', logger: 'c.shop.checkout.OrderService' },
    });
  });

  it('keeps a thread name with spaces and nested brackets whole', () => {
    const { fields, message } = detectPrefix('2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200');
    expect(fields['thread']).toBe('QuorumPeer[myid=1]/0:0:0:0:2181:FastLeaderElection@774');
    expect(message).toBe('Notification time out: 3200');
  });

  it('ends the header at a dash after the thread: the words after it are the message, not a logger', () => {
    // Zookeeper's `%d - %-5p [%t] - %m`: FOLLOWING and LEADING are two events, `Notification:` is part of the message
    expect(detectPrefix('2015-07-31 19:30:07,452 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:Follower@63] - FOLLOWING - LEADER ELECTION TOOK - 49')).toMatchObject({
      message: 'FOLLOWING - LEADER ELECTION TOOK - 49', level: 'info', fields: { thread: 'QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:Follower@63' },
    });
    expect(detectPrefix('2015-08-07 07:27:47,425 - INFO  [WorkerReceiver[myid=1]:FastLeaderElection@542] - Notification: 3 (n.leader), 0x700000197 (n.zxid)').message).toBe(
      'Notification: 3 (n.leader), 0x700000197 (n.zxid)',
    );
    // log4j's `[%t] %c - %m`: the logger comes right after the bracket, as before
    expect(detectPrefix('2026-11-20 23:00:03,907 ERROR [exec-1] c.shop.OrderService - Failed to place order 42').fields['logger']).toBe('c.shop.OrderService');
  });

  it('reads ISO-8601 with T, fraction and offset or Z', () => {
    expect(detectPrefix('2024-03-01T10:00:00.5+02:00 WARN disk almost full').timestamp).toBe(Date.UTC(2024, 2, 1, 8, 0, 0, 500));
    expect(detectPrefix('2024-03-01T10:00:00.123456Z INFO started')).toMatchObject({ timestamp: Date.UTC(2024, 2, 1, 10, 0, 0, 123), level: 'info', message: 'started' });
  });

  it('reads the python logging shape "time - logger - LEVEL - message"', () => {
    expect(detectPrefix('2026-11-20 20:00:00,042 - payments.ledger - INFO - Ledger entry 8074786 posted')).toMatchObject({
      message: 'Ledger entry 8074786 posted', level: 'info', fields: { logger: 'payments.ledger' },
    });
  });

  it('reads syslog with host and program[pid]', () => {
    expect(detectPrefix('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown')).toEqual({
      message: 'check pass; user unknown',
      timestamp: Date.UTC(2000, 5, 14, 15, 16, 1),
      fields: { host: 'combo', program: 'sshd(pam_unix)', pid: '19939' },
    });
    expect(detectPrefix('Jul  1 09:00:55 host-1 kernel[0]: Thunderbolt HPD packet').message).toBe('Thunderbolt HPD packet');
  });

  it('reads RFC 3339 syslog (an ISO time, then host and program[pid]), and nothing else as it', () => {
    expect(detectPrefix('2026-01-10T12:00:00.123456+00:00 web-1 sshd[42]: Accepted publickey for bob')).toEqual({
      message: 'Accepted publickey for bob',
      timestamp: Date.UTC(2026, 0, 10, 12, 0, 0, 123),
      fields: { host: 'web-1', program: 'sshd', pid: '42' },
    });
    expect(detectPrefix('2026-01-10T12:00:00Z web-1 shop[7]: ERROR [exec-2] c.shop.Mail - Failed to send')).toMatchObject({ message: 'Failed to send', level: 'error', fields: { program: 'shop', logger: 'c.shop.Mail' } });
    // a level where the host would be, or a program without a pid, is not syslog
    expect(detectPrefix('2026-01-10 12:00:00,123 ERROR worker[3]: boom')).toMatchObject({ message: 'worker[3]: boom', level: 'error' });
    expect(detectPrefix('2026-01-10T12:00:00Z INFO c.shop.HttpLog: GET /api').fields).toEqual({ logger: 'c.shop.HttpLog' });
  });

  it('reads an application header after the syslog header, so the message is the same as without syslog', () => {
    const inner = 'ERROR [exec-2] c.shop.Mail - Failed to send confirmation email';
    const viaSyslog = detectPrefix(`Jan 10 12:00:00 host1 shop[1234]: ${inner}`);
    const direct = detectPrefix(`2026-01-10T12:00:00.000Z ${inner}`);
    expect(viaSyslog.message).toBe('Failed to send confirmation email');
    expect(viaSyslog.message).toBe(direct.message);
    expect(viaSyslog).toMatchObject({ level: 'error', fields: { host: 'host1', program: 'shop', pid: '1234', thread: 'exec-2', logger: 'c.shop.Mail' } });
    expect(detectPrefix('Jan 10 12:00:00 host1 shop[1234]: [WARN] low stock')).toMatchObject({ message: 'low stock', level: 'warn' });
    // syslog's own words that read like levels stay in the message
    expect(detectPrefix('Jun 15 04:06:20 combo logrotate: ALERT exited abnormally with [1]')).toMatchObject({ message: 'ALERT exited abnormally with [1]' });
    expect(detectPrefix('Jun 15 04:06:20 combo logrotate: ALERT exited abnormally with [1]').level).toBeUndefined();
    expect(detectPrefix('Jan 10 12:00:00 host1 shop[1234]: INFORMATION center opened').message).toBe('INFORMATION center opened');
  });

  it('reads syslog program parts of two tokens when they carry a pid (macOS and sysklogd shapes)', () => {
    const cases: Array<[string, string, Record<string, string>]> = [
      ['Jul  1 09:29:02 calvisitor-10-105-160-95 sandboxd[129] ([31211]): QQ(31211) deny mach-lookup com.apple.networkd', 'QQ(31211) deny mach-lookup com.apple.networkd', { host: 'calvisitor-10-105-160-95', program: 'sandboxd', pid: '129' }],
      ['Jul  1 09:01:05 authorMacBook-Pro Microsoft Word[14463]: Cocoa scripting error', 'Cocoa scripting error', { host: 'authorMacBook-Pro', program: 'Microsoft Word', pid: '14463' }],
      ['Jul  3 17:10:11 calvisitor-10-105-160-184 BezelServices 255.10[94]: ASSERTION FAILED: dvcAddrRef', 'ASSERTION FAILED: dvcAddrRef', { host: 'calvisitor-10-105-160-184', program: 'BezelServices 255.10', pid: '94' }],
      ['Jul  7 08:06:15 combo  -- root[2421]: ROOT LOGIN ON tty2', 'ROOT LOGIN ON tty2', { host: 'combo', program: 'root', pid: '2421' }],
    ];
    for (const [line, message, fields] of cases) expect(detectPrefix(line), line).toMatchObject({ message, fields });
    // without a pid two words before a colon may be the message's own: they stay in it, and the host is read
    for (const [line, host] of [['Jun 19 04:09:11 combo syslogd 1.4.1: restart.', 'combo'], ['Jun 15 04:06:18 web-2 upgraded 2.0.1: restart needed', 'web-2']] as const) {
      const found = detectPrefix(line);
      expect(found.fields, line).toEqual({ host });
      expect(found.message).toBe(line.slice(17 + host.length));
    }
    // no word ending in a colon within two words after the host: the line keeps its host (it may have none)
    for (const line of ['Jun 15 04:06:18 Starting the backup job now', 'Jun 15 04:06:18 myhost Connection from 10.0.0.1: refused']) {
      expect(detectPrefix(line)).toMatchObject({ message: line.slice(16), fields: {} });
    }
    // syslogd's own repeat lines have no program, and the host is not part of the message
    for (const host of ['authorMacBook-Pro', 'calvisitor-10-105-160-95']) {
      expect(detectPrefix(`Jul  3 16:07:33 ${host} --- last message repeated 1 time ---`)).toMatchObject({ message: '--- last message repeated 1 time ---', fields: { host } });
      expect(detectPrefix(`Jun 14 15:16:01 ${host} last message repeated 2 times`)).toMatchObject({ message: 'last message repeated 2 times', fields: { host } });
    }
  });

  it('reads bracketed ctime timestamps and levels (Apache)', () => {
    expect(detectPrefix('[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6')).toEqual({
      message: 'mod_jk child workerEnv in error state 6', timestamp: Date.UTC(2005, 11, 4, 4, 47, 44), level: 'error', fields: {},
    });
  });

  it('reads loghub numeric headers: HDFS, Spark, Android, HealthApp', () => {
    expect(detectPrefix('081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating')).toMatchObject({
      message: 'PacketResponder 1 terminating', level: 'info', fields: { pid: '148', logger: 'dfs.DataNode$PacketResponder' }, timestamp: Date.UTC(2008, 10, 9, 20, 36, 15),
    });
    expect(detectPrefix('17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers').message).toBe('Registered signal handlers');
    expect(detectPrefix('03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs')).toMatchObject({
      message: 'printFreezingDisplayLogs', level: 'debug', fields: { pid: '1702', tid: '2395', logger: 'WindowManager' },
    });
    expect(detectPrefix('20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579')).toMatchObject({
      message: 'onStandStepChanged 3579', fields: { component: 'Step_LSC', pid: '30002312' }, timestamp: Date.UTC(2017, 11, 23, 22, 15, 29, 606),
    });
    // a part with a space in it, or with no closing bar, is message
    expect(detectPrefix('20171223-22:15:29:606|Step_LSC|3000 2312|onStandStepChanged')).toMatchObject({
      message: '3000 2312|onStandStepChanged', fields: { component: 'Step_LSC' },
    });
    expect(detectPrefix('20171223-22:15:29:606|Step LSC|30002312|x').message).toBe('Step LSC|30002312|x');
    expect(detectPrefix('20171223-22:15:29:606|Step_LSC').message).toBe('Step_LSC');
  });

  it('reads a syslog pid only from brackets inside the program part', () => {
    expect(detectPrefix('Jun 14 15:16:01 combo sshd]: x').fields).toEqual({});
    expect(detectPrefix('Jun 14 15:16:01 combo [42]: x').fields).toEqual({});
    expect(detectPrefix('Jun 14 15:16:01 combo a[b[42]: x')).toMatchObject({ message: 'x', fields: { host: 'combo', program: 'a[b', pid: '42' } });
  });

  it('reads a bare level of five letters at the start of a line, which a klog header also starts with', () => {
    // an application writing `LEVEL message` to stdout, its runtime adding the time
    expect(detectPrefix('DEBUG db query orders by id=1014 took 36ms')).toEqual({ message: 'db query orders by id=1014 took 36ms', level: 'debug', fields: {} });
    expect(detectPrefix('ERROR payment failed: NullPointerException in LedgerClient.post')).toMatchObject({ message: 'payment failed: NullPointerException in LedgerClient.post', level: 'error' });
    expect(detectPrefix('FATAL out of memory')).toMatchObject({ message: 'out of memory', level: 'fatal' });
    expect(detectPrefix('E0102 15:04:05.123456    1234 main.go:10] sync failed')).toMatchObject({ message: 'sync failed', level: 'error', fields: { pid: '1234', source: 'main.go:10' } });
  });

  it('reads nginx error, nginx access and klog headers', () => {
    expect(detectPrefix('2026/11/20 21:00:01 [error] 48#48: *1253368 upstream timed out')).toMatchObject({
      message: '*1253368 upstream timed out', level: 'error', fields: { pid: '48#48' },
    });
    expect(detectPrefix('81.37.135.131 - - [20/Nov/2026:21:00:00 +0100] "GET / HTTP/1.1" 200 593')).toEqual({
      message: '"GET / HTTP/1.1"', timestamp: Date.UTC(2026, 10, 20, 20, 0, 0), level: 'info', fields: { client: '81.37.135.131', method: 'GET', status: '200' },
    });
    // the request without its query string (status is a field): sizes, referrer, user agent and timings stay in the raw line
    expect(detectPrefix('1.2.3.4 - - [20/Nov/2026:21:00:00 +0000] "GET /api/v1/search?q=red+shoes&page=3 HTTP/2.0" 200 3406 "https://shop/x" "Mozilla/5.0 (X11)" 833 0.055').message).toBe(
      '"GET /api/v1/search HTTP/2.0"',
    );
    expect(detectPrefix('10.0.0.1 - bob [20/Nov/2026:21:00:00 +0000] "POST /api HTTP/2.0" 503 0 "-" "curl"').level).toBe('error');
    expect(detectPrefix('10.0.0.1 - - [20/Nov/2026:21:00:00 +0000] "GET /x HTTP/1.1" 404 0').level).toBe('warn');
    expect(detectPrefix('2001:db8::1 - - [20/Nov/2026:21:00:00 +0000] "GET /x HTTP/1.1" 200 0').fields).toMatchObject({ client: '2001:db8::1' });
    // a first token that is no address (no `.` or `:`) is no access log
    expect(detectPrefix('134681 - - [20/Nov/2026:21:00:00 +0000] "GET /x HTTP/1.1" 200 0')).toEqual({
      message: '134681 - - [20/Nov/2026:21:00:00 +0000] "GET /x HTTP/1.1" 200 0', fields: {},
    });
    expect(detectPrefix('W1120 21:00:04.645667       7 controller.go:1112] Service "shop/recs" has no Endpoint.')).toMatchObject({
      message: 'Service "shop/recs" has no Endpoint.', level: 'warn', fields: { pid: '7', source: 'controller.go:1112' },
    });
  });

  it('reads Spring Boot headers: pid, ---, a padded [thread] and a padded logger column', () => {
    expect(detectPrefix('2024-05-01T10:00:00.123+02:00  INFO 4242 --- [           main] c.e.demo.DemoApplication                 : Started DemoApplication in 2.1 seconds')).toEqual({
      message: 'Started DemoApplication in 2.1 seconds',
      timestamp: Date.UTC(2024, 4, 1, 8, 0, 0, 123),
      level: 'info',
      fields: { pid: '4242', thread: 'main', logger: 'c.e.demo.DemoApplication' },
    });
    expect(detectPrefix('2024-05-01T10:00:00.123Z  WARN 4242 --- [demo] [nio-8080-exec-1] o.s.web.servlet.PageNotFound : No mapping for GET /x').fields).toEqual({
      pid: '4242', application: 'demo', thread: 'nio-8080-exec-1', logger: 'o.s.web.servlet.PageNotFound',
    });
  });

  it("reads Ruby's Logger lines", () => {
    expect(detectPrefix('E, [2024-05-01T10:00:00.123456 #4242] ERROR -- web: Timeout::Error after 30s')).toEqual({
      message: 'Timeout::Error after 30s', timestamp: Date.UTC(2024, 4, 1, 10, 0, 0, 123), level: 'error', fields: { pid: '4242', program: 'web' },
    });
    expect(detectPrefix('I, [2024-05-01T10:00:00.123456 #4242]  INFO -- : Completed 200 OK').message).toBe('Completed 200 OK');
  });

  it("reads Python's default LEVEL:logger:message", () => {
    expect(detectPrefix('WARNING:payments.retry:card declined, retrying')).toEqual({ message: 'card declined, retrying', level: 'warn', fields: { logger: 'payments.retry' } });
    expect(detectPrefix('NOTE:x:y').level).toBeUndefined();
  });

  it('reads a Kubernetes CRI line and the header of the line it wraps', () => {
    expect(detectPrefix('2025-02-03T13:00:00.123456789Z stderr F 2025-02-03 13:00:00,120 WARN [main] c.acme.Db - slow query')).toEqual({
      message: 'slow query',
      timestamp: Date.UTC(2025, 1, 3, 13, 0, 0, 120),
      level: 'warn',
      fields: { stream: 'stderr', thread: 'main', logger: 'c.acme.Db' },
    });
    expect(detectPrefix('2025-02-03T13:00:00Z stdout P partial text')).toEqual({ message: 'partial text', timestamp: Date.UTC(2025, 1, 3, 13), fields: { stream: 'stdout' } });
  });

  it('takes a level at the start of a line without a timestamp', () => {
    expect(detectPrefix('[WARN] cache is cold')).toMatchObject({ message: 'cache is cold', level: 'warn' });
    expect(detectPrefix('ERROR: could not connect')).toMatchObject({ message: 'could not connect', level: 'error' });
  });

  it('is conservative: message words that only look like header parts stay', () => {
    for (const line of [
      'java.lang.IllegalStateException: pool closed',
      'Error connecting to db',
      'Connection refused: localhost:5432',
      '\tat com.shop.Foo.bar(Foo.java:12)',
      '134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change',
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      '',
    ]) {
      expect(detectPrefix(line)).toEqual({ message: line, fields: {} });
    }
    // A capitalized level word right after a timestamp is a level only when it stands in a column.
    expect(detectPrefix('2024-01-01 10:00:00 Error connecting to db')).toMatchObject({ message: 'Error connecting to db' });
    expect(detectPrefix('2024-01-01 10:00:00 Error connecting to db').level).toBeUndefined();
    expect(detectPrefix('2016-09-28 04:30:30, Info                  CBS    Loaded')).toMatchObject({ level: 'info', message: 'CBS    Loaded' });
  });

  it('leaves an invalid date in the message', () => {
    expect(detectPrefix('2024-13-45 10:00:00 INFO x')).toEqual({ message: '2024-13-45 10:00:00 INFO x', fields: {} });
  });

  it.each([
    '2026-02-30T10:00:00Z INFO boom',
    '2026-06-31 10:00:00,123 INFO [main] c.Foo - x',
    '2026-06-01T10:00:00+99:99 INFO boom',
    'Jun 31 10:00:00 host sshd[1]: x',
    'Feb 30 10:00:00 host sshd[1]: x',
    '[Sun Feb 30 04:47:44 2005] [error] x',
    '081131 203615 148 INFO dfs.X: y',
    '02-30 16:13:38.811  1702  2395 D W: x',
  ])('leaves a day the month does not have, or an impossible offset, in the message: %s', (line) => {
    expect(detectPrefix(line)).toEqual({ message: line, fields: {} });
  });

  it('reads the last day of each month, Feb 29 in a leap year included', () => {
    expect(detectPrefix('2024-02-29T10:00:00Z INFO x').timestamp).toBe(Date.UTC(2024, 1, 29, 10));
    expect(detectPrefix('2026-04-30T10:00:00-23:59 INFO x').timestamp).toBe(Date.UTC(2026, 3, 30, 10) + (23 * 60 + 59) * 60_000);
    expect(detectPrefix('Feb 29 10:00:00 host sshd[1]: x').timestamp).toBe(Date.UTC(2000, 1, 29, 10));
    expect(detectPrefix('2023-02-29T10:00:00Z INFO x').timestamp).toBeUndefined();
  });
});

describe('normalizeLevel', () => {
  it.each([
    ['WARNING', 'warn'], ['warn', 'warn'], ['Err', 'error'], ['SEVERE', 'error'], ['CRIT', 'fatal'], ['notice', 'info'],
    ['E', 'error'], ['d', 'debug'], ['FINEST', 'trace'], ['Panic', 'fatal'],
  ])('normalizeLevel(%s) is %s', (name, level) => {
    expect(normalizeLevel(name)).toBe(level);
  });

  it('returns undefined for words that are not levels', () => {
    expect(normalizeLevel('hello')).toBeUndefined();
    expect(normalizeLevel('X')).toBeUndefined();
    expect(normalizeLevel('')).toBeUndefined();
  });
});

describe('detectPrefix timestamps', () => {
  it('agree with Date.UTC for any valid ISO-8601 date and time', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.integer({ min: 1971, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const p2 = (n: number) => String(n).padStart(2, '0');
          const line = `${y}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}.${String(ms).padStart(3, '0')}Z INFO x`;
          expect(detectPrefix(line).timestamp).toBe(Date.UTC(y, mo - 1, d, h, mi, s, ms));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('detectPrefix on any line built of header parts', () => {
  // Lines assembled from the parts headers are made of (timestamps of every form read, levels, brackets, pipes,
  // syslog programs, access-log pieces, separators) and arbitrary text, so every header shape meets every other.
  const parts = [
    '2024-05-01T10:00:00.123Z', '2024-05-01 10:00:00,123', '2015/10/18 18:01:47', '081109 203615', '17/06/09 20:10:40',
    'Jun 14 15:16:01', 'Sun Dec 04 04:47:44 2005', '[Sun Dec 04 04:47:44 2005]', '20171223-22:15:29:606', '03-17 16:13:38.811',
    '2005-06-03-15.42.50.675872', '20/Nov/2026:21:00:00 +0000', '[20/Nov/2026:21:00:00 +0000]', 'I1120 21:00:04.645667',
    'INFO', 'WARN', 'Error', 'E', 'D', '[main]', '[ERROR]', '[a[b]c]', 'c.shop.Foo:', 'c.shop.Foo', 'Foo -', '-', '--', '---',
    'combo', 'sshd[123]:', 'kernel:', '10.0.0.1', '::1', '"GET /x?q=1 HTTP/1.1"', '200', '503', '1702', '42#7', '|', '|a|b|',
    'stdout F', ':', '[', ']', '"', 'é', 'Ā', '\t', ' ', '  ', 'last message repeated 2 times', '--- last message repeated 1 time ---',
  ];
  const levels = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

  it('never throws, and what it gives comes from the line', async () => {
    const fc = (await import('fast-check')).default;
    const piece = fc.oneof({ arbitrary: fc.constantFrom(...parts), weight: 4 }, { arbitrary: fc.string({ maxLength: 6 }), weight: 1 });
    // mostly one space between parts, as headers have
    const separator = fc.oneof({ arbitrary: fc.constant(' '), weight: 8 }, { arbitrary: fc.constantFrom('', '  ', '\t', ': '), weight: 2 });
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, separator), { maxLength: 8 }), fc.string({ maxLength: 10 }), (pieces, tail) => {
        const line = pieces.map(([p, sep]) => p + sep).join('') + tail;
        const found = detectPrefix(line);
        for (const value of Object.values(found.fields)) expect(line).toContain(value);
        // an access log's request is rewritten (method and path, the status a field); otherwise the message is the line's end
        if (found.fields['method'] === undefined) expect(line.endsWith(found.message), line).toBe(true);
        if (found.timestamp !== undefined) expect(Number.isFinite(found.timestamp), line).toBe(true);
        if (found.level !== undefined) expect(levels.has(found.level), line).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
