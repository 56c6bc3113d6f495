import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { serveOptionsFromArgs } from '../src/cli/serve-command.js';
import { parseVerifyArgs, verifyOptionsFromArgs } from '../src/cli/verify-command.js';
import { compare, renderText, startVerifyServer, type VerifyServer } from '../src/index.js';
import { startFakeElastic, type ElasticDoc } from './fakes/elastic.js';
import type { FakeServer } from './fakes/server.js';
import { cli } from './helpers/cli.js';
import { BASELINE_PATH, CANARY_PATH, SECRETS, fixtureLines, lineTime } from './verify-helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const DIR = fileURLToPath(new URL('../examples/argo/', import.meta.url));
const docs: Record<string, any[]> = {};
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
  docs[file] = parseAllDocuments(readFileSync(DIR + file, 'utf8')).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0]!.message}`);
    return d.toJS();
  });
}
const one = (file: string, kind: string): any => {
  const found = docs[file]!.filter((d) => d.kind === kind);
  expect(found, `${file} ${kind}`).toHaveLength(1);
  return found[0];
};

// What the Argo controller substitutes (rollout/utils/query in argo-rollouts): RFC 3339 times, and
// finishedAt = availableAt + spec.duration.
const AVAILABLE_AT = '2024-05-01T10:00:00Z';
const BASELINE_RS = 'checkout-1-4-3-baseline-7c9d6b5f8';
const CANARY_RS = 'checkout-1-4-3-canary-5b8f7d9c6';

function durationMs(text: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(text);
  if (m === null) throw new Error(`unsupported duration ${text}`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}

/** Argo's placeholder substitution: every {{name}} must resolve, like its resolver requires. */
function resolve(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`failed to resolve {{${name}}}`);
    return values[name]!;
  });
}

function experimentValues(durationText: string): Record<string, string> {
  const finished = new Date(Date.parse(AVAILABLE_AT) + durationMs(durationText)).toISOString().replace('.000Z', 'Z');
  return {
    'experiment.availableAt': AVAILABLE_AT,
    'experiment.finishedAt': finished,
    'templates.baseline.replicaset.name': BASELINE_RS,
    'templates.canary.replicaset.name': CANARY_RS,
  };
}

/** The AnalysisRun's arguments: the caller's values (resolved) over the template's defaults. */
function analysisArgs(template: any, callerArgs: any[], experiment: Record<string, string>, overrides: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const arg of template.spec.args) {
    if (arg.value !== undefined) values[`args.${arg.name}`] = arg.value;
    if (arg.valueFrom?.secretKeyRef?.name === 'logsift-serve') values[`args.${arg.name}`] = SECRETS.serveToken;
  }
  for (const arg of callerArgs) values[`args.${arg.name}`] = resolve(arg.value, experiment);
  for (const [k, v] of Object.entries(overrides)) values[`args.${k}`] = v;
  for (const arg of template.spec.args) expect(values[`args.${arg.name}`], `argument ${arg.name}`).toBeDefined();
  return values;
}

// The window both fixtures cover when the experiment runs 10:00-10:30 side by side.
function docsFor(): ElasticDoc[] {
  const side = (path: string, rs: string): ElasticDoc[] =>
    fixtureLines(path).map((message, i) => ({
      id: `${rs}-${i}`, index: 'logs-k8s', time: Date.parse(AVAILABLE_AT) + (lineTime(message) % 3_600_000),
      fields: { message, 'kubernetes.replicaset.name': rs },
    }));
  return [...side(BASELINE_PATH, BASELINE_RS), ...side(CANARY_PATH, CANARY_RS)];
}

function inWindow(path: string, to: string): string {
  return `${fixtureLines(path).filter((l) => Date.parse(AVAILABLE_AT) + (lineTime(l) % 3_600_000) < Date.parse(to)).join('\n')}\n`;
}

/** Argo's web provider: jsonPath selects `result`; the conditions decide; neither is Inconclusive. */
function jsonPath(body: unknown, path: string): unknown {
  const m = /^\{\$((?:\.[\w-]+)*)\}$/.exec(path);
  if (m === null) throw new Error(`unsupported jsonPath ${path}`);
  return m[1]!.split('.').filter((s) => s !== '').reduce<any>((v, k) => v?.[k], body);
}
function holds(condition: string, result: any): boolean {
  const m = /^result((?:\.\w+)+) == "([^"]*)"$/.exec(condition.trim());
  if (m === null) throw new Error(`unsupported condition ${condition}`);
  return m[1]!.split('.').filter((s) => s !== '').reduce<any>((v, k) => v?.[k], result) === m[2];
}
function phase(metric: any, result: unknown): 'Successful' | 'Failed' | 'Inconclusive' {
  if (holds(metric.failureCondition, result)) return 'Failed';
  return holds(metric.successCondition, result) ? 'Successful' : 'Inconclusive';
}

let elastic: FakeServer;
let server: VerifyServer;
beforeAll(async () => {
  elastic = await startFakeElastic({
    flavor: 'elasticsearch', apiKey: SECRETS.elasticApiKey, username: 'elastic', password: 'unused-password-2', docs: docsFor(), reject: 0, shardFailure: false, body: 'json', closeFails: false,
  });
  server = await startVerifyServer({ token: SECRETS.serveToken, allowedUrls: [elastic.url], port: 0, env: { ELASTIC_API_KEY: SECRETS.elasticApiKey } });
});
afterAll(async () => {
  await server.close();
  await elastic.close();
});

describe('examples/argo', () => {
  it('every example is valid YAML with the expected Argo and Kubernetes kinds', () => {
    expect(Object.keys(docs).sort()).toEqual(['analysis-template-job.yaml', 'analysis-template-web.yaml', 'experiment-job.yaml', 'logsift-serve.yaml', 'rollout-web.yaml']);
    for (const list of Object.values(docs)) for (const d of list) expect(d.apiVersion).toMatch(/^(argoproj\.io\/v1alpha1|apps\/v1|v1)$/);
    const experiment = one('experiment-job.yaml', 'Experiment');
    expect(experiment.spec.analyses[0]).toMatchObject({ templateName: 'logsift-verify-job', requiredForCompletion: true });
    expect(one('rollout-web.yaml', 'Rollout').spec.strategy.canary.steps[0].experiment.analyses[0].templateName).toBe('logsift-verify-web');
  });

  it('the job template runs a logsift verify command line the real parser accepts, with the experiment window', async () => {
    const experiment = one('experiment-job.yaml', 'Experiment');
    const template = one('analysis-template-job.yaml', 'AnalysisTemplate');
    const values = analysisArgs(template, experiment.spec.analyses[0].args, experimentValues(experiment.spec.duration), {});
    const container = template.spec.metrics[0].provider.job.spec.template.spec.containers[0];
    expect(container.command).toEqual(['npx', '--yes', expect.stringMatching(/^logsift@\d+\.\d+\.\d+$/)]);
    const argv = (container.args as string[]).map((a) => resolve(a, values));
    expect(argv[0]).toBe('verify');
    const options = await verifyOptionsFromArgs(parseVerifyArgs(argv.slice(1)), { ELASTIC_API_KEY: 'x' });
    expect(options).toMatchObject({
      source: 'elastic', index: 'logs-*', url: 'https://elasticsearch.logging.svc:9200',
      baseline: { query: `kubernetes.replicaset.name:"${BASELINE_RS}"`, from: AVAILABLE_AT, to: '2024-05-01T10:30:00Z' },
      canary: { query: `kubernetes.replicaset.name:"${CANARY_RS}"`, from: AVAILABLE_AT, to: '2024-05-01T10:30:00Z' },
    });
    // Credentials come from a Secret, into the variables verify reads.
    const secretEnv = (container.env as any[]).filter((e) => e.valueFrom?.secretKeyRef !== undefined).map((e) => e.name);
    expect(secretEnv).toEqual(['ELASTIC_API_KEY']);
  });

  it('that command line, run against a fake Elasticsearch, gives compare\'s report and exit code for the same lines', async () => {
    const experiment = one('experiment-job.yaml', 'Experiment');
    const template = one('analysis-template-job.yaml', 'AnalysisTemplate');
    const values = analysisArgs(template, experiment.spec.analyses[0].args, experimentValues(experiment.spec.duration), { 'elastic-url': elastic.url });
    const container = template.spec.metrics[0].provider.job.spec.template.spec.containers[0];
    const argv = (container.args as string[]).map((a) => resolve(a, values));
    process.env.ELASTIC_API_KEY = SECRETS.elasticApiKey;
    try {
      const result = await cli(argv);
      const expected = await compare({ text: inWindow(BASELINE_PATH, values['args.end-time']!) }, { text: inWindow(CANARY_PATH, values['args.end-time']!) });
      expect(expected.verdict).toBe('fail');
      expect(result.code).toBe(1); // a job: exit non-zero -> the analysis Failed
      expect(result.stdout).toBe(renderText(expected));
      expect(result.stdout + result.stderr).not.toContain(SECRETS.elasticApiKey);
    } finally {
      delete process.env.ELASTIC_API_KEY;
    }
  });

  it('the web template posts a body logsift serve accepts, and its conditions map the verdict onto Argo outcomes', async () => {
    const rollout = one('rollout-web.yaml', 'Rollout');
    const step = rollout.spec.strategy.canary.steps[0].experiment;
    const template = one('analysis-template-web.yaml', 'AnalysisTemplate');
    const metric = template.spec.metrics[0];
    const web = metric.provider.web;
    const post = async (overrides: Record<string, string>): Promise<unknown> => {
      const values = analysisArgs(template, step.analyses[0].args, experimentValues(step.duration), overrides);
      const headers = Object.fromEntries((web.headers as any[]).map((h) => [h.key, resolve(h.value, values)]));
      const body = JSON.parse(resolve(JSON.stringify(web.jsonBody), values));
      const res = await fetch(`${server.url}${new URL(web.url).pathname}`, { method: web.method, headers, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
      return jsonPath(await res.json(), web.jsonPath);
    };
    const failing = await post({});
    expect(phase(metric, failing)).toBe('Failed');
    // The baseline against itself: nothing changed.
    const passing = await post({ 'canary-replicaset': BASELINE_RS });
    expect(phase(metric, passing)).toBe('Successful');
    expect(phase(metric, { ...(passing as object), verdict: 'marginal' })).toBe('Inconclusive');
    expect((failing as { score: number }).score).toBeLessThan((passing as { score: number }).score);
  });

  it('docs/argo-rollouts.md shows every example file verbatim', () => {
    const guide = readFileSync(fileURLToPath(new URL('../docs/argo-rollouts.md', import.meta.url)), 'utf8');
    for (const file of Object.keys(docs)) expect(guide, file).toContain(`\`\`\`yaml\n${readFileSync(DIR + file, 'utf8')}\`\`\`\n`);
  });

  it('the logsift serve Deployment starts with a token, an allowed URL and a timeout shorter than the web metric\'s', () => {
    const deployment = one('logsift-serve.yaml', 'Deployment');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.args[0]).toBe('serve');
    const env: Record<string, string> = {};
    for (const e of container.env as any[]) env[e.name] = e.value ?? `secret-${e.valueFrom.secretKeyRef.name}-${e.valueFrom.secretKeyRef.key}-0123456789`;
    const options = serveOptionsFromArgs(container.args.slice(1), env);
    if (options === 'help') throw new Error('unexpected --help');
    const jobTemplate = one('analysis-template-job.yaml', 'AnalysisTemplate');
    expect(options.host).toBe('0.0.0.0');
    expect(options.allowedUrls).toEqual([`elastic=${jobTemplate.spec.args.find((a: any) => a.name === 'elastic-url').value}`]);
    const web = one('analysis-template-web.yaml', 'AnalysisTemplate').spec.metrics[0].provider.web;
    expect(options.timeoutMs!).toBeLessThan(web.timeoutSeconds * 1000);
    expect(new URL(web.url).port).toBe(String(options.port));
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
  });
});
