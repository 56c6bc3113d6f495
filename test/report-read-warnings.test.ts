import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const BASE = 'fixtures/sample/baseline.log';

/** The sample canary with NUL bytes in `n` of its lines. */
function canaryWithNuls(n: number): string {
  const lines = readFileSync(BASE, 'utf8').split('\n');
  for (let i = 0; i < n; i++) lines[i * 3] = `${lines[i * 3]}\u0000\u0000tail`;
  const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
  const path = join(dir, 'canary.log');
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('reading warnings in the report', () => {
  it('lines with NUL bytes are a warning in every format, like invalid UTF-8', async () => {
    const canary = canaryWithNuls(2);
    const json = await cli(['compare', BASE, canary, '--format', 'json']);
    expect((JSON.parse(json.stdout) as { warnings?: string[] }).warnings).toContain('canary: 2 lines had NUL bytes (replaced by spaces)');
    const text = await cli(['compare', BASE, canary]);
    expect(text.stdout).toMatch(/warning: canary: 2 lines had NUL bytes \(replaced by spaces\)/);
    const markdown = await cli(['compare', BASE, canary, '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/> \*\*Warning:\*\* canary: 2 lines had NUL bytes/);
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    await cli(['compare', BASE, canary, '--report', join(dir, 'r.html')]);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/<strong>Warning:<\/strong> canary: 2 lines had NUL bytes/);
    const templates = await cli(['templates', canary]);
    expect(templates.stderr).toMatch(/, 2 with NUL bytes \(replaced by spaces\)/);
  });

  it('one line with NUL bytes is told in the singular; a clean side has no warning', async () => {
    const one = await cli(['compare', BASE, canaryWithNuls(1), '--format', 'json']);
    const warnings = (JSON.parse(one.stdout) as { warnings?: string[] }).warnings ?? [];
    expect(warnings).toContain('canary: 1 line had NUL bytes (replaced by spaces)');
    expect(warnings.some((w) => w.startsWith('baseline:'))).toBe(false);
  });

  it('one over-long line is told in the singular, two in the plural', async () => {
    const lines = readFileSync(BASE, 'utf8').split('\n');
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    const warningsFor = async (n: number): Promise<string[]> => {
      const long = lines.map((l, i) => (i < n ? `${l} ${'x'.repeat(70_000)}` : l));
      writeFileSync(join(dir, `long${n}.log`), long.join('\n'));
      const r = await cli(['compare', BASE, join(dir, `long${n}.log`), '--format', 'json']);
      return (JSON.parse(r.stdout) as { warnings?: string[] }).warnings ?? [];
    };
    expect(await warningsFor(1)).toContain('canary: 1 line was longer than the line cap and was truncated');
    expect(await warningsFor(2)).toContain('canary: 2 lines were longer than the line cap and were truncated');
  });
});
