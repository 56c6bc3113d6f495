import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, profile, renderText, TemplateMiner, type Report } from '../src/index.js';
import { cli } from './helpers/cli.js';
import { xorshift } from './helpers/random.js';

// Logs with more distinct statements than the miner's template cap (`miner.maxTemplates`): templates are evicted
// and made again, and the miner's history of evicted templates moves on.
function statements(count: number, seed: number): string[] {
  const next = xorshift(seed);
  const word = (): string => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');
  return Array.from({ length: count }, () => `${word()} ${word()} ${word()} ${word()} ${word()}`);
}

function lines(list: readonly string[], n: number): string[] {
  return Array.from({ length: n }, (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO ${list[(i * 7919) % list.length]!} took ${i % 97} ms`);
}

describe('compare: past the template cap', () => {
  it('a side with more statements than the cap is profiled with one entry per signature, none lost', async () => {
    const p = await profile(lines(statements(300, 0x2545f491), 3000), { miner: { maxTemplates: 50 } });
    const entries = p.entries();
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.reduce((n, e) => n + e.stats.count, 0)).toBe(3000);
    expect(entries).toHaveLength(300);
  });

  it('the same logs on both sides compare without error, and a reworded or new statement is still found', async () => {
    const base = statements(300, 0x2545f491);
    const canary = base.slice();
    canary[0] = canary[0]!.replace(/^\S+/, 'payment');
    const report = await compare(lines(base, 3000), [...lines(canary, 3000), '2024-05-01T10:01:00Z ERROR ledger write failed for batch 17'], { miner: { maxTemplates: 50 }, threads: 'off' });
    const ids = report.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(report.findings.some((f) => f.template === 'ledger write failed for batch <*>' && f.kind === 'novel')).toBe(true);
    expect(report.baseline.events).toBe(3000);
    expect(report.canary.events).toBe(3001);
    // and the report says the cap was reached, in words and as a code
    expect(report.caveats).toContain('templates-evicted');
    expect(report.warnings?.some((w) => w.startsWith("templates: the miner's cap of 50 templates was reached"))).toBe(true);
  });

  it('under the cap there is no such caveat, and with none of them the text report says the logs match', async () => {
    const base = lines(statements(30, 0x2545f491), 3000);
    const report = await compare(base, base, { threads: 'off' });
    expect(report.caveats ?? []).not.toContain('templates-evicted');
    const evicted: Report = { ...report, findings: [], caveats: ['templates-evicted'] };
    expect(renderText(evicted)).toContain('No findings, but the miner evicted templates');
  });

  it('a miner counts its evictions, and its snapshot keeps the count', () => {
    const miner = new TemplateMiner({ maxTemplates: 10 });
    for (const s of statements(40, 0x51ed270b)) miner.add(s);
    expect(miner.evicted).toBeGreaterThan(0);
    expect(TemplateMiner.restore(JSON.parse(JSON.stringify(miner.snapshot()))).evicted).toBe(miner.evicted);
    expect(new TemplateMiner().snapshot()).not.toHaveProperty('evicted');
  });

  it('the CLI takes --max-templates on compare and templates, and labels every line past the cap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-cap-'));
    const file = join(dir, 'many.log');
    const logs = lines(statements(300, 0x2545f491), 3000);
    writeFileSync(file, logs.join('\n') + '\n');
    const r = await cli(['compare', file, file, '--max-templates', '50', '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).caveats).toContain('templates-evicted');
    // lines whose cluster the miner forgot (its history of evicted templates holds 20) keep their template
    const t = await cli(['templates', file, '--max-templates', '20', '--format', 'csv']);
    expect(t.code).toBe(0);
    const rows = t.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(3000);
    for (let i = 0; i < rows.length; i += 97) expect(rows[i]!.endsWith(`${logs[i]!.split(' INFO ')[1]!.replace(/took \d+ ms$/, 'took <*> ms')}`)).toBe(true);
    // the template table says what it leaves out
    const table = await cli(['templates', file, '--max-templates', '20']);
    expect(table.code).toBe(0);
    expect(table.stdout.trim().split('\n').length).toBeLessThanOrEqual(20);
    expect(table.stderr).toMatch(/^3000 lines, \d+ templates \(and \d+ evicted at the cap of 20, their lines not counted above: raise --max-templates\)/);
    for (const bad of ['0', '-3', 'many', '1.5']) {
      const u = await cli(['compare', file, file, '--max-templates', bad]);
      expect(u.code).toBe(2);
      expect(u.stderr).toContain('--max-templates must be a whole number');
    }
  });
});
