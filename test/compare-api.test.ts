import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, parseRules, profile, Profile } from '../src/index.js';

const BASE = 'fixtures/sample/baseline.log';
const CANARY = 'fixtures/sample/canary.log';

/** 300 lines of a service: an ERROR statement whose currency pair keeps `/EUR` (`<*>/EUR`) and a request line. */
function fxLog(seed: number): string[] {
  let x = seed;
  const rnd = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const currencies = ['EUR', 'USD', 'GBP', 'PLN', 'SEK', 'CHF'];
  const out: string[] = [];
  for (let i = 0; i < 300; i++) {
    const time = `2026-11-20 20:${String(10 + (i >> 6)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${String(i).padStart(3, '0')}`;
    const pair = `${currencies[Math.floor(rnd() * 6)]!}/EUR`;
    if (i % 3 === 0) out.push(`${time} ERROR fx: FX rate ${pair} = ${(rnd() * 2).toFixed(4)} (source=ecb, age=${Math.floor(rnd() * 2000)}s)`);
    else out.push(`${time} INFO web: GET /orders/${Math.floor(rnd() * 9999)} took ${Math.floor(rnd() * 90)}ms`);
  }
  return out;
}

/** A permutation of `items` from a seed (Fisher-Yates with a linear congruential generator). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let x = seed;
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = Math.floor((x / 2147483648) * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n');
}

describe('compare(baseline, canary)', () => {
  it('fails a canary with a new critical error and flags the spiking warning, with reasons and examples', async () => {
    const r = await compare(BASE, CANARY);
    expect(r.schemaVersion).toBe(1);
    expect(r.verdict).toBe('fail');
    expect(r.baseline).toEqual({ lines: 600, events: 600 });
    // the stack trace is one event with its header line; its signature carries the exception type
    const npe = r.findings.find((f) => f.template.includes('NullPointerException'));
    expect(npe?.kind).toBe('novel');
    expect(npe?.severity).toBe('critical');
    expect(npe?.template).toMatch(/^checkout failed for order <\*>/);
    expect(npe?.examples[0]).toMatch(/checkout failed[^\n]*\njava\.lang\.NullPointerException[\s\S]*\.\.\. 42 more/);
    expect(npe?.timeline?.canary.reduce((a, b) => a + b, 0)).toBe(20);
    const spike = r.findings.find((f) => f.template.startsWith('retrying payment'));
    expect(spike?.kind).toBe('spike');
    expect(spike?.rateRatio).toBeGreaterThan(2);
    expect(spike?.qValue).toBeLessThan(0.05);
    for (const f of r.findings) {
      expect(f.reason.length).toBeGreaterThan(10);
      expect(f.risk).toBeGreaterThanOrEqual(0);
      expect(f.risk).toBeLessThanOrEqual(100);
    }
  });

  it('passes a canary that is the same service with a different random sample', async () => {
    const all = lines(BASE);
    const r = await compare(all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1));
    expect(r.verdict).toBe('pass');
    expect(r.score).toBeGreaterThanOrEqual(75);
    expect(r.findings.filter((f) => f.severity === 'error' || f.severity === 'critical')).toEqual([]);
  });

  it('keeps a template with a partly variable token (`<*>/EUR`) one signature across the sides', async () => {
    // Each side's template joins the other side's miner as rendered; scanned again as a message, `<*>/EUR`
    // was masked to `<*><*>`, so two samples of one service showed a new ERROR statement and a gone one.
    const r = await compare(fxLog(1), fxLog(2));
    expect(r.findings.map((f) => `${f.kind} ${f.template}`)).toEqual([]);
    expect(r.verdict).toBe('pass');
  });

  it('keeps a statement with a quoted value one signature when the canary quotes values of other lengths', async () => {
    // One statement, `Login failed for user="%s" reason="%s"`: the baseline's reasons are one word, the canary's
    // seven or eight; a token-count miner (and signatures by similarity) saw new ERROR statements there (a false fail).
    const side = (reasons: string[]): string[] =>
      Array.from({ length: 240 }, (_, i) => {
        const time = `2026-11-20 20:${String(10 + (i >> 6)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${String(i).padStart(3, '0')}`;
        return i % 4 === 0
          ? `${time} ERROR auth: Login failed for user="user${i % 37}" reason="${reasons[i % reasons.length]!}" attempt=${1 + (i % 3)}`
          : `${time} INFO web: GET /orders/${i * 7} took ${i % 90}ms`;
      });
    const r = await compare(
      side(['expired', 'unknown', 'revoked', 'locked', 'disabled']),
      side(['expired', 'token signature did not verify against any key', 'password expired and must be changed now']),
    );
    expect(r.findings.filter((f) => f.kind === 'novel').map((f) => f.template)).toEqual([]);
    expect(r.verdict).toBe('pass');
  });

  it('keeps a syslog statement one signature when the canary runs on other hosts', async () => {
    // `host prog 2.3.1: msg` has no pid, so its program part is not read; the host is, so it is not the message's
    // first word (`combo billing <*>: ERROR ...` gone and `ferret billing <*>: ERROR ...` new: a false fail).
    const side = (hosts: string[]): string[] =>
      Array.from({ length: 300 }, (_, i) => {
        const time = `Jun 14 15:${String(10 + (i >> 6)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
        const host = hosts[i % hosts.length]!;
        return i % 5 === 0
          ? `${time} ${host} billing 2.3.1: ERROR payment ${1000 + i} failed: connection refused`
          : `${time} ${host} sshd[${2000 + i}]: Accepted publickey for deploy from 10.0.${i % 9}.${i % 250} port ${40000 + i} ssh2`;
      });
    const r = await compare(side(['combo']), side(['ferret']));
    expect(r.findings.map((f) => `${f.kind} ${f.template}`)).toEqual([]);
    expect(r.verdict).toBe('pass');
  });

  it('finds nothing when a log is compared with a reordering of its own lines (property)', async () => {
    // The same lines in another order have the same rates: any finding would come from the mining depending on
    // the order lines arrive in (which template a statement ended in), not from the logs.
    const all = [...lines(BASE), ...fxLog(4)]; // single-line events only (the canary's stack traces would be torn apart)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 2 }), async (seed) => {
        const r = await compare(all, shuffled(all, seed));
        expect(r.findings.map((f) => `${f.kind} ${f.baselineCount}->${f.canaryCount} ${f.template}`)).toEqual([]);
      }),
      { numRuns: 6, seed: 20261202 },
    );
  });

  it('judges rates, not counts: a canary with a quarter of the volume and the same mix passes', async () => {
    const all = lines(BASE);
    const r = await compare(all, all.filter((_, i) => i % 4 === 0));
    expect(r.verdict).toBe('pass');
    expect(r.findings.filter((f) => f.kind === 'spike' || f.kind === 'drop')).toEqual([]);
  });

  it('accepts text, arrays and async iterables of lines, and events', async () => {
    const text = readFileSync(BASE, 'utf8');
    async function* gen(): AsyncGenerator<string> {
      for (const l of lines(CANARY)) yield l;
    }
    const r = await compare(text, gen());
    // 20 stack traces of 5 lines each are framed as 20 events
    expect(r.canary).toEqual({ lines: 680, events: 600 });
    const events = lines(CANARY).map((l, i) => ({ lineNumber: i + 1, lineCount: 1, raw: l, message: l.replace(/^.*? - /, ''), fields: {}, formatMatched: true }));
    const r2 = await compare(lines(BASE), events);
    expect(r2.canary.events).toBe(680);
    expect(r2.verdict).toBe('fail');
  });

  it('compares a saved baseline profile with a canary exactly as the raw baseline', async () => {
    const direct = await compare(BASE, CANARY);
    const saved = JSON.parse(JSON.stringify((await profile(BASE)).toJSON())) as unknown;
    const viaProfile = await compare(saved as Parameters<typeof compare>[0], CANARY);
    expect(viaProfile.verdict).toBe(direct.verdict);
    expect(viaProfile.score).toBe(direct.score);
    expect(viaProfile.findings.map((f) => [f.id, f.kind, f.canaryCount])).toEqual(direct.findings.map((f) => [f.id, f.kind, f.canaryCount]));
  });

  it('applies rules by id and by template: ignore removes, not-a-risk keeps the finding at risk 0', async () => {
    const first = await compare(BASE, CANARY);
    const npe = first.findings.find((f) => f.template.includes('NullPointerException'))!;
    const rules = parseRules({
      version: 1,
      rules: [
        { pattern: '^inventory lookup failed', action: 'ignore' },
        { template: npe.template, action: 'not-a-risk', note: 'known during migration' },
        { pattern: '^retrying payment', action: 'severity', severity: 'info' },
      ],
    });
    const r = await compare(BASE, CANARY, { rules });
    const checkout = r.findings.find((f) => f.id === npe.id);
    expect(checkout?.risk).toBe(0);
    expect(checkout?.reason).toContain('not a risk');
    const ignored = await compare(BASE, CANARY, { rules: parseRules({ rules: [{ id: npe.id, action: 'ignore' }] }) });
    expect(ignored.findings.find((f) => f.id === npe.id)).toBeUndefined();
    expect(ignored.verdict).not.toBe('fail');
    expect(r.findings.find((f) => f.template.startsWith('retrying payment'))?.severity).toBe('info');
    expect(r.score).toBeGreaterThan(first.score);
  });

  it('rejects malformed rules with a typed error naming the problem', () => {
    expect(() => parseRules({ rules: [{ action: 'explode', id: 'x' }] })).toThrow(/action must be one of/);
    expect(() => parseRules({ rules: [{ action: 'ignore' }] })).toThrow(/needs one of id, template or pattern/);
    expect(() => parseRules({ rules: [{ action: 'ignore', pattern: '(' }] })).toThrow(/not a valid regular expression/);
    expect(() => parseRules({ rules: [{ action: 'ignore', pattern: '' }] })).toThrow(/pattern is empty/);
    expect(() => parseRules({ rules: [{ action: 'ignore', id: 'x', bogus: 1 }] })).toThrow(/rules\[0\]: unknown key "bogus"/);
    expect(() => parseRules({ rules: [], extra: 1 })).toThrow(/unknown key "extra"/);
  });

  it('a canary mostly of signatures rare in the baseline (a restart loop) is marginal, with a warning, however harmless each one is', async () => {
    const all = readFileSync(BASE, 'utf8').split('\n').filter((l) => l !== '');
    const boot = [
      '2026-11-20 13:59:58,001 INFO  [main] c.shop.App - Starting ShopApplication v1.4.3 with PID 4242',
      '2026-11-20 13:59:58,502 INFO  [main] c.shop.Db - HikariPool-1 - Starting...',
      '2026-11-20 13:59:59,003 INFO  [main] c.shop.Db - HikariPool-1 - Start completed.',
    ];
    // the canary starts over and over and never gets to serve: 6 starts, nothing else
    const loop = Array.from({ length: 6 }, (_, k) => boot.map((l) => l.replace('4242', String(5000 + k)))).flat();
    const r = await compare([...boot, ...all], loop);
    expect(r.verdict).toBe('marginal');
    expect(r.findings.every((f) => f.severity === 'info')).toBe(true);
    expect(r.warnings).toContainEqual(expect.stringMatching(/^canary: 18 of its 18 events \(100%\) are of signatures rare or absent in the baseline \(together 3 of its 603, 0\.5%\): the canary is not doing what the baseline did/));
    expect(r.caveats).toEqual(['canary-unlike']);
    // a canary that started once and then served like the baseline is not unlike it
    const served = await compare([...boot, ...all], [...boot, ...all.filter((_, i) => i % 2 === 0)]);
    expect(served.verdict).toBe('pass');
    expect(served.warnings ?? []).not.toContainEqual(expect.stringMatching(/not doing what the baseline did/));
    expect(served.caveats).toBeUndefined();
  });

  it('says how much the rules ignored, and does not call the logs matching when rules hid the findings', async () => {
    const r = await compare(BASE, CANARY, { rules: parseRules({ rules: [{ pattern: '.', action: 'ignore', note: 'everything' }] }) });
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('pass');
    expect(r.caveats).toEqual(['rules-ignored']);
    expect(r.warnings).toContainEqual(expect.stringMatching(/^rules: \d+ signatures ignored \(\d[\d,]* of [\d,]+ baseline and \d[\d,]* of [\d,]+ canary events\)/));
    const { renderText, renderMarkdown } = await import('../src/index.js');
    for (const out of [renderText(r), renderMarkdown(r)]) {
      expect(out).not.toMatch(/logs match/);
      expect(out).toMatch(/No findings in what the rules left to compare/);
    }
  });
});

describe('Profile', () => {
  it('saved after a comparison, counts its own events in its miner, not the canary\'s, however often it is reused', async () => {
    let saved: ReturnType<Profile['toJSON']> | undefined;
    const first = await compare(BASE, CANARY, { onProfiles: (b) => (saved = b.toJSON()) });
    const minerEvents = (p: ReturnType<Profile['toJSON']>): number => (p.miner as { clusters: Array<{ count: number }> }).clusters.reduce((n, c) => n + c.count, 0);
    expect(minerEvents(saved!)).toBe(saved!.totals.events);
    for (let round = 0; round < 2; round++) {
      const again = await compare(saved!, CANARY, { onProfiles: (b) => (saved = b.toJSON()) });
      expect(minerEvents(saved!)).toBe(saved!.totals.events);
      expect(again.findings.map((f) => [f.id, f.baselineCount, f.canaryCount])).toEqual(first.findings.map((f) => [f.id, f.baselineCount, f.canaryCount]));
    }
  });


  it('round-trips through JSON with counts, examples, timelines and variable values', async () => {
    const p = await profile(BASE);
    const back = Profile.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
    const a = p.entries().map((e) => [e.id, e.template, e.stats.count, e.stats.examples.items, [...e.stats.buckets]]);
    const b = back.entries().map((e) => [e.id, e.template, e.stats.count, e.stats.examples.items, [...e.stats.buckets]]);
    expect(b).toEqual(a);
    expect(back.totals).toEqual(p.totals);
    const order = back.entries().find((e) => e.template.startsWith('Order'))!;
    expect(order.stats.variables[0]!.values.total).toBe(order.stats.count);
  });

  it('merges shards: counts add up and every signature of both is present', async () => {
    const all = lines(BASE);
    const a = await profile(all.slice(0, 300));
    const b = await profile(all.slice(300));
    const merged = Profile.merge(a, b);
    expect(merged.totals.events).toBe(600);
    const whole = await profile(all);
    const byTemplate = (p: Profile): Record<string, number> => Object.fromEntries(p.entries().map((e) => [e.template, e.stats.count]));
    expect(byTemplate(merged)).toEqual(byTemplate(whole));
  });

  it('merges shards whose templates have partly variable tokens into the same signatures', async () => {
    const log = fxLog(3);
    const merged = Profile.merge(await profile(log.slice(0, 150)), await profile(log.slice(150)));
    const byTemplate = (p: Profile): Record<string, number> => Object.fromEntries(p.entries().map((e) => [e.template, e.stats.count]));
    expect(byTemplate(merged)).toEqual(byTemplate(await profile(log)));
    expect(byTemplate(merged)['FX rate <*>/EUR = <*> (source=ecb, age=<*>)']).toBe(100);
  });

  it('rejects something that is not a profile', () => {
    expect(() => Profile.fromJSON({ format: 'nope' })).toThrow(/not a logsift profile/);
    expect(() => Profile.fromJSON({ format: 'logsift-profile', version: 9 })).toThrow(/unsupported profile version/);
  });
});
