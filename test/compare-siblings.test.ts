import { describe, expect, it } from 'vitest';
import { compare } from '../src/index.js';

// A warning statement that logs an enumerated word (an HTTP method, a state): the miner keeps such words as
// constants until a slot has taken several of them, so a rare value is a template of its own.
const ts = (i: number): string => new Date(Date.UTC(2026, 10, 20, 14, 0, 0) + i * 1000).toISOString();
const filler = (i: number): string => `${ts(i)} INFO  [main] c.shop.Cart - cart ${1000 + i} updated with ${i % 7} items`;
const method = (i: number, level: string, word: string): string => `${ts(i)} ${level} [exec-${i % 9}] o.s.w.Resolver - Request method '${word}' is not supported`;

/** 1,000 filler lines with `extra` lines spread over them. */
function side(extra: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < 1000; i++) {
    out.push(filler(i));
    if (i % 40 === 0 && extra.length > 0) out.push(extra.shift()!);
  }
  return [...out, ...extra];
}

const repeat = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

describe('novel signatures that are a new enumerated value of a baseline statement', () => {
  it("a few 'DELETE' events where the baseline logged 'GET' and 'PUT' are a new value, low risk: the canary passes", async () => {
    const base = side([...repeat(10, (i) => method(i, 'WARN ', 'GET')), ...repeat(3, (i) => method(i, 'WARN ', 'PUT'))]);
    const canary = side([...repeat(10, (i) => method(i, 'WARN ', 'GET')), ...repeat(3, (i) => method(i, 'WARN ', 'PUT')), ...repeat(4, (i) => method(i, 'WARN ', 'DELETE'))]);
    const r = await compare(base, canary);
    const f = r.findings.find((x) => x.template.includes("'DELETE'"));
    expect(f?.kind).toBe('novel');
    expect(f?.risk).toBeLessThanOrEqual(2);
    expect(f?.reason).toMatch(/with 'GET' instead of 'DELETE'/);
    expect(r.verdict).toBe('pass');
  });

  it('a new failure word (FAILED where the baseline logged ACTIVE) stays a new event with its usual risk', async () => {
    const state = (i: number, word: string): string => `${ts(i)} WARN  [main] c.shop.Sync - replica state '${word}' reported by peer`;
    const base = side(repeat(10, (i) => state(i, 'ACTIVE')));
    const canary = side([...repeat(10, (i) => state(i, 'ACTIVE')), ...repeat(4, (i) => state(i, 'FAILED'))]);
    const r = await compare(base, canary);
    const f = r.findings.find((x) => x.template.includes("'FAILED'"));
    expect(f?.kind).toBe('novel');
    expect(f?.risk).toBeGreaterThan(2);
    expect(r.verdict).not.toBe('pass');
  });

  it('many events of the new value are strong evidence and keep their risk', async () => {
    const base = side(repeat(10, (i) => method(i, 'WARN ', 'GET')));
    const canary = side([...repeat(10, (i) => method(i, 'WARN ', 'GET')), ...repeat(12, (i) => method(i, 'WARN ', 'DELETE'))]);
    const r = await compare(base, canary);
    const f = r.findings.find((x) => x.template.includes("'DELETE'"));
    expect(f?.risk).toBeGreaterThan(2);
    expect(f?.reason).not.toMatch(/instead of/);
  });

  it('an error statement with a new value is not discounted', async () => {
    const base = side(repeat(10, (i) => method(i, 'ERROR', 'GET')));
    const canary = side([...repeat(10, (i) => method(i, 'ERROR', 'GET')), ...repeat(4, (i) => method(i, 'ERROR', 'DELETE'))]);
    const r = await compare(base, canary);
    const f = r.findings.find((x) => x.template.includes("'DELETE'"));
    expect(f?.severity).toBe('error');
    expect(f?.risk).toBeGreaterThan(2);
    expect(r.verdict).not.toBe('pass');
  });
});
