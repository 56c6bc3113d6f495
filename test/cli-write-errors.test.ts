import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';

const BASE = 'fixtures/sample/baseline.log';
const CANARY = 'fixtures/sample/canary.log';

/** A stream whose every write fails with `code`, as stdout does on a full disk (ENOSPC) or a closed pipe (EPIPE). */
function failing(code: string): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error(`write ${code}`), { code, syscall: 'write' }));
    },
  });
}

/** Runs the CLI in-process with the given stdout and stderr; returns the exit code and what reached the other stream. */
async function run(argv: string[], streams: { stdout?: Writable; stderr?: Writable }): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = streams.stdout ?? new PassThrough();
  const stderr = streams.stderr ?? new PassThrough();
  let out = '';
  let err = '';
  if (stdout instanceof PassThrough) stdout.on('data', (d: Buffer) => (out += d.toString()));
  if (stderr instanceof PassThrough) stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { stdin: Readable.from([]), stdout, stderr, stderrIsTTY: false });
  return { code, stdout: out, stderr: err };
}

describe('a report that cannot be written', () => {
  it('is exit 2 with one line on stderr, not the verdict, for compare (pass and fail) and every format', async () => {
    const id = (JSON.parse((await run(['compare', BASE, CANARY, '--format', 'json'], {})).stdout) as { findings: Array<{ id: string }> }).findings[0]!.id;
    for (const argv of [
      ['compare', BASE, BASE],
      ['compare', BASE, CANARY, '--format', 'json'],
      ['compare', BASE, CANARY, '--format', 'markdown'],
      ['compare', BASE, CANARY, '--explain', id],
    ]) {
      for (const errno of ['ENOSPC', 'EPIPE', 'EBADF']) {
        const r = await run(argv, { stdout: failing(errno) });
        expect(r.code, `${argv.join(' ')} ${errno}`).toBe(2);
        expect(r.stderr).toBe(`logsift compare: cannot write to stdout (${errno})\n`);
      }
    }
  });

  it('is exit 2 for templates in every format and for help; a closed pipe (| head) is not an error for templates', async () => {
    for (const argv of [['templates', BASE], ['templates', BASE, '--format', 'csv'], ['templates', BASE, '--format', 'jsonl'], ['compare', '--help'], ['--help']]) {
      const r = await run(argv, { stdout: failing('ENOSPC') });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^logsift( compare| templates)?: cannot write to stdout \(ENOSPC\)\n$/m);
    }
    const piped = await run(['templates', BASE, '--format', 'csv'], { stdout: failing('EPIPE') });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });

  it('is still exit 2 when stderr fails too, and a usage or input error is exit 2 with a failing stderr', async () => {
    expect((await run(['compare', BASE, BASE], { stdout: failing('ENOSPC'), stderr: failing('ENOSPC') })).code).toBe(2);
    expect((await run(['compare', 'no-such.log', BASE], { stderr: failing('ENOSPC') })).code).toBe(2);
    expect((await run(['compare', '--bogus'], { stderr: failing('EPIPE') })).code).toBe(2);
  });

  it('a --report or --save-profile file that cannot be written is exit 2 with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    const r = await run(['compare', BASE, CANARY, '--report', join(dir, 'missing-dir', 'r.html')], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logsift compare: cannot write report to .*r\.html \(ENOENT\)\n$/);
  });

  // The built CLI with the process's own streams: a full device, /dev/null opened as a supervisor opens it, a full stderr.
  it.skipIf(!existsSync('/dev/full') || process.platform !== 'linux')('the built CLI exits 2 with one line on /dev/full, and runs normally on a read-write /dev/null', () => {
    expect(existsSync('dist/cli.js'), 'build first (npm run build)').toBe(true);
    const sh = (command: string) => spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    const full = sh(`node dist/cli.js compare ${BASE} ${BASE} > /dev/full`);
    expect(full.status).toBe(2);
    expect(full.stderr).toBe('logsift compare: cannot write to stdout (ENOSPC)\n');
    const templates = sh(`node dist/cli.js templates ${BASE} --format csv > /dev/full`);
    expect(templates.status).toBe(2);
    expect(templates.stderr).toBe('logsift templates: cannot write to stdout (ENOSPC)\n');
    // systemd's StandardOutput=null and other supervisors give a /dev/null opened read-write, which is also what
    // Node puts on a descriptor the shell closed (>&-): the two cannot be told apart, so neither is an error
    expect(sh(`node dist/cli.js compare ${BASE} ${BASE} 1<>/dev/null`).status).toBe(0);
    expect(sh(`node dist/cli.js compare ${BASE} ${BASE} > /dev/null`).status).toBe(0);
    expect(sh(`node dist/cli.js compare no-such.log ${BASE} 2>/dev/full`).status).toBe(2);
    expect(sh(`node dist/cli.js compare ${BASE} ${BASE} >/dev/full 2>/dev/full`).status).toBe(2);
  });
});
