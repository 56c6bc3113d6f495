import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare, parseRules, profile, Profile } from '../src/index.js';

const BASE = 'fixtures/sample/baseline.log';
const CANARY = 'fixtures/sample/canary.log';

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
  });
});

describe('Profile', () => {
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

  it('rejects something that is not a profile', () => {
    expect(() => Profile.fromJSON({ format: 'nope' })).toThrow(/not a logsift profile/);
    expect(() => Profile.fromJSON({ format: 'logsift-profile', version: 9 })).toThrow(/unsupported profile version/);
  });
});
