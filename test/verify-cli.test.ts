import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeElastic, type ElasticState } from './fakes/elastic.js';
import { startFakeLoki, type LokiState } from './fakes/loki.js';
import type { FakeServer } from './fakes/server.js';
import { startFakeSplunk, type SplunkState } from './fakes/splunk.js';
import { startFakeSumo, type SumoState } from './fakes/sumo.js';
import { cli } from './helpers/cli.js';
import {
  BASELINE_FROM, BASELINE_PATH, BASELINE_TO, CANARY_FROM, CANARY_PATH, CANARY_TO, SECRETS,
  elasticDocs, fixtureLines, leakedSecrets, lineTime, splunkEvents,
} from './verify-helpers.js';

const splunkState: SplunkState = {
  mode: 'normal', busy: 0, token: SECRETS.splunkToken, username: 'svc', password: 'unused-password-1', sessionKey: 'unused-session-1', events: splunkEvents(),
};
const elasticState: ElasticState = {
  flavor: 'elasticsearch', apiKey: SECRETS.elasticApiKey, username: 'elastic', password: 'unused-password-2', docs: elasticDocs(), reject: 0, shardFailure: false, body: 'json', closeFails: false,
};
const sumoState: SumoState = {
  accessId: SECRETS.sumoAccessId, accessKey: SECRETS.sumoAccessKey,
  messages: [...fixtureLines(BASELINE_PATH), ...fixtureLines(CANARY_PATH)].map((raw) => ({ time: lineTime(raw), raw, host: 'web-01' })),
  pollsToDone: 1, cancel: false, idleMs: 60_000, pageBytes: 1e8, rateLimit: false, throttle: 0, throttled: 0,
};
const lokiState: LokiState = {
  entries: [...fixtureLines(BASELINE_PATH), ...fixtureLines(CANARY_PATH)].map((line) => ({ ts: BigInt(lineTime(line)) * 1_000_000n, line, stream: { app: 'checkout' } })),
  token: SECRETS.lokiToken, throttle: 0, body: 'json',
};
let splunk: FakeServer;
let elastic: FakeServer;
let sumo: FakeServer;
let loki: FakeServer;
let dir: string;
const outputs: string[] = [];

beforeAll(async () => {
  [splunk, elastic, sumo, loki] = await Promise.all([startFakeSplunk(splunkState), startFakeElastic(elasticState), startFakeSumo(sumoState), startFakeLoki(lokiState)]);
  dir = mkdtempSync(join(tmpdir(), 'logsift-verify-'));
  Object.assign(process.env, {
    SPLUNK_TOKEN: SECRETS.splunkToken, ELASTIC_API_KEY: SECRETS.elasticApiKey, SUMO_ACCESS_ID: SECRETS.sumoAccessId, SUMO_ACCESS_KEY: SECRETS.sumoAccessKey, LOKI_TOKEN: SECRETS.lokiToken,
  });
});
afterAll(async () => {
  await Promise.all([splunk.close(), elastic.close(), sumo.close(), loki.close()]);
  rmSync(dir, { recursive: true, force: true });
  for (const name of ['SPLUNK_TOKEN', 'ELASTIC_API_KEY', 'SUMO_ACCESS_ID', 'SUMO_ACCESS_KEY', 'LOKI_TOKEN']) delete process.env[name];
});
beforeEach(() => {
  splunkState.mode = 'normal';
  splunkState.token = SECRETS.splunkToken;
  splunkState.events = splunkEvents();
});

