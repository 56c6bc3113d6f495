import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const BASE = 'fixtures/sample/baseline.log';

// C0 (ESC, BEL, CR, LF), DEL, C1 (U+009B is a one-byte CSI) and bidi overrides and isolates.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectOneVisibleLine(stderr: string): void {
  expect(stderr).not.toMatch(RAW_CONTROL);
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.slice(0, -1)).not.toContain('\n');
}

describe('CLI error messages', () => {
  it('shorten a 5,000-character path to one short line', async () => {
    for (const argv of [['templates', 'x'.repeat(5000)], ['compare', 'x'.repeat(5000), BASE]]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expectOneVisibleLine(r.stderr);
      expect(r.stderr).toMatch(/x{300}\.\.\. \(ENAMETOOLONG\)\n$/);
      expect(r.stderr.length).toBeLessThan(400);
    }
  });

  it('refuse a directory given as stdin (exit 2, one line) instead of reading it as an empty log', () => {
    const fd = openSync(tmpdir(), 'r');
    try {
      for (const argv of [['templates', '-'], ['compare', '-', BASE]]) {
        const r = spawnSync(process.execPath, ['dist/cli.js', ...argv], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(`logsift ${argv[0]}: stdin is a directory, not a log file\n`);
      }
    } finally {
      closeSync(fd);
    }
  });

  it('show the control characters of a file name escaped, on one line', async () => {
    const r = await cli(['compare', '\u001b[2Jx\u0007\u009b31m\u202eevil\nline', BASE]);
    expect(r.code).toBe(2);
    expectOneVisibleLine(r.stderr);
    expect(r.stderr).toBe('logsift compare: no such file: \\x1b[2Jx\\x07\\x9b31m\\u202eevil\\x0aline\n');
  });

  it('show an --explain id, a bad option value, an unknown option and an unknown command escaped', async () => {
    for (const argv of [
      ['compare', BASE, BASE, '--explain', '\u001b]0;title\u0007'],
      ['compare', BASE, BASE, '--format', '\u001b[31mred'],
      ['compare', BASE, BASE, '--pass-score', '\u009b2J'],
      ['compare', '--\u001b[1m'],
      ['\u001b[1mcompare'],
      ['templates', '\u2066x\u2069'],
      ['verify', '--source', 'splunk', '--url', 'http://127.0.0.1:1', '--baseline-query', 'a', '--canary-query', 'b', '--from', '\u001b[2J', '--to', 'x'],
    ]) {
      const r = await cli(argv);
      expect(r.code, JSON.stringify(argv)).toBe(2);
      expect(r.stderr).toMatch(/\\x1b|\\u001b|\\x9b|\\u2066/);
      expectOneVisibleLine(r.stderr);
    }
  });

  it('show a rules file name with controls escaped when the file is bad', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    const rules = join(dir, 'r\u001b[5mules.yaml');
    writeFileSync(rules, 'version: 1\nrules: [ {');
    const r = await cli(['compare', BASE, BASE, '--rules', rules]);
    expect(r.code).toBe(2);
    expectOneVisibleLine(r.stderr);
  });
});
