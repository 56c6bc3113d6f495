import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/index.js';
import { cli } from './helpers/cli.js';

const BASE = 'fixtures/sample/baseline.log';
const CANARY = 'fixtures/sample/canary.log';

function json(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

/** Checks the documented JSON schema (version 1) field by field. */
function expectSchema(r: Report): void {
  expect(r.schemaVersion).toBe(1);
  expect(['pass', 'marginal', 'fail']).toContain(r.verdict);
  expect(r.score).toBeGreaterThanOrEqual(0);
  expect(r.score).toBeLessThanOrEqual(100);
  for (const side of [r.baseline, r.canary]) {
    expect(Number.isInteger(side.lines)).toBe(true);
    expect(Number.isInteger(side.events)).toBe(true);
  }
  for (const f of r.findings) {
    expect(typeof f.id).toBe('string');
    expect(['novel', 'spike', 'param', 'drop', 'gone']).toContain(f.kind);
    expect(['critical', 'error', 'warning', 'info']).toContain(f.severity);
    expect(typeof f.template).toBe('string');
    expect(Number.isInteger(f.baselineCount) && Number.isInteger(f.canaryCount)).toBe(true);
    expect(f.risk).toBeGreaterThanOrEqual(0);
    expect(f.risk).toBeLessThanOrEqual(100);
    for (const k of ['pValue', 'qValue', 'rateRatio'] as const) expect(typeof f[k]).toBe('number');
    expect(f.reason.length).toBeGreaterThan(0);
    expect(Array.isArray(f.examples)).toBe(true);
  }
}

describe('the README main command', () => {
  it('runs compare on the bundled sample logs with the built CLI and fails the canary (exit 1)', () => {
    expect(existsSync('dist/cli.js'), 'build first (npm run build)').toBe(true);
    const readme = readFileSync('README.md', 'utf8');
    const command = /npm ci && npm run build && (node dist\/cli\.js compare [^\n]+)/.exec(readme)?.[1];
    expect(command).toBeDefined();
    const r = spawnSync(process.execPath, command!.split(' ').slice(1), { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL/);
    expect(r.stdout).toMatch(/NullPointerException/);
    expect(r.stdout).toMatch(/retrying payment/);
  });
});

describe('logsift compare', () => {
  it('prints the JSON report and exits 1 when the canary fails', async () => {
    const r = await cli(['compare', BASE, CANARY, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expectSchema(report);
    expect(report.verdict).toBe('fail');
    const npe = report.findings.find((f) => f.kind === 'novel' && f.severity === 'critical');
    // whole raw events, first line first
    expect(npe?.examples[0]?.split('\n')[1]).toMatch(/^java\.lang\.NullPointerException/);
  });

  it('exits 0 when the canary passes, and prints nothing but the report on stdout', async () => {
    const r = await cli(['compare', BASE, BASE, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).verdict).toBe('pass');
    expect(r.stderr).toBe('');
  });

  it('exits 3 when the verdict is marginal', async () => {
    // the retry spike alone is a warning: marginal at the default sensitivity
    const lines = readFileSync(CANARY, 'utf8').split('\n').filter((l) => !/checkout failed|^java|^\t/.test(l));
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    writeFileSync(join(dir, 'canary.log'), lines.join('\n'));
    const r = await cli(['compare', BASE, join(dir, 'canary.log'), '--format', 'json']);
    expect(json(r.stdout).verdict).toBe('marginal');
    expect(r.code).toBe(3);
  });

  it('takes the verdict thresholds from --pass-score and --marginal-score', async () => {
    const strict = await cli(['compare', BASE, BASE, '--format', 'json', '--pass-score', '100.5']);
    expect(strict.code).toBe(2);
    const lenient = await cli(['compare', BASE, CANARY, '--format', 'json', '--pass-score', '0', '--marginal-score', '0']);
    expect(json(lenient.stdout).verdict).toBe('pass');
    expect(lenient.code).toBe(0);
    const bad = await cli(['compare', BASE, CANARY, '--pass-score', '40', '--marginal-score', '60']);
    expect(bad.code).toBe(2);
  });

  it('reads rules from YAML and applies them', async () => {
    const r = await cli(['compare', BASE, CANARY, '--format', 'json', '--rules', 'fixtures/compare/rules.yaml']);
    const retry = json(r.stdout).findings.find((f) => f.template.startsWith('retrying payment'));
    expect(retry?.risk).toBe(0);
    expect(retry?.reason).toMatch(/not a risk/);
  });

  it('fails a release on one critical novel event at high sensitivity', async () => {
    const canary = readFileSync(CANARY, 'utf8').split('\n');
    const first = canary.findIndex((l) => l.includes('checkout failed'));
    const one = [...readFileSync(BASE, 'utf8').trimEnd().split('\n'), ...canary.slice(first, first + 5)];
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    writeFileSync(join(dir, 'canary.log'), one.join('\n'));
    const high = await cli(['compare', BASE, join(dir, 'canary.log'), '--format', 'json', '--sensitivity', 'high']);
    expect(json(high.stdout).verdict).toBe('fail');
    const medium = await cli(['compare', BASE, join(dir, 'canary.log'), '--format', 'json']);
    expect(json(medium.stdout).verdict).not.toBe('pass');
  });

  it('saves the baseline profile and compares a later canary with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    const saved = join(dir, 'base.json');
    const first = await cli(['compare', BASE, CANARY, '--format', 'json', '--save-profile', saved]);
    const again = await cli(['compare', saved, CANARY, '--format', 'json']);
    expect(again.code).toBe(first.code);
    expect(json(again.stdout).findings.map((f) => f.id)).toEqual(json(first.stdout).findings.map((f) => f.id));
  });

  it('tells a saved profile by its content: any name or stdin as the baseline; truncated, or as the canary, is exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    const saved = join(dir, 'base.json');
    const first = await cli(['compare', BASE, CANARY, '--format', 'json', '--save-profile', saved]);
    const ids = json(first.stdout).findings.map((f) => f.id);
    const renamed = join(dir, 'base-profile.log');
    writeFileSync(renamed, readFileSync(saved));
    const byName = await cli(['compare', renamed, CANARY, '--format', 'json']);
    expect(json(byName.stdout).findings.map((f) => f.id)).toEqual(ids);
    const byStdin = await cli(['compare', '-', CANARY, '--format', 'json'], readFileSync(saved, 'utf8'));
    expect(json(byStdin.stdout).findings.map((f) => f.id)).toEqual(ids);
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(saved).subarray(0, 1000));
    const broken = await cli(['compare', truncated, CANARY]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/begins like a saved logsift profile but is not valid JSON/);
    expect(broken.stdout).toBe('');
    const asCanary = await cli(['compare', BASE, saved]);
    expect(asCanary.code).toBe(2);
    expect(asCanary.stderr).toMatch(/only the baseline may be a profile/);
    // logs on stdin are still logs
    const logs = await cli(['compare', '-', CANARY, '--format', 'json'], readFileSync(BASE, 'utf8'));
    expect(json(logs.stdout).findings.map((f) => f.id)).toEqual(ids);
  });

  it('writes markdown and an HTML report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    const html = join(dir, 'r.html');
    const r = await cli(['compare', BASE, CANARY, '--format', 'markdown', '--report', html]);
    expect(r.stdout).toMatch(/FAIL/i);
    expect(readFileSync(html, 'utf8')).toMatch(/<!doctype html>/i);
  });

  it('refuses (exit 2, one line) an output file that is an input or the other output, and leaves every file as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    const base = join(dir, 'base.log');
    const canary = join(dir, 'can.log');
    writeFileSync(base, readFileSync(BASE));
    writeFileSync(canary, readFileSync(CANARY));
    const linked = join(dir, 'link.log');
    symlinkSync(base, linked);
    const cases: Array<{ argv: string[]; same: RegExp }> = [
      { argv: ['--save-profile', base], same: /--save-profile .* is the same file as the baseline/ },
      { argv: ['--report', canary], same: /--report .* is the same file as the canary/ },
      { argv: ['--save-profile', linked], same: /same file as the baseline/ },
      { argv: ['--save-profile', join(dir, '.', 'base.log')], same: /same file as the baseline/ },
      { argv: ['--report', join(dir, 'r.html'), '--save-profile', join(dir, 'r.html')], same: /--report .* is the same file as the --save-profile file/ },
    ];
    for (const c of cases) {
      const r = await cli(['compare', base, canary, ...c.argv]);
      expect(r.code, c.argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(c.same);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(readFileSync(base, 'utf8')).toBe(readFileSync(BASE, 'utf8'));
      expect(readFileSync(canary, 'utf8')).toBe(readFileSync(CANARY, 'utf8'));
      expect(existsSync(join(dir, 'r.html'))).toBe(false);
    }
    // two different outputs that do not exist yet are fine
    const ok = await cli(['compare', base, canary, '--report', join(dir, 'r.html'), '--save-profile', join(dir, 'p.json')]);
    expect(ok.code).toBe(1);
    expect(existsSync(join(dir, 'r.html')) && existsSync(join(dir, 'p.json'))).toBe(true);
  });

  it('handles an empty side, a binary file and a 1000x imbalance without crashing', async () => {
    const empty = await cli(['compare', 'fixtures/compare/empty.log', CANARY, '--format', 'json']);
    expect([0, 1, 3]).toContain(empty.code);
    expectSchema(json(empty.stdout));
    expect(json(empty.stdout).baseline.events).toBe(0);
    const emptyCanary = await cli(['compare', BASE, 'fixtures/compare/empty.log', '--format', 'json']);
    expectSchema(json(emptyCanary.stdout));
    const binary = await cli(['compare', BASE, 'fixtures/compare/binary.bin', '--format', 'json']);
    expectSchema(json(binary.stdout));
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    writeFileSync(join(dir, 'tiny.log'), readFileSync(BASE, 'utf8').split('\n').slice(0, 1).join('\n'));
    const big = readFileSync(BASE, 'utf8');
    writeFileSync(join(dir, 'big.log'), big.repeat(1000));
    const imbalance = await cli(['compare', join(dir, 'big.log'), join(dir, 'tiny.log'), '--format', 'json']);
    // one canary line cannot show anything gone: inconclusive (see the test on a canary too small)
    expect(imbalance.code).toBe(3);
    expectSchema(json(imbalance.stdout));
  });

  it('an empty side leaves nothing to compare with: marginal (exit 3, inconclusive) with a warning, never pass', async () => {
    const emptyCanary = await cli(['compare', BASE, 'fixtures/compare/empty.log', '--format', 'json']);
    expect(emptyCanary.code).toBe(3);
    const r = json(emptyCanary.stdout);
    expect(r.verdict).toBe('marginal');
    expect(r.warnings?.some((w) => /^canary: no events were read/.test(w))).toBe(true);
    const emptyBase = await cli(['compare', 'fixtures/compare/empty.log', BASE, '--format', 'json']);
    expect(json(emptyBase.stdout).verdict).not.toBe('pass');
    expect(json(emptyBase.stdout).warnings?.some((w) => /^baseline: no events were read/.test(w))).toBe(true);
    const text = await cli(['compare', BASE, 'fixtures/compare/empty.log']);
    expect(text.stdout).toMatch(/canary: no events were read/);
    expect(text.stdout).toMatch(/No findings: a side has no events, so nothing was compared/);
    expect(text.stdout).not.toMatch(/logs match/);
  });

  it('a baseline too small to show anything new (blank lines, one line) is marginal, never pass; a small one is warned about', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    writeFileSync(join(dir, 'blank.log'), '\n\n\n\n');
    writeFileSync(join(dir, 'one.log'), 'hello\n');
    for (const name of ['blank.log', 'one.log']) {
      const r = await cli(['compare', join(dir, name), CANARY, '--format', 'json']);
      expect(r.code).toBe(3);
      const report = json(r.stdout);
      expect(report.verdict).toBe('marginal');
      expect(report.warnings?.some((w) => /^baseline: 1 event against the canary's .*too few to show any canary signature as new/.test(w))).toBe(true);
      expect(report.caveats).toEqual(['baseline-small']);
    }
    const lines = readFileSync(BASE, 'utf8').split('\n');
    writeFileSync(join(dir, 'tenth.log'), lines.slice(0, Math.ceil(lines.length / 10)).join('\n'));
    const small = json((await cli(['compare', join(dir, 'tenth.log'), CANARY, '--format', 'json'])).stdout);
    expect(small.warnings?.some((w) => /a signature new in the canary is significant only from \d+ occurrences on/.test(w))).toBe(true);
    expect(small.caveats).toBeUndefined();
    const even = json((await cli(['compare', BASE, CANARY, '--format', 'json'])).stdout);
    expect(even.warnings ?? []).not.toContainEqual(expect.stringMatching(/significant only from/));
  });

  it('a canary too small to show any baseline signature as gone is marginal, never pass; a new error in it still fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    const lines = readFileSync(BASE, 'utf8').split('\n').filter((l) => l !== '');
    writeFileSync(join(dir, 'five.log'), lines.slice(0, 5).join('\n') + '\n');
    const r = await cli(['compare', BASE, join(dir, 'five.log'), '--format', 'json']);
    expect(r.code).toBe(3);
    const report = json(r.stdout);
    expect(report.verdict).toBe('marginal');
    expect(report.findings).toEqual([]);
    expect(report.warnings).toContainEqual(expect.stringMatching(/^canary: 5 events against the baseline's [\d,]+: too few to show any baseline signature as gone \(its most frequent one has [\d,]+ events; gone, it would need [\d,]+ to be significant\)/));
    expect(report.caveats).toEqual(['canary-small']);
    const text = await cli(['compare', BASE, join(dir, 'five.log')]);
    expect(text.stdout).toMatch(/No findings, but a side has too few events for that to mean the logs match/);
    expect(text.stdout).not.toMatch(/logs match the baseline/);
    // a new critical event in those few lines is still a failure
    const crash = lines.slice(0, 4).concat([1, 2, 3].map((s) => `2026-11-20 14:00:0${s},000 ERROR [main] c.shop.App - java.lang.OutOfMemoryError: Java heap space`));
    writeFileSync(join(dir, 'crash.log'), crash.join('\n') + '\n');
    expect((await cli(['compare', BASE, join(dir, 'crash.log'), '--format', 'json'])).code).toBe(1);
    // the whole sample canary is not too small
    const even = json((await cli(['compare', BASE, CANARY, '--format', 'json'])).stdout);
    expect(even.warnings ?? []).not.toContainEqual(expect.stringMatching(/too few to show/));
    expect(even.caveats).toBeUndefined();
  });

  it('exits 2 with one line on bad usage or unreadable input', async () => {
    for (const argv of [
      ['compare', BASE],
      ['compare', BASE, 'missing.log'],
      ['compare', 'fixtures', CANARY],
      ['compare', '-', '-'],
      ['compare', BASE, CANARY, '--sensitivity', 'extreme'],
      ['compare', BASE, CANARY, '--rules', 'missing.yaml'],
      ['compare', BASE, CANARY, '--rules', 'fixtures/compare/binary.bin'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