/** Runs the CLI and keeps everything it printed for the credential scan. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await cli(argv);
  outputs.push(result.stdout, result.stderr);
  return result;
}

function withoutWarnings(json: string): unknown {
  const { warnings: _, ...report } = JSON.parse(json) as Record<string, unknown>;
  return report;
}

const splunkArgs = (): string[] => [
  'verify', '--source', 'splunk', '--url', splunk.url, '--baseline-query', 'index=app version=1.4.2', '--canary-query', 'index=app version=1.4.3',
  '--baseline-from', BASELINE_FROM, '--baseline-to', BASELINE_TO, '--canary-from', CANARY_FROM, '--canary-to', CANARY_TO,
];

describe('logsift verify', () => {
  it('verify --source splunk prints the same JSON report as compare on the same lines, with the same exit code', async () => {
    const verified = await run([...splunkArgs(), '--format', 'json']);
    const compared = await run(['compare', BASELINE_PATH, CANARY_PATH, '--format', 'json']);
    expect(compared.code).toBe(1); // the fixture's canary has a new error: not a vacuous equality
    expect(withoutWarnings(verified.stdout)).toEqual(JSON.parse(compared.stdout));
    expect(verified.code).toBe(compared.code);
    // The fake Splunk reports a slow indexer on every search: passed on, on stderr and in the report.
    expect(verified.stderr).toMatch(/^logsift verify: warning: baseline: Splunk: Search results might be incomplete/m);
    expect((JSON.parse(verified.stdout) as { warnings: string[] }).warnings).toHaveLength(2);
  });

  it('verify --source elastic reads both versions from one window and matches compare on the same lines', async () => {
    const verified = await run([
      'verify', '--source', 'elastic', '--url', elastic.url, '--index', 'logs-*', '--baseline-query', 'service.version:1.4.2', '--canary-query', 'service.version:1.4.3',
      '--from', BASELINE_FROM, '--to', String(Date.parse(BASELINE_TO)), '--format', 'json',
    ]);
    const compared = await run(['compare', BASELINE_PATH, CANARY_PATH, '--format', 'json']);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toBe(compared.stdout);
    expect(verified.code).toBe(1);
  });

  it('verify --source sumo and --source loki give the same report as compare too', async () => {
    const compared = await run(['compare', BASELINE_PATH, CANARY_PATH, '--format', 'json']);
    for (const [source, url] of [['sumo', sumo.url], ['loki', loki.url]] as const) {
      const verified = await run([
        'verify', '--source', source, '--url', url, '--baseline-query', '{app="checkout"}', '--canary-query', '{app="checkout"}',
        '--baseline-from', BASELINE_FROM, '--baseline-to', BASELINE_TO, '--canary-from', CANARY_FROM, '--canary-to', CANARY_TO, '--format', 'json',
      ]);
      expect(withoutWarnings(verified.stdout), source).toEqual(JSON.parse(compared.stdout));
    }
  });

  /** verify against the fake Loki over the fixtures' windows, JSON out. */
  const lokiArgs = (): string[] => [
    'verify', '--source', 'loki', '--url', loki.url, '--baseline-query', '{app="checkout"}', '--canary-query', '{app="checkout"}',
    '--baseline-from', BASELINE_FROM, '--baseline-to', BASELINE_TO, '--canary-from', CANARY_FROM, '--canary-to', CANARY_TO, '--format', 'json',
  ];

  it('verify --container-log is passed on as compare takes it; a bad value is exit 2 with one line', async () => {
    const compared = await run(['compare', BASELINE_PATH, CANARY_PATH, '--format', 'json', '--container-log', 'kubectl']);
    const argv = lokiArgs();
    const verified = await run([...argv, '--container-log', 'kubectl']);
    expect(withoutWarnings(verified.stdout)).toEqual(JSON.parse(compared.stdout));
    expect(JSON.parse(compared.stdout).canary.events).toBe(120);
    const bad = await run([...argv, '--container-log', 'podman']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stdout).toBe('');
  });

  it('verify --max-templates is passed on as compare takes it; past the cap both reports say so', async () => {
    const compared = await run(['compare', BASELINE_PATH, CANARY_PATH, '--format', 'json', '--max-templates', '3']);
    const argv = lokiArgs();
    const verified = await run([...argv, '--max-templates', '3']);
    // (verify adds warnings of its own about the windows it read)
    expect(withoutWarnings(verified.stdout)).toEqual(withoutWarnings(compared.stdout));
    expect(JSON.parse(compared.stdout).warnings.some((w: string) => w.startsWith("templates: the miner's cap of 3 templates"))).toBe(true);
    expect(JSON.parse(verified.stdout).caveats).toContain('templates-evicted');
    const bad = await run([...argv, '--max-templates', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('verify --pass-score and --marginal-score move the verdict and exit code as compare\'s do', async () => {
    const plain = await run(['compare', BASELINE_PATH, CANARY_PATH, '--format', 'json']);
    const score = (JSON.parse(plain.stdout) as { score: number }).score;
    expect(plain.code).toBe(1);
    // the fixture's canary fails at the default thresholds; with the marginal line at its score it is marginal (exit 3)
    const flags = ['--pass-score', '100', '--marginal-score', String(score)];
    const compared = await run(['compare', BASELINE_PATH, CANARY_PATH, '--format', 'json', ...flags]);
    const verified = await run([...lokiArgs(), ...flags]);
    expect(compared.code).toBe(3);
    expect(verified.code).toBe(3);
    expect(withoutWarnings(verified.stdout)).toEqual(withoutWarnings(compared.stdout));
    expect((JSON.parse(verified.stdout) as { verdict: string }).verdict).toBe('marginal');
    const bad = await run([...lokiArgs(), '--pass-score', '101']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("logsift verify: --pass-score must be a number from 0 to 100 (got '101')\n");
  });

  it('sends the exact window of each side to the platform', async () => {
    splunk.requests.length = 0;
    await run([...splunkArgs(), '--format', 'json']);
    const windows = splunk.requests.map((r) => new URLSearchParams(r.body)).map((f) => [f.get('earliest_time'), f.get('latest_time')]).sort();
    expect(windows).toEqual([
      [(Date.parse(BASELINE_FROM) / 1000).toFixed(3), (Date.parse(BASELINE_TO) / 1000).toFixed(3)],
      [(Date.parse(CANARY_FROM) / 1000).toFixed(3), (Date.parse(CANARY_TO) / 1000).toFixed(3)],
    ]);
  });

  it('an error fetching logs is exit 2 with one line naming the side, never a report', async () => {
    splunkState.token = 'a-different-token-value';
    const result = await run([...splunkArgs(), '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^logsift verify: (baseline|canary): .*401/);
  });

  it('a cut stream is exit 2 too', async () => {
    splunkState.mode = 'cut';
    const result = await run([...splunkArgs(), '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });

  it('a side with no events in its window is exit 2, because no logs is not no errors', async () => {
    const result = await run([...splunkArgs().slice(0, -4), '--canary-from', '2024-05-01T13:00:00Z', '--canary-to', '2024-05-01T14:00:00Z']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^logsift verify: canary: the query returned no events/m);
  });

  it('truncation at --max-events is a warning on stderr and in the report', async () => {
    const result = await run([...splunkArgs(), '--max-events', '50', '--format', 'json']);
    expect([0, 1, 3]).toContain(result.code);
    const warnings = result.stderr.trim().split('\n');
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    for (const line of warnings) expect(line).toMatch(/^logsift verify: warning: (baseline|canary): /);
    expect(result.stderr).toMatch(/baseline: stopped at 50 events/);
    expect(result.stderr).toMatch(/canary: stopped at 50 events/);
    const report = JSON.parse(result.stdout) as { warnings?: string[]; canary: { events: number } };
    expect(report.canary.events).toBe(50);
    expect(report.warnings?.some((w) => w.startsWith('canary: stopped at 50 events'))).toBe(true);
  });

  it('a partial result from the platform is a warning on stderr and in the report', async () => {
    splunkState.mode = 'no-lastrow';
    const result = await run([...splunkArgs(), '--format', 'json']);
    expect(result.stderr).toMatch(/warning: canary: the log platform returned a partial result/);
    expect((JSON.parse(result.stdout) as { warnings: string[] }).warnings.join('\n')).toMatch(/partial/);
  });

  it('--baseline-profile compares against a saved profile, like compare does', async () => {
    const profilePath = join(dir, 'base.json');
    const saved = await run(['compare', BASELINE_PATH, CANARY_PATH, '--save-profile', profilePath, '--format', 'json']);
    const fromProfile = await run(['compare', profilePath, CANARY_PATH, '--format', 'json']);
    const verified = await run([
      'verify', '--source', 'splunk', '--url', splunk.url, '--baseline-profile', profilePath, '--canary-query', 'index=app version=1.4.3',
      '--from', CANARY_FROM, '--to', CANARY_TO, '--format', 'json',
    ]);
    expect(saved.code).toBe(1);
    expect(withoutWarnings(verified.stdout)).toEqual(JSON.parse(fromProfile.stdout));
    const both = await run(['verify', '--source', 'splunk', '--url', splunk.url, '--baseline-profile', profilePath, '--baseline-query', 'x', '--canary-query', 'y', '--from', CANARY_FROM, '--to', CANARY_TO]);
    expect(both.code).toBe(2);
  });

  it('--report writes the HTML report and --rules applies a rules file', async () => {
    const reportPath = join(dir, 'report.html');
    const rulesPath = join(dir, 'rules.yaml');
    writeFileSync(rulesPath, 'version: 1\nrules:\n  - pattern: "payment failed"\n    action: ignore\n');
    const result = await run([...splunkArgs(), '--report', reportPath, '--rules', rulesPath, '--format', 'json']);
    expect(readFileSync(reportPath, 'utf8')).toMatch(/^<!doctype html>/i);
    const report = JSON.parse(result.stdout) as { findings: Array<{ template: string }> };
    expect(report.findings.some((f) => f.template.includes('payment failed'))).toBe(false);
  });

  it('refuses an output file that is the --baseline-profile, the --rules file or the other output, before any request', async () => {
    const profilePath = join(dir, 'kept.json');
    await run(['compare', BASELINE_PATH, CANARY_PATH, '--save-profile', profilePath]);
    const profile = readFileSync(profilePath, 'utf8');
    const rulesPath = join(dir, 'kept-rules.yaml');
    writeFileSync(rulesPath, 'version: 1\nrules: []\n');
    const canary = ['--canary-query', 'y', '--from', CANARY_FROM, '--to', CANARY_TO];
    splunk.requests.length = 0;
    for (const extra of [
      ['--baseline-profile', profilePath, '--save-profile', profilePath],
      ['--baseline-profile', profilePath, '--report', profilePath],
      ['--baseline-profile', profilePath, '--rules', rulesPath, '--report', rulesPath],
      ['--baseline-profile', profilePath, '--report', join(dir, 'both'), '--save-profile', join(dir, 'both')],
    ]) {
      const r = await run(['verify', '--source', 'splunk', '--url', splunk.url, ...canary, ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^logsift verify: --(save-profile|report) .* is the same file as the .*: it would be overwritten\n$/);
    }
    expect(splunk.requests).toHaveLength(0);
    expect(readFileSync(profilePath, 'utf8')).toBe(profile);
    expect(readFileSync(rulesPath, 'utf8')).toBe('version: 1\nrules: []\n');
  });

  it('refuses bad usage with exit 2 and one line before any request is made', async () => {
    splunk.requests.length = 0;
    const cases: string[][] = [
      ['verify', '--source', 'splunk', '--url', splunk.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', BASELINE_FROM],
      ['verify', '--source', 'splunk', '--url', splunk.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', '2024-05-01T10:00:00', '--to', BASELINE_TO],
      ['verify', '--source', 'splunk', '--url', splunk.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', '1714557600', '--to', BASELINE_TO],
      ['verify', '--source', 'splunk', '--url', splunk.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', BASELINE_TO, '--to', BASELINE_FROM],
      ['verify', '--source', 'splunk', '--url', splunk.url, '--index', 'logs', '--baseline-query', 'a', '--canary-query', 'b', '--from', BASELINE_FROM, '--to', BASELINE_TO],
      ['verify', '--source', 'elastic', '--url', elastic.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', BASELINE_FROM, '--to', BASELINE_TO],
      ['verify', '--source', 'datadog', '--url', splunk.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', BASELINE_FROM, '--to', BASELINE_TO],
      ['verify', '--source', 'splunk', '--url', splunk.url, '--canary-query', 'b', '--from', BASELINE_FROM, '--to', BASELINE_TO],
      ['verify', '--source', 'splunk', '--url', splunk.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', BASELINE_FROM, '--to', BASELINE_TO, '--max-events', '0'],
    ];
    for (const argv of cases) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    expect(splunk.requests).toHaveLength(0);
  });

  it('missing credentials are exit 2 with a message naming the variable, not a pass', async () => {
    const saved = process.env.SPLUNK_TOKEN;
    delete process.env.SPLUNK_TOKEN;
    try {
      const result = await run([...splunkArgs()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/SPLUNK_TOKEN/);
    } finally {
      process.env.SPLUNK_TOKEN = saved;
    }
  });

  it('--wait waits for a window that ends in the future to close; without it such a window is exit 2', async () => {
    const now = Date.now();
    const recent = fixtureLines(BASELINE_PATH).slice(0, 40).map((line, i) => ({ time: now - 40_000 + i * 1000, raw: line.slice(25), host: 'web-01', level: 'INFO' }));
    const live = await startFakeSplunk({ ...splunkState, events: recent });
    try {
      const to = new Date(now + 1500).toISOString();
      const argv = ['verify', '--source', 'splunk', '--url', live.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', new Date(now - 60_000).toISOString(), '--to', to];
      const early = await run(argv);
      expect(early.code).toBe(2);
      expect(early.stderr).toMatch(/the window ends in the future/);
      expect(live.requests).toHaveLength(0);
      const waited = await run([...argv, '--wait', '--ingest-delay', '0']);
      expect(waited.stderr).toMatch(/^logsift verify: waiting until \S+ for the window to close/);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(to));
      expect(waited.code).toBe(0); // the same events on both sides
      expect(Math.min(...live.requests.map((r) => Number(new URLSearchParams(r.body).get('latest_time')) * 1000))).toBe(Date.parse(to));
    } finally {
      await live.close();
    }
  });

  it('SIGTERM cancels the reads (the platform sees the connection close) and exits 2, also while waiting', async () => {
    splunkState.mode = 'slow';
    splunk.requests.length = 0;
    const running = run([...splunkArgs(), '--format', 'json']);
    await new Promise((r) => setTimeout(r, 200));
    process.emit('SIGTERM');
    const result = await running;
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(await Promise.all(splunk.requests.map((r) => r.closedEarly))).toContain(true);
    const waiting = run(['verify', '--source', 'splunk', '--url', splunk.url, '--baseline-query', 'a', '--canary-query', 'b', '--from', BASELINE_FROM, '--to', new Date(Date.now() + 60_000).toISOString(), '--wait']);
    await new Promise((r) => setTimeout(r, 100));
    process.emit('SIGTERM');
    const stopped = await waiting;
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toMatch(/stopped by a signal while waiting/);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });

  it('logsift verify --help describes the flags and the credentials variables', async () => {
    const result = await run(['verify', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--baseline-query/);
    expect(result.stdout).toMatch(/SUMO_ACCESS_KEY/);
  });

  it('no output of any run above contains a credential', () => {
    expect(outputs.length).toBeGreaterThan(20);
    expect(leakedSecrets(outputs.join('\n'))).toEqual([]);
  });
});
