import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const fixture = (name: string): string => `fixtures/container/${name}`;
const csvRows = async (argv: string[]): Promise<string[][]> => {
  const r = await cli(argv);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').slice(1).map((row) => row.split(','));
};

describe('logsift --container-log', () => {
  it('templates --format csv gives one row per input line, with the templates of the application lines', async () => {
    const plain = await csvRows(['templates', fixture('app.log'), '--format', 'csv']);
    const kubectl = await csvRows(['templates', fixture('kubectl.log'), '--format', 'csv']);
    expect(kubectl).toEqual(plain);
    const cri = await csvRows(['templates', fixture('cri.log'), '--format', 'csv']);
    expect(cri).toHaveLength(9);
    expect(cri.map((row) => row[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // the lines were not joined: the first six rows are the application's lines, the last three its pieces
    expect(cri.slice(0, 6).map((row) => row.slice(2).join(','))).toEqual(plain.slice(0, 6).map((row) => row.slice(2).join(',')));
    expect(cri.some((row) => row[2]!.includes('stdout'))).toBe(false);
    const docker = await csvRows(['templates', fixture('docker.log'), '--format', 'csv']);
    expect(docker.map((row) => row.slice(2).join(','))).toEqual(cri.map((row) => row.slice(2).join(',')));
  });

  it('templates reads kubectl logs --prefix output, with or without times, as the application lines: one row per input line', async () => {
    const plain = await csvRows(['templates', fixture('app.log'), '--format', 'csv']);
    const inner = (rows: string[][]): string[] => rows.map((row) => row.slice(2).join(','));
    const started = inner(plain)[1]!;
    expect(started).toContain('Started in <*> s');
    for (const name of ['kubectl-prefix.log', 'kubectl-prefix-plain.log']) {
      const rows = await csvRows(['templates', fixture(name), '--format', 'csv']);
      expect(rows.map((row) => row[0]), name).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
      expect(inner(rows)[2], name).toBe(started);
      expect(inner(rows).some((t) => t.includes('pod/')), name).toBe(false);
      const forced = await csvRows(['templates', fixture(name), '--format', 'csv', '--container-log', 'kubectl-prefix']);
      expect(inner(forced), name).toEqual(inner(rows));
    }
  });

  it('compare reads kubectl logs --prefix output as the events of each pod, a stack trace per pod', async () => {
    const r = await cli(['compare', fixture('kubectl-prefix.log'), fixture('kubectl-prefix-plain.log'), '--format', 'json', '--threads', 'off']);
    expect(r.code, r.stderr).not.toBe(2);
    const report = JSON.parse(r.stdout) as { baseline: { events: number }; canary: { events: number } };
    expect([report.baseline.events, report.canary.events]).toEqual([6, 6]);
    const forced = await cli(['compare', fixture('kubectl-prefix.log'), fixture('kubectl-prefix.log'), '--format', 'json', '--threads', 'off', '--container-log', 'kubectl-prefix']);
    expect(JSON.parse(forced.stdout).baseline).toMatchObject({ lines: 12, events: 6 });
    const none = await cli(['compare', fixture('kubectl-prefix.log'), fixture('kubectl-prefix-plain.log'), '--format', 'json', '--threads', 'off', '--container-log', 'none']);
    expect((JSON.parse(none.stdout) as { baseline: { events: number } }).baseline.events).toBeGreaterThan(6);
  });

  it('templates --container-log none reads each line as it is: kubectl output keeps the application header in the template', async () => {
    const rows = await csvRows(['templates', fixture('kubectl.log'), '--format', 'csv', '--container-log', 'none']);
    expect(rows[1]!.slice(2).join(',')).toMatch(/INFO \[main\] c\.shop\.App - Started in <\*> s/);
    const auto = await csvRows(['templates', fixture('kubectl.log'), '--format', 'csv']);
    expect(auto[1]!.slice(2).join(',')).toBe('Started in <*> s');
  });

  it('templates counts the lines a forced wrapper could not take off', async () => {
    const r = await cli(['templates', fixture('cri-mixed.log'), '--container-log', 'cri']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("2 without the container log wrapper's shape (kept whole)");
  });

  it('compare reads CRI files as the application lines and takes --container-log', async () => {
    const r = await cli(['compare', fixture('cri.log'), fixture('cri.log'), '--format', 'json', '--threads', 'off']);
    expect(JSON.parse(r.stdout).baseline).toMatchObject({ lines: 9, events: 4 });
    const none = await cli(['compare', fixture('cri.log'), fixture('cri.log'), '--format', 'json', '--threads', 'off', '--container-log', 'none']);
    expect(JSON.parse(none.stdout).baseline).toMatchObject({ lines: 9, events: 9 });
    const forced = await cli(['compare', fixture('cri-mixed.log'), fixture('cri-mixed.log'), '--format', 'json', '--threads', 'off', '--container-log', 'cri']);
    const report = JSON.parse(forced.stdout) as { baseline: { events: number }; warnings?: string[] };
    expect(report.baseline.events).toBe(3);
    expect(report.warnings).toContain("baseline: 2 lines of a container log did not have their wrapper's shape (read as they are)");
  });

  it('a bad --container-log value exits 2 with one line on stderr, on both commands', async () => {
    for (const argv of [
      ['templates', fixture('cri.log'), '--container-log', 'podman'],
      ['compare', fixture('cri.log'), fixture('cri.log'), '--container-log', 'podman'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain("'--container-log' must be one of auto, none, cri, kubectl, kubectl-prefix, docker (got 'podman')");
    }
  });

  it('lists --container-log in the help of compare and templates', async () => {
    for (const command of ['compare', 'templates']) expect((await cli([command, '--help'])).stdout).toContain('--container-log auto|none|cri|kubectl|kubectl-prefix|docker');
  });
});
