import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, renderText } from '../src/index.js';
import { groupDigits } from '../src/compare/numbers.js';

describe('numbers in reasons and reports', () => {
  it('are written as toLocaleString("en-US") writes them, without loading ICU (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e15, max: 1e15 }), fc.double({ min: -1e20, max: 1e20, noNaN: true })), fc.integer({ min: 0, max: 3 }), (n, digits) => {
        expect(groupDigits(n, digits)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: digits }));
      }),
      { numRuns: 2000 },
    );
    for (const n of [0, -0, 999, 1000, 1234567, 0.5, 2.5, -2.5, 1.0005, 1e21, Infinity, -Infinity, NaN]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 3 }));
    }
  });

  it('counts in a reason and in the text report are grouped in thousands', async () => {
    const ts = (i: number): string => new Date(Date.UTC(2026, 10, 20, 14, 0, 0) + i * 100).toISOString();
    const base = Array.from({ length: 12_000 }, (_, i) => `${ts(i)} INFO [main] c.a.Cart - cart ${i} updated`);
    const canary = [...base.slice(0, 11_000), ...Array.from({ length: 1_500 }, (_, i) => `${ts(i)} ERROR [main] c.a.Pay - payment gateway timeout for cart ${i}`)];
    const r = await compare(base, canary);
    const f = r.findings.find((x) => x.kind === 'novel');
    expect(f?.reason).toMatch(/^New error event: 1,500 in the canary, never seen in 12,000 baseline events/);
    expect(renderText(r)).toContain('12,000 events');
  });
});
