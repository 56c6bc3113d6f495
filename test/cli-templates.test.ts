import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const HDFS = '<Date> <Time> <Pid> <Level> <Component>: <Content>';

describe('logsift templates', () => {
  it('prints LineId,EventId,EventTemplate with one row per input line, unmatched lines kept', async () => {
    const r = await cli(['templates', 'fixtures/cli/hdfs-mini.log', '--log-format', HDFS, '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('LineId,EventId,EventTemplate');
    expect(rows).toHaveLength(6);
    const parsed = rows.slice(1).map((row) => row.split(','));
    expect(parsed.map((p) => p[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(parsed[0]![2]).toBe('PacketResponder <*> for block <*> terminating');
    expect(parsed[0]![1]).toBe(parsed[1]![1]);
    expect(parsed[0]![1]).toBe(parsed[4]![1]);
    expect(parsed[2]![2]).toBe('this line does not match the format');
    // the summary is on stderr for every output format, the line that does not match the format counted
    expect(r.stderr).toBe('5 lines, 3 templates, 1 not matching the log format (kept whole)\n');
  });

  it('counts lines that do not match --log-format and lines with invalid UTF-8, whatever the output format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-templates-'));
    const file = join(dir, 'bad.log');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('081109 203615 INFO dfs.DataNode: block 1 served\nno header here\n081109 203616 INFO dfs.DataNode: bad '),
        Buffer.from([0xff]),
        Buffer.from(' byte\n'),
      ]),
    );
    try {
      for (const format of ['text', 'csv', 'jsonl']) {
        const r = await cli(['templates', file, '--log-format', '<Date> <Time> <Level> <Component>: <Content>', '--format', format]);
        expect(r.code, format).toBe(0);
        expect(r.stderr, format).toBe('3 lines, 3 templates, 1 not matching the log format (kept whole), 1 with invalid UTF-8\n');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads stdin when the input is -, and prints the template table as text by default', async () => {
    const r = await cli(['templates', '-'], 'request 17 served in 5 ms\nrequest 18 served in 7 ms\ndisk full on /dev/sda1\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2 {2}[0-9a-f]{16} {2}request <\*> served in <\*> ms$/m);
    expect(r.stderr).toContain('3 lines, 2 templates');
  });

  it('templatizes the message of JSON and logfmt lines, one row per line; a { line that is not JSON is kept whole and counted', async () => {
    const input = [
      '{"@timestamp":"2026-01-10T12:00:00Z","log.level":"info","message":"order 17 placed in 5 ms","service.name":"shop"}',
      '{"@timestamp":"2026-01-10T12:00:01Z","log.level":"info","message":"order 18 placed in 7 ms","service.name":"shop"}',
      'time=2026-01-10T12:00:02Z level=warn msg="slow query took 1200 ms" table=orders',
      '{"broken',
      '2026-01-10 12:00:03,000 ERROR [main] c.shop.App - disk full on /dev/sda1',
    ].join('\n');
    const r = await cli(['templates', '-', '--format', 'jsonl'], input + '\n');
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((row) => (JSON.parse(row) as { template: string }).template);
    expect(rows).toEqual(['order <*> placed in <*> ms', 'order <*> placed in <*> ms', 'slow query took <*> ms', '{"broken', 'disk full on <*>']);
    const text = await cli(['templates', '-'], input + '\n');
    expect(text.stderr).toContain('5 lines, 4 templates, 1 starting with { but not JSON (read as text)');
  });

  it('prints one JSON object per line with --format jsonl', async () => {
    const r = await cli(['templates', '-', '--format', 'jsonl'], 'a 1\na 2\n');
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { lineId: number; template: string });
    expect(objs.map((o) => o.lineId)).toEqual([1, 2]);
    expect(objs[0]!.template).toBe('a <*>');
  });

  it('exits 2 with a one-line message on bad usage or unreadable input', async () => {
    for (const argv of [['templates'], ['templates', 'missing.log'], ['templates', 'fixtures'], ['templates', '-', '--format', 'xml'], ['templates', '-', '--nope'], ['frobnicate']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    const bad = await cli(['templates', '-', '--log-format', '<Date> <Time>']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Content/);
  });

  it('has --help on every command', async () => {
    expect((await cli(['--help'])).stdout).toContain('logsift templates');
    const r = await cli(['templates', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--log-format');
  });

  it('runs as the built bin with the same exit codes', () => {
    expect(existsSync('dist/cli.js'), 'build first (npm run build)').toBe(true);
    const out = execFileSync(process.execPath, ['dist/cli.js', 'templates', 'fixtures/sample/app.log'], { encoding: 'utf8' });
    expect(out.split('\n')[0]).toMatch(/placed by <\*>/);
    const bad = spawnSync(process.execPath, ['dist/cli.js', 'templates', 'nope.log'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
