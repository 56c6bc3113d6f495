import { describe, expect, it } from 'vitest';
import { TemplateMiner, builtinMasks, classifyToken, maskToken, maskTokens, tokenize } from '../src/index.js';

describe('tokens: masking variables by shape', () => {
  it.each([
    ['10.251.73.220:50010', '<*>:<*>'],
    ['/10.251.42.84', '<*>'],
    ['blk_-1608999687919862906', '<*>'],
    ['67108864', '<*>'],
    ['0.023958297', '<*>'],
    ['uid=0', 'uid=<*>'],
    ['(uid=0)', '(uid=<*>)'],
    ['node-129', 'node-<*>'],
    ['/var/log/messages', '<*>'],
    ['/var/www/html/', '<*>'],
    ['true', '<*>'],
    ['false,', '<*>,'],
    ['root', '<*>'],
    ['(root)', '(<*>)'],
    ['from=admin,', 'from=<*>,'],
    ['[DFSClient_NONMAPREDUCE_1537864556_1]', '[<*>]'],
    ['job_1445144423722_0020.', '<*>.'],
    ['hdfs://msra-sa-41:9000/tmp/x', 'hdfs://<*>'],
    // a colon after a URL is punctuation, as a period is
    ['com.apple.ical.sync.x-coredata://DB05755C-483D-44B7-B93B-ED06E57FF420/CalDAVPrincipal/p11:', 'com.apple.ical.sync.x-coredata://<*>:'],
    ['http://10.0.0.1:8080:', 'http://<*>:<*>:'],
    ['api.github.com:443', '<*>:<*>'],
    ['b9000564-fe1a-409b-b8cc-1e88b294cd1d', '<*>'],
    ['0x7ffd1234', '<*>'],
    ['250ms', '<*>'],
    ['12.5KB', '<*>'],
    ['fe80::1', '<*>'],
    ['2607:f140:6000:8:c6b3:1ff:fecd:467f', '<*>'],
    ['FF:F2:9F:15:7E:6E:00:0D:60:EA:81:91', '<*>'],
    ['core.2275', 'core.<*>'],
    ['<memory:1024,', '<memory:<*>,'],
    ['user@example.com', '<*>'],
    ['C:\\Windows\\system32\\x.dll', '<*>'],
    ['enabled.....1', 'enabled.....<*>'],
    ['104-127', '<*>-<*>'],
  ])('maskToken(%j) masks the variable parts: %j', (token, masked) => {
    expect(maskToken(token)).toBe(masked);
  });

  it.each(['Connection', 'chroot', 'administrator', 'ssh2', 'eth0', 'HttpServer2', 'http://wiki.apache.org/hadoop/NoRouteToHost', 'org.apache.hadoop.Foo', '[preauth]', 'time(s);'])(
    'maskToken(%j) keeps a constant token as it is',
    (token) => {
      expect(maskToken(token)).toBe(token);
    },
  );

  it('an HTTP status outcome field stays a constant, in the masks and in the miner\'s templates', () => {
    expect(maskToken('status=503')).toBe('status=503');
    expect(maskToken('http.response.status_code=404')).toBe('http.response.status_code=404');
    expect(maskToken('statusCode=200')).toBe('statusCode=200');
    // not a status: other keys, other numbers
    expect(maskToken('code=503')).toBe('code=<*>');
    expect(maskToken('status=1503')).toBe('status=<*>');
    expect(maskToken('status=42')).toBe('status=<*>');
    const miner = new TemplateMiner();
    for (const status of [200, 200, 201, 404, 503, 504, 200, 302]) for (let i = 0; i < 3; i++) miner.add(`request ${i * 17} done status=${status}`);
    expect(miner.templates().map((t) => t.text).sort()).toEqual(
      ['200', '201', '302', '404', '503', '504'].map((s) => `request <*> done status=${s}`),
    );
    // other key=value outcomes still generalize
    const words = new TemplateMiner();
    for (const r of ['OK', 'DECLINED', 'PENDING', 'OK']) words.add(`charge done result=${r}`);
    expect(words.templates().map((t) => t.text)).toEqual(['charge done result=<*>']);
  });

  it('pathological long tokens are masked without blowing up', () => {
    for (const unit of ['1:', 'F1:', 'a1.', '/x', 'k=1,', '1-', '<1>']) {
      const token = unit.repeat(40_000);
      expect(maskToken(token)).toContain('<*>');
    }
  });

  it('tokenize splits on any run of whitespace, tabs and CR/LF included', () => {
    expect(tokenize('  a\tb  c\r\nd ')).toEqual(['a', 'b', 'c', 'd']);
    expect(tokenize('')).toEqual([]);
  });

  it('maskTokens applies user masks before the built-in scanner', () => {
    expect(maskTokens(['order', 'ORD-ABC', 'at', '10:00'], [{ name: 'order', pattern: /ORD-[A-Z]+/ }])).toEqual([
      'order',
      '<*>',
      'at',
      '<*>:<*>',
    ]);
  });

  it('a user mask pattern must match the whole token, through any alternative or quantifier length', () => {
    // only the leftmost match was checked: a lazy quantifier or an earlier, shorter alternative left the token alone
    const lazy = new TemplateMiner({ masks: [{ name: 'order', pattern: /ORD-\d+?/ }] });
    expect(lazy.add('order ORD-123 shipped').template.text).toBe('order <*> shipped');
    const alt = new TemplateMiner({ masks: [{ name: 'word', pattern: /alpha|alphabet/ }] });
    expect(alt.add('x alphabet y').template.text).toBe('x <*> y');
    expect(maskTokens(['alphabet', 'alphabets', 'ORD-12x'], [{ name: 'w', pattern: /alpha|alphabet/ }, { name: 'o', pattern: /ORD-\d+?/ }])).toEqual([
      '<*>',
      'alphabets',
      'ORD-<*>', // the scanner's mask: the user mask matches only part of it
    ]);
    expect(classifyToken('alphabet', [{ name: 'w', pattern: /alpha|alphabet/ }])).toBe('w');
    // its own flags count (but g and y, whose lastIndex would make a match depend on the token before)
    const flagged = [{ name: 'sku', pattern: /sku\d+|sku-\d+/giy }];
    expect(maskTokens(['SKU-1', 'SKU-2', 'xSKU-3'], flagged)).toEqual(['<*>', '<*>', 'xSKU-<*>']);
    expect(maskTokens(['a', 'b'], [{ name: 'ab', pattern: /^a$|^b$/ }])).toEqual(['<*>', '<*>']);
  });

  it('user masks given to the miner turn matching tokens into variables', () => {
    const miner = new TemplateMiner({ masks: [{ name: 'color', test: (t) => t === 'red' || t === 'blue' }] });
    miner.add('paint wall red');
    const r = miner.add('paint wall blue');
    expect(r.template.text).toBe('paint wall <*>');
    expect(r.params).toEqual(['blue']);
  });

  it('classifyToken names the kind of a value from the built-in masks', () => {
    expect(classifyToken('10.0.0.1:8080')).toBe('ipv4');
    expect(classifyToken('b9000564-fe1a-409b-b8cc-1e88b294cd1d')).toBe('uuid');
    expect(classifyToken('https://example.com/a?b=1')).toBe('url');
    expect(classifyToken('ops@example.com')).toBe('email');
    expect(classifyToken('/etc/hosts')).toBe('path');
    expect(classifyToken('2024-05-01T10:00:00Z')).toBe('timestamp');
    expect(classifyToken('250ms')).toBe('duration');
    expect(classifyToken('12.5KB')).toBe('size');
    expect(classifyToken('-42')).toBe('number');
    expect(classifyToken('0xdeadbeef')).toBe('hex');
    expect(classifyToken('retries=3')).toBe('kv');
    expect(classifyToken('hello')).toBeUndefined();
    expect(classifyToken(`a@${'a.'.repeat(50_000)}`)).toBeUndefined();
    expect(classifyToken('T-1000', [{ name: 'model', pattern: /T-\d+/ }])).toBe('model');
    expect(builtinMasks.map((m) => m.name)).toContain('ipv6');
  });

  it('a ctime date spanning several tokens is one variable written as its time', () => {
    const miner = new TemplateMiner();
    const r = miner.add('connection from 1.2.3.4 at Fri Jun 17 07:07:00 2005');
    expect(r.template.text).toBe('connection from <*> at <*>:<*>:<*>');
    expect(r.params).toEqual(['1.2.3.4', 'Fri Jun 17 07:07:00 2005']);
  });
});
