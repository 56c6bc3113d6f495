import { describe, expect, it } from 'vitest';
import { compare, parseRules } from '../src/index.js';

/** n lines from a template function, deterministic. */
function lines(n: number, f: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => f(i));
}
const ts = (i: number): string => new Date(Date.UTC(2026, 10, 20, 14, 0, 0) + i * 1000).toISOString();
const filler = (i: number): string => `${ts(i)} INFO  [main] c.shop.Cart - cart ${1000 + i} updated with ${i % 7} items`;

describe('finding kinds on hand-made logs', () => {
  it('a JSON status field that turns 503 in a third of the events: the failed requests are a new error signature', async () => {
    // an HTTP status outcome is part of what happened (pinned in the signature), and a 5xx outranks the INFO level
    const json = (i: number, status: number): string =>
      JSON.stringify({ '@timestamp': ts(i), 'log.level': 'info', message: 'request completed', 'http.response.status_code': status, 'host.name': `pod-${i % 3}` });
    const base = lines(600, (i) => json(i, i % 10 === 0 ? 201 : 200));
    const canary = lines(600, (i) => json(i, i % 3 === 0 ? 503 : 200));
    const r = await compare(base, canary);
    const f = r.findings.find((x) => x.severity !== 'info');
    expect(f?.kind).toBe('novel');
    expect(f?.severity).toBe('error');
    expect(f?.template).toBe('request completed http.response.status_code=503');
    expect(f?.canaryCount).toBe(200);
    expect(f?.examples[0]).toContain('503');
    expect(r.verdict).toBe('fail');
  });

  it('param: a logfmt err that was always nil now carries an error, and pod names that changed are not findings', async () => {
    const lf = (i: number, err: string, pod: string): string => `time=${ts(i)} level=info msg="upstream call finished" upstream=pricing:9090 code=OK err=${err} pod=${pod}`;
    const base = lines(400, (i) => lf(i, 'nil', `inv-7f9c-${i % 4}`));
    const canary = lines(400, (i) => lf(i, i % 4 === 0 ? '"context deadline exceeded"' : 'nil', `inv-a1b2-${i % 4}`));
    const r = await compare(base, canary);
    const params = r.findings.filter((x) => x.kind === 'param');
    expect(params).toHaveLength(1);
    // a field value is one signature token: its spaces are written as _
    expect(params[0]!.param?.values.map((v) => v.value).join(' ')).toContain('context_deadline_exceeded');
    // the first event with the value, and later ones
    expect(params[0]!.examples.length).toBeGreaterThan(1);
    expect(new Set(params[0]!.examples).size).toBe(params[0]!.examples.length);
    expect(params[0]!.examples.every((e) => e.includes('context deadline exceeded'))).toBe(true);
    expect(r.verdict).not.toBe('pass');
  });

  it('param: ids that become null (or NaN) in part of the canary are a finding, though each id is new anyway', async () => {
    const load = (i: number, uid: string): string => `${ts(i)} INFO  [exec-1] c.shop.Profile - Loaded profile for user_id=${uid} in ${i % 50} ms`;
    const base = lines(600, (i) => (i % 2 === 0 ? load(i, String(10_000 + ((i * 7919) % 89_000))) : filler(i)));
    const canary = lines(600, (i) => (i % 2 === 0 ? load(i, i % 4 === 0 ? 'null' : String(20_000 + ((i * 7919) % 79_000))) : filler(i)));
    const r = await compare(base, canary);
    const f = r.findings.find((x) => x.kind === 'param');
    expect(f?.template).toBe('Loaded profile for user_id=<*> in <*> ms');
    expect(f?.reason).toMatch(/null \(150\)/);
    expect(r.verdict).not.toBe('pass');
    // ids that stay ids: nothing
    const same = await compare(base, lines(600, (i) => (i % 2 === 0 ? load(i, String(30_000 + ((i * 7919) % 69_000))) : filler(i))));
    expect(same.findings.filter((x) => x.kind === 'param')).toEqual([]);
    // a variable the baseline already wrote as null (err=nil style): null is no news
    const nullish = (i: number): string => load(i, i % 4 === 0 ? 'null' : String(10_000 + i));
    const again = await compare(lines(600, (i) => (i % 2 === 0 ? nullish(i) : filler(i))), lines(600, (i) => (i % 2 === 0 ? nullish(i + 1) : filler(i))));
    expect(again.findings.filter((x) => x.kind === 'param')).toEqual([]);
  });

  it('a confident rise of an error short of twofold (1.8x on thousands of events) is marginal, not silent; 1.3x passes', async () => {
    const mail = (i: number): string => `${ts(i)} ERROR [exec-2] c.shop.Mail - Failed to send confirmation email to user${i % 500}: timeout after 30000 ms`;
    // errors spread evenly among 20,000 filler lines on each side
    const side = (errors: number): string[] => lines(20_000, (i) => (i % Math.floor(20_000 / errors) === 0 ? mail(i) : filler(i)));
    const r = await compare(side(1000), side(1800));
    const f = r.findings.find((x) => x.kind === 'spike');
    expect(f?.severity).toBe('error');
    expect(f?.reason).toMatch(/is a real rise, but less than the 2x a spike needs/);
    expect(r.verdict).toBe('marginal');
    expect((await compare(side(1000), side(1300))).verdict).toBe('pass');
  });

  it('param: a line that writes one value twice gives one finding naming the other position', async () => {
    const gw = (i: number, status: number): string =>
      `${ts(i)} WARN  [http-${i % 8}] c.shop.Gateway - proxied call ${1000 + i}: status ${status}, upstream status ${status} in ${i % 90} ms`;
    const base = lines(900, (i) => gw(i, i % 15 === 0 ? 201 : 200));
    const canary = lines(900, (i) => gw(i, i % 4 === 0 ? 503 : 200));
    const r = await compare(base, canary);
    const params = r.findings.filter((x) => x.kind === 'param');
    expect(params).toHaveLength(1);
    expect(params[0]!.param?.values[0]?.value).toBe('503');
    expect(params[0]!.param?.also).toEqual([params[0]!.param!.position + 1]);
    expect(params[0]!.reason).toMatch(/^Variable \d+ \(and \d+, same values\) takes/);
    expect(r.verdict).toBe('fail');
  });

  it('access logs: one signature per kind of request and status, whatever the browser', async () => {
    const uas = ['Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0', 'curl/8.5.0', 'ShopApp/5.12.1 (iOS 18.1; iPhone15,2) Alamofire/5.9.1', 'Mozilla/5.0 (compatible; bingbot/2.0)'];
    const clock = (i: number): string => `${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    const access = (i: number, status: number): string =>
      `10.0.${i % 200}.${i % 250} - - [20/Nov/2026:21:${clock(i)} +0000] "POST /api/v1/cart/items?id=${i} HTTP/1.1" ${status} ${100 + (i % 50)} ` +
      `"https://shop.example.com/c/${i % 5}" "${uas[i % uas.length]}" ${300 + i} 0.0${i % 9} [shop-cart-3000] [] 10.42.0.${i % 9}:3000 ${100 + (i % 50)} 0.0${i % 9} ${status}`;
    const base = lines(900, (i) => access(i, i % 15 === 0 ? 201 : 200));
    const canary = lines(900, (i) => access(i, i % 3 === 0 ? 503 : 200));
    const r = await compare(base, canary);
    const risky = r.findings.filter((f) => f.severity !== 'info');
    expect(risky).toHaveLength(1);
    const f = risky[0]!;
    expect(f.kind).toBe('novel');
    expect(f.severity).toBe('error');
    expect(f.template).toBe('"POST <*>" status=503');
    expect(f.canaryCount).toBe(300);
    // the raw lines, user agents and all, are what the examples show
    expect(f.examples.length).toBeGreaterThan(1);
    expect(f.examples.every((e) => e.includes('HTTP/1.1" 503 '))).toBe(true);
    expect(r.verdict).toBe('fail');
  });

  it('param: a failure value the baseline already showed counts only when it became clearly more common', async () => {
    const lf = (i: number, err: string): string => `time=${ts(i)} level=warn msg="payment retried" attempt=${1 + (i % 3)} err=${err}`;
    const errOf = (share: number) => (i: number) => (i % 100 < share ? 'timeout' : 'nil');
    const base = lines(1000, (i) => lf(i, errOf(10)(i)));
    // twice as often is what a random split can do: no finding
    const doubled = await compare(base, lines(1000, (i) => lf(i, errOf(20)(i))));
    expect(doubled.findings.filter((f) => f.kind === 'param')).toHaveLength(0);
    // five times as often is not
    const fivefold = await compare(base, lines(1000, (i) => lf(i, errOf(50)(i))));
    const params = fivefold.findings.filter((f) => f.kind === 'param');
    expect(params).toHaveLength(1);
    expect(params[0]!.param?.values[0]?.value).toBe('timeout');
  });

  it('spike: twice as many of a few dozen warnings is what chance does; three to four times is a spike', async () => {
    const warn = (i: number): string => `${ts(i)} WARN  [sched] c.shop.Stock - low stock threshold crossed for sku ${1000 + (i % 97)}`;
    const side = (warnings: number) => {
      const out = lines(6000, filler);
      for (let k = 0; k < warnings; k++) out[Math.floor(((k + 0.5) * out.length) / warnings)] = warn(k);
      return out;
    };
    const chance = await compare(side(25), side(51));
    expect(chance.findings.filter((f) => f.kind === 'spike')).toHaveLength(0);
    const spiked = await compare(side(25), side(90));
    const spikes = spiked.findings.filter((f) => f.kind === 'spike');
    expect(spikes).toHaveLength(1);
    expect(spikes[0]!.rateRatioCI![0]).toBeGreaterThanOrEqual(1.3);
  });

  it('param: an error statement whose err was always the same now fails with another error (same header)', async () => {
    const lf = (i: number, err: string): string =>
      `time=${ts(i)} level=error msg="failed to reserve stock" sku=SKU-${10000 + i} warehouse=fra-${i % 3} err="${err}"`;
    const usual = 'pq: could not serialize access due to concurrent update';
    const side = (fresh: number): string[] => {
      const out = lines(3000, filler);
      for (let k = 0; k < 60; k++) out[k * 50 + 7] = lf(k * 50 + 7, k < fresh ? 'connection reset by peer' : usual);
      return out;
    };
    const base = side(0);
    const three = await compare(base, side(3));
    const f = three.findings.find((x) => x.kind === 'param');
    expect(f?.param?.fresh).toBe(true);
    expect(f?.param?.values).toEqual([{ value: 'connection_reset_by_peer', count: 3 }]);
    expect(f?.severity).toBe('error');
    expect(f?.reason).toContain('the baseline never showed there');
    expect(three.verdict).toBe('marginal');
    const ten = await compare(base, side(10));
    expect(ten.verdict).toBe('fail');
    // the usual error, as often as before: nothing
    expect((await compare(base, side(0))).findings).toHaveLength(0);
  });

  it('drop and gone: informative, a major statement gone asks for a look, risky only for a must-keep signature', async () => {
    const base = [...lines(500, filler), ...lines(60, (i) => `${ts(i)} INFO  [sched] c.shop.Backup - nightly backup verified in ${i} ms`), ...lines(80, (i) => `${ts(i)} INFO  [sched] c.shop.Sync - stock sync finished for ${i} skus`)];
    const canary = [...lines(500, filler), ...lines(5, (i) => `${ts(i)} INFO  [sched] c.shop.Sync - stock sync finished for ${i} skus`)];
    const r = await compare(base, canary);
    const gone = r.findings.find((x) => x.kind === 'gone');
    const drop = r.findings.find((x) => x.kind === 'drop');
    expect(gone?.template).toMatch(/nightly backup verified/);
    expect(drop?.template).toMatch(/stock sync finished/);
    expect(drop!.risk).toBeLessThan(5);
    // 9% of the baseline's events (about 47 expected in the canary), none left and nothing new in its place: marginal
    expect(gone!.risk).toBe(30);
    expect(gone!.reason).toMatch(/it was 9% of the baseline's events, so its absence asks for a look/);
    expect(r.verdict).toBe('marginal');
    // a minor statement gone (a dozen expected) stays informative
    const minor = await compare([...base.slice(0, 500), ...lines(12, (i) => `${ts(i)} INFO  [sched] c.shop.Backup - nightly backup verified in ${i} ms`)], lines(500, filler));
    expect(minor.findings.find((x) => x.kind === 'gone')!.risk).toBeLessThan(5);
    expect(minor.verdict).toBe('pass');
    // a new statement of about its volume in its place: a rewording the alignment did not pair, informative
    const reworded = await compare(base, [...canary, ...lines(55, (i) => `${ts(i)} INFO  [sched] c.shop.Backup - backup checked in ${i} ms`)]);
    expect(reworded.findings.find((x) => x.kind === 'gone')?.risk ?? 0).toBeLessThan(5);
    const rules = parseRules({ rules: [{ pattern: 'nightly backup', action: 'must-keep' }] });
    const kept = await compare(base, canary, { rules });
    expect(kept.findings.find((x) => x.kind === 'gone')!.risk).toBeGreaterThan(30);
    expect(kept.verdict).not.toBe('pass');
  });

  it('drop and gone of error signatures are info findings (good news), unless the rules say must-keep', async () => {
    const err = (i: number): string => `${ts(i)} ERROR [sched] c.shop.Sync - stock sync failed for batch ${i}: timeout`;
    const base = [...lines(500, filler), ...lines(80, err)];
    const canary = [...lines(500, filler), ...lines(8, err)];
    const r = await compare(base, canary);
    const drop = r.findings.find((x) => x.kind === 'drop');
    expect(drop?.severity).toBe('info');
    expect(drop?.level).toBe('error');
    expect(r.verdict).toBe('pass');
    const kept = await compare(base, canary, { rules: parseRules({ rules: [{ pattern: 'stock sync failed', action: 'must-keep' }] }) });
    expect(kept.findings.find((x) => x.kind === 'drop')?.severity).toBe('error');
  });

  it('negation: "0 errors" and "no errors found" are not errors, a real error is', async () => {
    const base = lines(300, filler);
    const canary = [
      ...lines(300, filler),
      ...lines(20, (i) => `${ts(i)} INFO  [main] c.shop.Health - health check done: 0 errors, ${i} warnings suppressed`),
      ...lines(20, (i) => `${ts(i)} INFO  [main] c.shop.Audit - audit ${i}: no errors found`),
    ];
    const r = await compare(base, canary);
    for (const f of r.findings) expect(f.severity).toBe('info');
    expect(r.verdict).toBe('pass');
    const bad = await compare(base, [...lines(300, filler), ...lines(20, (i) => `${ts(i)} c.shop.Health - connection refused by 10.0.0.${i}:5432`)]);
    expect(bad.findings[0]?.severity).toBe('error');
    expect(bad.verdict).toBe('fail');
  });

  it('multi-line: a Python traceback is one event whose signature carries the exception type', async () => {
    const tb = (i: number, exc: string): string[] => [
      `${ts(i)} - payments.worker - ERROR - Charge failed for invoice INV-${i}`,
      'Traceback (most recent call last):',
      `  File "/app/payments/tasks.py", line ${40 + (i % 3)}, in charge`,
      '    client.charge(invoice)',
      exc,
    ];
    const base = [...lines(200, filler), ...Array.from({ length: 10 }, (_, i) => tb(i, 'stripe.error.CardError: declined')).flat()];
    const canary = [...lines(200, filler), ...Array.from({ length: 10 }, (_, i) => tb(i, 'psycopg2.OperationalError: server closed the connection')).flat()];
    const r = await compare(base, canary);
    expect(r.canary.events).toBe(210);
    const novel = r.findings.find((x) => x.kind === 'novel');
    expect(novel?.template).toMatch(/Charge failed for invoice .*OperationalError/);
    expect(novel?.examples[0]?.split('\n')).toHaveLength(5);
    expect(r.verdict).toBe('fail');
  });
});

describe('what the reader counted is reported, never dropped silently', () => {
  it('lines that do not match the log format and malformed JSON lines become report warnings', async () => {
    const format = '<Date> <Time> <Level> <Component>: <Content>';
    const good = (i: number): string => `2026-11-20 14:00:${String(i % 60).padStart(2, '0')} INFO c.shop.Cart: cart ${i} updated`;
    const r = await compare(lines(50, good), [...lines(50, good), 'garbage without a header', 'more garbage'], { logFormat: format });
    expect(r.warnings).toContain('canary: 2 lines did not match the log format (each kept whole as its message)');
    expect(r.canary.lines).toBe(52);
    const j = await compare(lines(20, filler), [...lines(20, filler), '{"level":"error","msg":"half a json'], {});
    expect(j.warnings?.some((w) => w.startsWith('canary: 1 line looked like JSON but did not parse'))).toBe(true);
  });
});

describe('a side that repeats itself', () => {
  it('a canary resampled with replacement to 4x is judged by its independent events, and says so', async () => {
    const all = lines(1200, (i) => `${ts(i)} ${['INFO ', 'WARN ', 'ERROR'][i % 17 === 0 ? 2 : i % 5 === 0 ? 1 : 0]} [w-${i % 3}] c.shop.Svc${i % 23} - step ${i % 23} done for order ${10000 + i} in ${i % 97} ms`);
    const a = all.filter((_, i) => i % 2 === 0);
    const b = all.filter((_, i) => i % 2 === 1);
    let seed = 11;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const x4 = Array.from({ length: b.length * 4 }, () => b[Math.floor(rnd() * b.length)]!);
    const r = await compare(a, x4);
    expect(r.verdict).toBe('pass');
    expect(r.warnings?.some((w) => /^canary: identical events repeat \d\.\dx more often/.test(w))).toBe(true);
    // the same volume of fresh events is not discounted
    const fresh = await compare(a, b);
    expect(fresh.warnings ?? []).toEqual([]);
  });
});

describe('severity and weight of spikes', () => {
  it('a level that says info on every line says nothing: severity then comes from the text, as without levels', async () => {
    // a Windows CBS log writes `Info` on every line, failures included
    const format = '<Date> <Time>, <Level>                  <Component>    <Content>';
    const clock = (i: number): string => `2016-09-28 04:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    const statements = [
      'Loaded Servicing Stack v6.1.7601.<n> with Core: C:\\Windows\\winsxs\\cbscore.dll',
      'Ending TrustedInstaller initialization.',
      'Starting the TrustedInstaller main loop.',
      'TrustedInstaller service starts successfully.',
      'SQM: Initializing online with Windows opt-in: False',
      'SQM: Cleaning up report files older than 10 days.',
      'Session: <n>_<n> initialized by client WindowsUpdateAgent.',
      'Read out cached package applicability for package: Package_for_KB<n>, ApplicableState: 112, CurrentState:112',
      'Expecting attribute name [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]',
    ];
    const failed = 'Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]';
    const line = (i: number, text: string): string => `${clock(i)}, Info                  CBS    ${text.replace(/<n>/g, String(1000 + (i % 97)))}`;
    const side = (n: number, failures: number): string[] => {
      const out = lines(n, (i) => line(i, statements[i % statements.length]!));
      for (let k = 0; k < failures; k++) out.splice(Math.floor((k * n) / failures), 0, line(k, failed));
      return out;
    };
    const r = await compare(side(900, 10), side(900, 100), { logFormat: format });
    const spike = r.findings.find((f) => f.template.startsWith('Failed to get next element'));
    expect(spike?.kind).toBe('spike');
    expect(spike?.severity).toBe('error');
    expect(spike?.level).toBe('info');
    expect(r.verdict).toBe('fail');

    // a quiet service whose baseline wrote no failure under its one level keeps its levels: the failure logged at
    // INFO is a warning (the level says the service carried on), not the error the text alone would make it
    const quiet = await compare(side(900, 0), side(900, 100), { logFormat: format });
    const q = quiet.findings.find((f) => f.template.startsWith('Failed to get next element'));
    expect(q?.kind).toBe('novel');
    expect(q?.severity).toBe('warning');
    expect(q?.level).toBe('info');

    // where levels vary, the level counts: the same failures logged at INFO among WARN lines are warnings
    const mixed = (n: number, failures: number): string[] => side(n, failures).map((l) => (l.includes('Expecting attribute') ? l.replace(', Info ', ', Warning ') : l));
    const r2 = await compare(mixed(900, 10), mixed(900, 100), { logFormat: format });
    const f2 = r2.findings.find((f) => f.template.startsWith('Failed to get next element'));
    expect(f2?.kind).toBe('spike');
    expect(f2?.severity).toBe('warning');

    // a statement at INFO that names something failed without saying it failed stays info
    const noun = (n: number, k: number): string[] => side(n, 0).concat(lines(k, (i) => line(i, 'Cleanup picked up <n> failed uploads from the queue')));
    const r3 = await compare(noun(900, 0), noun(900, 60), { logFormat: format });
    const f3 = r3.findings.find((f) => f.template.includes('failed uploads'));
    expect(f3?.kind).toBe('novel');
    expect(f3?.severity).toBe('info');
    expect(r3.verdict).toBe('pass');
  });

  it('a spike of a signature that is a large share of the log weighs by its growth against everything else', async () => {
    // a quarter of the baseline, written 10x as often in the canary: the canary's total swells too, so the rate
    // ratio is only about 3, but against every other event the warning grew 10x
    const warn = (i: number): string => `${ts(i)} WARN  [main] c.shop.Discovery - Address change detected. Old: cart-${i % 5}/10.0.0.${i % 9}:8080 New: 10.0.1.${i % 9}:8080`;
    const side = (n: number, perFour: number): string[] => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        out.push(filler(i));
        if (i % 3 === 0) for (let k = 0; k < perFour; k++) out.push(warn(i + k));
      }
      return out;
    };
    const r = await compare(side(900, 1), side(900, 10));
    const spike = r.findings.find((f) => f.kind === 'spike' && f.severity === 'warning');
    expect(spike?.template).toContain('Address change detected');
    expect(spike!.rateRatio).toBeLessThan(4);
    // at medium sensitivity a warning weighs at most 60: its growth against the rest makes it count fully
    expect(spike!.risk).toBeGreaterThanOrEqual(55);
    expect(r.verdict).toBe('fail');

    // written twice as often: a quarter of the baseline, 40% of the canary, a rate ratio of only 1.6 but twice
    // as frequent against everything else, which is what a spike needs (minRatio 2)
    const twice = await compare(side(900, 1), side(900, 2));
    const s2 = twice.findings.find((f) => f.kind === 'spike');
    expect(s2?.template).toContain('Address change detected');
    expect(s2!.rateRatio).toBeLessThan(1.7);
    expect(twice.verdict).not.toBe('pass');
  });

  it('a lone critical event stays worth a look where the baseline had one-off critical lines of its own', async () => {
    // one-off error lines that vanish from one side and appear on the other are expected in such logs, and a
    // single new error is discounted for it; a critical one keeps its weight: marginal, never a pass
    const base = lines(800, filler);
    base.splice(400, 0, `${ts(400)} FATAL [main] c.shop.Boot - Kernel panic - not syncing: attempted to kill init`);
    const canary = lines(800, filler);
    canary.splice(300, 0, `${ts(300)} ERROR [main] c.shop.Cart - java.lang.OutOfMemoryError: Java heap space`);
    const r = await compare(base, canary);
    const f = r.findings.find((x) => x.kind === 'novel');
    expect(f?.severity).toBe('critical');
    expect(f!.risk).toBeGreaterThanOrEqual(40);
    expect(f!.reason).not.toContain('chance explains it');
    expect(r.verdict).toBe('marginal');
  });

  it('an error statement written about three times as often, significant only on its own, makes a canary marginal', async () => {
    const err = (i: number): string => `${ts(i)} ERROR [exec-${i % 4}] c.shop.Sync - Unexpected exception causing shutdown of worker ${i % 9}`;
    const warn = (i: number): string => `${ts(i)} WARN  [exec-${i % 4}] c.shop.Sync - Slow sync of batch ${i % 9}, retrying`;
    const side = (n: number, k: number, line: (i: number) => string): string[] => {
      const out = lines(n, filler);
      for (let j = 0; j < k; j++) out.splice(Math.floor(((j + 0.5) * n) / k), 0, line(j));
      return out;
    };
    // 6 -> 18: p about 0.01 for this signature alone, too little to be sure across every signature tested
    const r = await compare(side(900, 6, err), side(900, 18, err));
    const f = r.findings.find((x) => x.kind === 'spike');
    expect(f?.severity).toBe('error');
    expect(f!.pValue).toBeLessThan(0.025);
    expect(f!.risk).toBe(30);
    expect(f!.reason).toContain('not conclusive');
    expect(r.verdict).toBe('marginal');
    // a warning statement that grew 2.5x on such counts: no finding, a pass
    const w = await compare(side(900, 6, warn), side(900, 15, warn));
    expect(w.findings.filter((x) => x.kind === 'spike')).toHaveLength(0);
    expect(w.verdict).toBe('pass');
  });

  it('where the baseline had many critical statements the canary lacks, a new one needs strong evidence to fail the canary', async () => {
    // five bursts of critical lines in the baseline only (a log of rare statements, each logged in a burst)
    const kinds = ['machine check', 'parity mismatch', 'link training lost', 'power rail fault', 'thermal trip'];
    const burst = (k: number, j: number, at: number): string => `${ts(at)} FATAL [node-${k}] c.hw.Board - ${kinds[k]} on unit ${j}: kernel terminated`;
    const base = lines(1000, filler);
    for (let k = 0; k < 5; k++) for (let j = 0; j < 3; j++) base.splice(100 + k * 150 + j, 0, burst(k, j, 100 + k * 150 + j));
    const withNew = (n: number): string[] => {
      const canary = lines(1000, filler);
      for (let j = 0; j < n; j++) canary.splice(500 + j, 0, `${ts(500 + j)} FATAL [node-9] c.hw.Board - data address ${4096 + j} unreadable: kernel terminated`);
      return canary;
    };
    // 6 new events: p = 0.016, short of alpha / 10
    const some = await compare(base, withNew(6));
    const f = some.findings.find((x) => x.kind === 'novel' && x.canaryCount === 6);
    expect(f?.severity).toBe('critical');
    expect(f!.risk).toBe(45);
    expect(f!.reason).toContain('come and go in this log');
    expect(some.verdict).toBe('marginal');
    // at high sensitivity, where one critical event may fail a release, the cap lets it fail
    expect((await compare(base, withNew(6), { sensitivity: 'high' })).verdict).toBe('fail');
    // 12: strong enough on its own
    const many = await compare(base, withNew(12));
    expect(many.verdict).toBe('fail');
    // the same 6 where the baseline's critical lines are also in the canary: a failure
    const steady = withNew(6);
    for (let k = 0; k < 5; k++) for (let j = 0; j < 3; j++) steady.splice(120 + k * 150 + j, 0, burst(k, j, 120 + k * 150 + j));
    expect((await compare(base, steady)).verdict).toBe('fail');
  });

  it('a warning written three times as often is worth a look even on counts too small to be significant, unless another went the other way as far', async () => {
    const warn = (i: number): string => `${ts(i)} WARN  [exec-${i % 4}] c.shop.Sync - Slow sync of batch ${i % 9}, retrying`;
    const other = (i: number): string => `${ts(i)} WARN  [exec-${i % 4}] c.shop.Stock - Stock cache stale for sku ${i % 7}`;
    const side = (n: number, parts: Array<[number, (i: number) => string]>): string[] => {
      const out = lines(n, filler);
      for (const [k, line] of parts) for (let j = 0; j < k; j++) out.splice(Math.floor(((j + 0.3) * out.length) / k), 0, line(j));
      return out;
    };
    // 3 -> 9 at equal sizes: p = 0.07 on its own
    const r = await compare(side(900, [[3, warn]]), side(900, [[9, warn]]));
    const f = r.findings.find((x) => x.kind === 'spike');
    expect(f?.severity).toBe('warning');
    expect(f!.pValue).toBeGreaterThan(0.05);
    expect(f!.risk).toBe(30);
    expect(f!.reason).toContain('three times the baseline');
    expect(r.verdict).toBe('marginal');
    // at low sensitivity it is reported, and the canary passes
    const low = await compare(side(900, [[3, warn]]), side(900, [[9, warn]]), { sensitivity: 'low' });
    expect(low.findings.find((x) => x.kind === 'spike')?.risk).toBe(23);
    expect(low.verdict).toBe('pass');
    // 2 -> 6 is too little to go on (the benchmark builds spikes from 3 baseline events on): nothing
    const two = await compare(side(900, [[2, warn]]), side(900, [[6, warn]]));
    expect(two.findings.filter((x) => x.kind === 'spike')).toHaveLength(0);
    expect(two.verdict).toBe('pass');
    // with the canary twice the size, 9 events are only 1.5x the rate: nothing
    const big = await compare(side(900, [[3, warn]]), side(1800, [[9, warn]]));
    expect(big.findings.filter((x) => x.kind === 'spike')).toHaveLength(0);
    expect(big.verdict).toBe('pass');
    // another warning went 9 -> 3: chance moves rare warnings both ways, a pass
    const both = await compare(side(900, [[3, warn], [9, other]]), side(900, [[9, warn], [3, other]]));
    expect(both.findings.filter((x) => x.kind === 'spike')).toHaveLength(0);
    expect(both.verdict).toBe('pass');
  });
});
