import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ElasticDoc } from './fakes/elastic.js';
import type { SplunkFixtureEvent } from './fakes/splunk.js';

/** Shared fixtures of the verify, serve and Argo tests: one baseline hour and one canary hour. */
export const BASELINE_PATH = fileURLToPath(new URL('../fixtures/verify/baseline.log', import.meta.url));
export const CANARY_PATH = fileURLToPath(new URL('../fixtures/verify/canary.log', import.meta.url));
export const BASELINE_FROM = '2024-05-01T10:00:00Z';
export const BASELINE_TO = '2024-05-01T11:00:00Z';
export const CANARY_FROM = '2024-05-01T11:00:00Z';
export const CANARY_TO = '2024-05-01T12:00:00Z';

export const SECRETS = {
  splunkToken: 'splunk-token-5e3f9a1c7b2d',
  elasticApiKey: 'ZWxhc3RpYy1hcGkta2V5LTlmOGU3ZA==',
  sumoAccessId: 'suVERIFY0123456',
  sumoAccessKey: 'sumo-access-key-verify-9b8a7c6d5e',
  lokiToken: 'loki-token-3c4d5e6f7a8b',
  serveToken: 'serve-token-0a1b2c3d4e5f6a7b8c9d',
};

export function fixtureLines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
}

/** Epoch ms of a fixture line (it starts with an ISO timestamp). */
export function lineTime(line: string): number {
  return Date.parse(line.slice(0, 24));
}

export function splunkEvents(): SplunkFixtureEvent[] {
  return [...fixtureLines(BASELINE_PATH), ...fixtureLines(CANARY_PATH)].map((raw) => ({
    time: lineTime(raw),
    raw,
    host: 'web-01',
    level: raw.split(' ')[1]!,
  }));
}

export function elasticDocs(): ElasticDoc[] {
  const side = (path: string, version: string): ElasticDoc[] =>
    fixtureLines(path).map((message, i) => ({
      id: `${version}-${i}`,
      index: 'logs-checkout',
      // Both versions run in the same hour, side by side, as in an Argo experiment.
      time: Date.parse(BASELINE_FROM) + (lineTime(message) % 3_600_000),
      fields: { message, 'service.version': version, 'log.level': message.split(' ')[1]!, 'host.name': 'web-01' },
    }));
  return [...side(BASELINE_PATH, '1.4.2'), ...side(CANARY_PATH, '1.4.3')];
}

/** Every credential value in the forms a leak could take: plain, URL-encoded, Base64. */
export function secretForms(): string[] {
  const plain = Object.values(SECRETS);
  return [
    ...plain,
    ...plain.map((s) => encodeURIComponent(s)),
    ...plain.map((s) => Buffer.from(s).toString('base64')),
    Buffer.from(`${SECRETS.sumoAccessId}:${SECRETS.sumoAccessKey}`).toString('base64'),
  ];
}

export function leakedSecrets(text: string): string[] {
  return secretForms().filter((s) => text.includes(s));
}
