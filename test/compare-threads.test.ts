import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare, isInputError, profile, Profile, THREADS_FROM_BYTES } from '../src/index.js';
import { cli } from './helpers/cli.js';

// Worker threads run the built script (dist/side-worker.js): these tests use the built package, as the CLI
// tests do (npm test and .ci/run build first). From the TypeScript sources there is no worker script, and
// compare() mines both sides in its own thread with the same algorithm.
const BASE = 'fixtures/sample/baseline.log';
const CANARY = 'fixtures/sample/canary.log';

async function built(): Promise<typeof import('../src/index.js')> {
  expect(existsSync('dist/side-worker.js'), 'build first (npm run build)').toBe(true);
  return (await import(pathToFileURL(resolve('dist/index.js')).href)) as typeof import('../src/index.js');
}

describe('compare: both sides mined at once in worker threads', () => {
  it('works in a program given to node as a string (node --input-type=module -e), whose options a worker refuses', () => {
    expect(existsSync('dist/side-worker.js'), 'build first (npm run build)').toBe(true);
    const lib = JSON.stringify(pathToFileURL(resolve('dist/index.js')).href);
    const program = `import { compare } from ${lib};
      const on = await compare(${JSON.stringify(BASE)}, ${JSON.stringify(CANARY)}, { threads: 'on' });
      const off = await compare(${JSON.stringify(BASE)}, ${JSON.stringify(CANARY)}, { threads: 'off' });
      console.log(JSON.stringify([on.verdict, on.findings.length, off.verdict, off.findings.length]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const [onVerdict, onFindings, offVerdict, offFindings] = JSON.parse(r.stdout) as [string, number, string, number];
    expect(onVerdict).toBe(offVerdict);
    expect(onFindings).toBe(offFindings);
  });

  it('the CLI gives the same report with --threads on as with --threads off', () => {
    expect(existsSync('dist/cli.js'), 'build first (npm run build)').toBe(true);
    const run = (threads: string) => spawnSync(process.execPath, ['dist/cli.js', 'compare', BASE, CANARY, '--format', 'json', '--threads', threads], { encoding: 'utf8' });
    const on = run('on');
    const off = run('off');
    expect(on.stderr).toBe('');
    expect(on.status).toBe(1);
    expect(off.status).toBe(1);
    expect(JSON.parse(on.stdout)).toEqual(JSON.parse(off.stdout));
  });

  it('the built library gives the same report, progress for both sides and profiles with threads on', async () => {
    const lib = await built();
    const sides = new Set<string>();
    let profiles: [number, number] | undefined;
    // a log long enough for progress callbacks (every ~65k events)
    const dir = mkdtempSync(join(tmpdir(), 'logsift-threads-'));
    const big = join(dir, 'big.log');
    const lines: string[] = [];
    for (let i = 0; i < 70_000; i++) lines.push(`2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} served in ${i % 97} ms`);
    writeFileSync(big, lines.join('\n') + '\n');
    const threaded = await lib.compare(big, BASE, {
      threads: 'on',
      onProgress: (side) => sides.add(side),
      onProfiles: (b, c) => (profiles = [b.totals.events, c.totals.events]),
    });
    const inline = await lib.compare(big, BASE, { threads: 'off' });
    expect(JSON.parse(JSON.stringify(threaded))).toEqual(JSON.parse(JSON.stringify(inline)));
    expect(sides.has('baseline')).toBe(true);
    expect(profiles?.[0]).toBe(70_000);
  });

  it('an unreadable file in a worker is the same typed InputError as without threads', async () => {
    const lib = await built();
    const error = await lib.compare('no/such/baseline.log', CANARY, { threads: 'on' }).catch((e: unknown) => e);
    expect(lib.isInputError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('E_INPUT');
    expect(String((error as Error).message)).toMatch(/no\/such\/baseline\.log/);
  });

  it('options a worker cannot receive (a compiled log format with its own parser) keep the mining in this thread, with the same report', async () => {
    const lib = await built();
    const format = lib.compileLogFormat('<Date> <Time> <Level> <Content>');
    const threaded = await lib.compare(BASE, CANARY, { threads: 'on', logFormat: format });
    const inline = await lib.compare(BASE, CANARY, { threads: 'off', logFormat: format });
    expect(JSON.parse(JSON.stringify(threaded))).toEqual(JSON.parse(JSON.stringify(inline)));
    // and the same format given as text goes to the workers, with the same report again
    const text = await lib.compare(BASE, CANARY, { threads: 'on', logFormat: '<Date> <Time> <Level> <Content>' });
    expect(JSON.parse(JSON.stringify(text))).toEqual(JSON.parse(JSON.stringify(inline)));
  });

  it('the CLI rejects an unknown --threads value as bad usage (exit 2)', async () => {
    const r = await cli(['compare', BASE, CANARY, '--threads', 'maybe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/threads/);
  });

  it('auto mines in this thread below THREADS_FROM_BYTES, and the result does not depend on the mode', async () => {
    expect(THREADS_FROM_BYTES).toBeGreaterThan(1 << 20);
    const auto = await compare(BASE, CANARY);
    const off = await compare(BASE, CANARY, { threads: 'off' });
    expect(JSON.parse(JSON.stringify(auto))).toEqual(JSON.parse(JSON.stringify(off)));
    expect(isInputError(await compare('no/such.log', CANARY, { threads: 'off' }).catch((e: unknown) => e))).toBe(true);
  });
});

describe('Profile.rebase: a side mined by a miner of its own joins another miner', () => {
  it('keeps counts and examples, and keys signatures by the other miner so both sides compare', async () => {
    const base = await profile(BASE);
    const can = await profile(CANARY);
    const before = can.entries().map((e) => [e.template, e.stats.count] as const);
    base.miner.merge(can.miner.snapshot());
    const rebased = Profile.rebase(can, base.miner);
    expect(rebased.totals).toEqual(can.totals);
    expect(rebased.miner).toBe(base.miner);
    const total = (p: Profile) => p.entries().reduce((s, e) => s + e.stats.count, 0);
    expect(total(rebased)).toBe(total(can));
    // every signature of the rebased side is a live template of the baseline's miner
    const live = new Set(base.miner.templates().map((t) => t.clusterId));
    for (const e of rebased.entries()) expect(live.has(e.stats.clusterId)).toBe(true);
    // the input profile is unchanged
    expect(can.entries().map((e) => [e.template, e.stats.count] as const)).toEqual(before);
  });
});
