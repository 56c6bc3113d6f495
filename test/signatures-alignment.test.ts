import { describe, expect, it } from 'vitest';
import { compare, parseRules, signatureId } from '../src/index.js';

const BASE = 'fixtures/signatures/baseline.log';
const CANARY = 'fixtures/signatures/canary.log';
const PLACED = 'Order <*> placed by user <*> total=<*> EUR in <*>';
const CREATED = 'Order <*> created by user <*> total=<*> EUR in <*>';
const GATEWAY = 'Payment gateway rejected card for order <*>: code=<*>';
const PROVIDER = 'Payment provider rejected card for order <*>: code=<*>';

function lines(n: number, make: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => make(i));
}
const ts = (i: number): string => `2026-11-20 14:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},000`;

describe('compare() across a rewording', () => {
  it('pairs a reworded INFO and a reworded ERROR statement with their baseline templates instead of reporting novel and gone events', async () => {
    const r = await compare(BASE, CANARY);
    const pairs = (r.rewordings ?? []).map((p) => [p.baselineTemplate, p.canaryTemplate]);
    expect(pairs).toContainEqual([PLACED, CREATED]);
    expect(pairs).toContainEqual([GATEWAY, PROVIDER]);
    for (const t of [PLACED, CREATED, GATEWAY, PROVIDER]) expect(r.findings.find((f) => f.template === t)).toBeUndefined();
    expect(r.summary).toEqual({ findings: r.findings.length, families: r.families?.length ?? 0, rewordings: 2 });
  });

  it('keeps a genuinely new error novel even though its words resemble an existing error that kept its rate', async () => {
    const r = await compare(BASE, CANARY);
    const replica = r.findings.find((f) => f.template === 'Connection to replica <*> lost after <*>');
    expect(replica).toMatchObject({ kind: 'novel', severity: 'error', baselineCount: 0, canaryCount: 8 });
    expect(replica?.pairedWith).toBeUndefined();
    expect(r.verdict).not.toBe('pass');
  });

  it('reports the rewordings as a novel error and gone events when alignment is turned off', async () => {
    const r = await compare(BASE, CANARY, { rewordings: false });
    expect(r.rewordings).toBeUndefined();
    expect(r.findings.find((f) => f.template === PROVIDER)).toMatchObject({ kind: 'novel', severity: 'error' });
  });

  it('compares a reworded ERROR statement with its own history, and does not pair one whose count is far above that history', async () => {
    const base = [
      ...lines(400, (i) => `${ts(i)} INFO  [main] c.shop.Cart - Cart ${1000 + i} updated with ${i % 7} items`),
      ...lines(8, (i) => `${ts(i)} ERROR [main] c.shop.Pay - Payment gateway rejected card for order ${5000 + i}: code=51`),
    ];
    const canary = [
      ...lines(400, (i) => `${ts(i)} INFO  [main] c.shop.Cart - Cart ${3000 + i} updated with ${i % 7} items`),
      ...lines(80, (i) => `${ts(i)} ERROR [main] c.shop.Pay - Payment provider rejected card for order ${7000 + i}: code=51`),
    ];
    const r = await compare(base, canary);
    // 8 -> 80 is not "about as much" as what the old template lost: no pairing, a novel error
    expect(r.findings.find((f) => f.template.startsWith('Payment provider'))?.kind).toBe('novel');
    const canary2 = [
      ...lines(400, (i) => `${ts(i)} INFO  [main] c.shop.Cart - Cart ${3000 + i} updated with ${i % 7} items`),
      ...lines(14, (i) => `${ts(i)} ERROR [main] c.shop.Pay - Payment provider rejected card for order ${7000 + i}: code=51`),
    ];
    const r2 = await compare(base, canary2);
    const paired = r2.findings.find((f) => f.template.startsWith('Payment provider'));
    // 8 -> 14 pairs; as one signature it is not a significant change, so nothing is reported about it
    expect(r2.rewordings?.map((p) => p.canaryTemplate)).toEqual(['Payment provider rejected card for order <*>: code=<*>']);
    expect(paired).toBeUndefined();
    expect(r2.verdict).toBe('pass');
  });

  it('applies rules by id and by template text of the baseline template to the reworded canary finding', async () => {
    const base = lines(300, (i) => `${ts(i)} INFO  [main] c.shop.Cart - Cart ${1000 + i} updated with ${i % 7} items`).concat(
      lines(10, (i) => `${ts(i)} ERROR [main] c.shop.Pay - Payment gateway rejected card for order ${5000 + i}: code=${['51', '05', '14'][i % 3]}`),
    );
    const canary = lines(300, (i) => `${ts(i)} INFO  [main] c.shop.Cart - Cart ${3000 + i} updated with ${i % 7} items`).concat(
      lines(10, (i) => `${ts(i)} ERROR [main] c.shop.Pay - Payment provider rejected card for order ${7000 + i}: code=${i < 9 ? 'timeout' : '51'}`),
    );
    const bare = await compare(base, canary);
    const param = bare.findings.find((f) => f.kind === 'param');
    expect(param?.pairedWith?.template).toBe(GATEWAY);
    expect(param?.reason).toContain('reworded from');
    expect(param!.risk).toBeGreaterThan(0);
    const byId = await compare(base, canary, { rules: parseRules({ version: 1, rules: [{ id: signatureId(GATEWAY), action: 'not-a-risk' }] }) });
    expect(byId.findings.find((f) => f.kind === 'param')?.risk).toBe(0);
    const severity = await compare(base, canary, { rules: parseRules({ version: 1, rules: [{ id: signatureId(GATEWAY), action: 'severity', severity: 'critical' }] }) });
    expect(severity.findings.find((f) => f.kind === 'param')?.severity).toBe('critical');
    const byTemplate = await compare(base, canary, { rules: parseRules({ version: 1, rules: [{ template: GATEWAY, action: 'ignore' }] }) });
    expect(byTemplate.findings.find((f) => f.template === PROVIDER)).toBeUndefined();
  });
});
