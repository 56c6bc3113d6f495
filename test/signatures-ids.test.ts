import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare, normalizeTemplate, profile, Profile, signatureId, TemplateMiner } from '../src/index.js';

const BASE = 'fixtures/signatures/baseline.log';
const CANARY = 'fixtures/signatures/canary.log';
const messages = readFileSync(BASE, 'utf8')
  .trimEnd()
  .split('\n')
  .map((l) => l.slice(l.indexOf(' - ') + 3));

describe('stable signature ids', () => {
  it('signatureId(template) depends on the tokens only, not on spacing', () => {
    expect(signatureId('Order <*>  placed\tby <*> ')).toBe(signatureId('Order <*> placed by <*>'));
    expect(normalizeTemplate('  a   <*> b ')).toBe('a <*> b');
    expect(signatureId('Order <*> placed')).not.toBe(signatureId('Order <*> created'));
  });

  it('signatureId(text) is the id the miner gives every template', () => {
    const miner = new TemplateMiner();
    for (const m of messages) miner.add(m);
    for (const t of miner.templates()) expect(t.id).toBe(signatureId(t.text));
  });

  it('ids do not depend on the order the miner met the templates in', () => {
    const a = new TemplateMiner();
    const b = new TemplateMiner();
    for (const m of messages) a.add(m);
    for (const m of [...messages].reverse()) b.add(m);
    const ids = (mnr: TemplateMiner) => new Map(mnr.templates().map((t) => [t.text, t.id]));
    expect(ids(b)).toEqual(ids(a));
  });

  it('ids survive a miner snapshot and restore, and mining on after the restore', () => {
    const whole = new TemplateMiner();
    for (const m of messages) whole.add(m);
    const half = new TemplateMiner();
    for (const m of messages.slice(0, 100)) half.add(m);
    const restored = TemplateMiner.restore(JSON.parse(JSON.stringify(half.snapshot())));
    expect(restored.templates().map((t) => t.id)).toEqual(half.templates().map((t) => t.id));
    for (const m of messages.slice(100)) restored.add(m);
    expect(new Set(restored.templates().map((t) => t.id))).toEqual(new Set(whole.templates().map((t) => t.id)));
  });

  it('two runs of compare() on the same input give the same finding ids and rewordings', async () => {
    const a = await compare(BASE, CANARY);
    const b = await compare(BASE, CANARY);
    expect(b.findings.map((f) => f.id)).toEqual(a.findings.map((f) => f.id));
    expect(b.rewordings).toEqual(a.rewordings);
    expect(a.findings.length).toBeGreaterThan(0);
  });

  it('a saved baseline profile gives the same ids as the raw baseline log', async () => {
    const direct = await compare(BASE, CANARY);
    const saved = JSON.parse(JSON.stringify((await profile(BASE)).toJSON()));
    const viaProfile = await compare(saved, CANARY);
    expect(viaProfile.findings.map((f) => [f.id, f.kind])).toEqual(direct.findings.map((f) => [f.id, f.kind]));
    expect(viaProfile.rewordings?.map((r) => [r.baselineId, r.canaryId])).toEqual(direct.rewordings?.map((r) => [r.baselineId, r.canaryId]));
    const loaded = Profile.fromJSON(saved);
    for (const e of loaded.entries()) expect(e.id).toBe(signatureId(e.template));
  });
});
