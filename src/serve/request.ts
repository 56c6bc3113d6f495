import { parseRules } from '../compare/rules.js';
import type { Sensitivity } from '../compare/score.js';
import { UsageError } from '../errors/UsageError.js';
import type { VerifyOptions } from './verify.js';

/**
 * The JSON body of `POST /verify` on `logsift serve`: the parameters of `logsift verify`, in camelCase
 * (the flag names, like `baseline-query`, are accepted too). `rules` is the rules object itself, not a
 * file. Credentials are never part of a request: the server reads them from its own environment.
 *
 * @example
 * ```ts
 * const body: VerifyRequest = {
 *   source: 'splunk', url: 'https://splunk.example.com:8089',
 *   baselineQuery: 'index=app version=1.4.2', canaryQuery: 'index=app version=1.4.3',
 *   from: '2024-05-01T10:00:00Z', to: '2024-05-01T11:00:00Z',
 * };
 * ```
 */
export interface VerifyRequest {
  source: string;
  /** Optional when the server allows exactly one URL. */
  url?: string;
  baselineQuery: string;
  canaryQuery: string;
  from?: string | number;
  to?: string | number;
  baselineFrom?: string | number;
  baselineTo?: string | number;
  canaryFrom?: string | number;
  canaryTo?: string | number;
  index?: string;
  messageField?: string;
  maxEvents?: number;
  /** Templates the miner keeps at once (1 to 100,000; default 20,000), as `--max-templates`. */
  maxTemplates?: number;
  sensitivity?: Sensitivity;
  logFormat?: string;
  rules?: unknown;
}

const STRINGS = ['source', 'url', 'baselineQuery', 'canaryQuery', 'index', 'messageField', 'sensitivity', 'logFormat'] as const;
const TIMES = ['from', 'to', 'baselineFrom', 'baselineTo', 'canaryFrom', 'canaryTo'] as const;
const KNOWN = new Set<string>([...STRINGS, ...TIMES, 'maxEvents', 'maxTemplates', 'rules']);
/** Largest template cap a request may ask for: the miner's memory grows with it (and with events, bounded too). */
const MAX_TEMPLATES = 100_000;
const FILE_FLAGS = new Set(['baselineProfile', 'saveProfile', 'report', 'format', 'timeout']);
// Names a caller might use to pass a credential; refused without echoing the value.
const CREDENTIAL = /token|key|secret|password|passwd|auth|cookie|session|credential|username|accessid/i;
const MAX_STRING = 16_384;

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function fieldName(name: string): string {
  return JSON.stringify(name.replace(/[^\w.-]/g, '?').slice(0, 40));
}

const SOURCES = ['splunk', 'elastic', 'sumo', 'loki'];

/**
 * Reads one allowed platform URL of `logsift serve`: `https://es.example.com:9200`, or limited to one
 * source, `elastic=https://es.example.com:9200` (then only requests for that source may use it, so a
 * request cannot send the Splunk token to the Elasticsearch host). Throws a UsageError for anything else.
 */
export function parseAllowedUrl(entry: string): { source?: string; url: URL } {
  const m = /^([a-z]+)=(.*)$/.exec(entry);
  if (m !== null && !SOURCES.includes(m[1]!)) throw new UsageError(`an allowed platform URL names an unknown source '${m[1]!.slice(0, 20)}'; use splunk, elastic, sumo or loki`);
  let url: URL;
  try {
    url = new URL(m === null ? entry : m[2]!);
  } catch {
    throw new UsageError('an allowed platform URL is not a valid absolute URL');
  }
  if (url.username !== '' || url.password !== '') throw new UsageError('an allowed platform URL must not contain credentials; use the environment');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('an allowed platform URL must be http or https');
  return m === null ? { url } : { source: m[1]!, url };
}

/** Where a request may send the server's credentials: origin and path prefix of allowed platform URLs. */
export function allowedUrl(requested: string | undefined, allowed: readonly string[], source: string): string {
  const candidates = allowed.map(parseAllowedUrl).filter((a) => a.source === undefined || a.source === source);
  if (requested === undefined) {
    if (candidates.length === 1) return candidates[0]!.url.href;
    throw new UsageError(candidates.length === 0 ? `this server allows no platform URL for ${source}` : 'url is required (the server allows several platform URLs)');
  }
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    throw new UsageError('url is not a valid absolute URL');
  }
  if (url.username !== '' || url.password !== '') throw new UsageError('url must not contain credentials; the server reads them from its environment');
  const ok = candidates.some(({ url: base }) => {
    const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    return url.origin === base.origin && (url.pathname === base.pathname || url.pathname.startsWith(prefix));
  });
  // The server's credentials go wherever `url` points, so only the operator's list is honoured.
  if (!ok) throw new UsageError(`url is not one of the platform URLs this server allows for ${source} (see --allow-url)`);
  return url.href;
}

/**
 * Checks a `POST /verify` body and turns it into options of `verify()`. Every problem is a
 * {@link UsageError} whose one-line message names the field, never its value when it may be a secret.
 *
 * @example
 * ```ts
 * const options = parseVerifyRequest(JSON.parse(body), { allowedUrls: ['https://splunk.example.com:8089'] });
 * ```
 */
export function parseVerifyRequest(body: unknown, limits: { allowedUrls: readonly string[]; maxEvents?: number }): VerifyOptions {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new UsageError('the body must be a JSON object');
  const fields: Record<string, unknown> = {};
  for (const [rawName, value] of Object.entries(body as Record<string, unknown>)) {
    const name = camel(rawName);
    if (CREDENTIAL.test(name)) throw new UsageError(`field ${fieldName(rawName)} is refused: credentials are never sent in a request, the server reads them from its environment`);
    if (FILE_FLAGS.has(name)) throw new UsageError(`field ${fieldName(rawName)} is not available on the server (the answer is always the JSON report)`);
    if (!KNOWN.has(name)) throw new UsageError(`unknown field ${fieldName(rawName)}`);
    if (name in fields) throw new UsageError(`field ${fieldName(name)} is given twice`);
    fields[name] = value;
  }
  for (const name of STRINGS) {
    const v = fields[name];
    if (v !== undefined && (typeof v !== 'string' || v.length > MAX_STRING)) throw new UsageError(`${name} must be a string of at most ${MAX_STRING} characters`);
  }
  for (const name of TIMES) {
    const v = fields[name];
    if (v !== undefined && typeof v !== 'string' && typeof v !== 'number') throw new UsageError(`${name} must be ISO 8601 text or epoch milliseconds`);
  }
  const str = (name: string): string | undefined => fields[name] as string | undefined;
  if (str('source') === undefined) throw new UsageError('source is required (splunk, elastic, sumo or loki)');
  const side = (name: 'baseline' | 'canary'): VerifyOptions['canary'] => {
    const query = str(`${name}Query`);
    if (query === undefined || query.trim() === '') throw new UsageError(`${name}Query is required`);
    const from = fields[`${name}From`] ?? fields.from;
    const to = fields[`${name}To`] ?? fields.to;
    if (from === undefined || to === undefined) throw new UsageError(`the ${name} needs a window: from and to, or ${name}From and ${name}To`);
    return { query, from: from as string | number, to: to as string | number };
  };
  const options: VerifyOptions = {
    source: str('source')!,
    url: allowedUrl(str('url'), limits.allowedUrls, str('source')!),
    baseline: side('baseline'),
    canary: side('canary'),
  };
  const sensitivity = str('sensitivity');
  if (sensitivity !== undefined) {
    if (!['low', 'medium', 'high'].includes(sensitivity)) throw new UsageError('sensitivity must be low, medium or high');
    options.sensitivity = sensitivity as Sensitivity;
  }
  const cap = limits.maxEvents ?? 1_000_000;
  if (fields.maxEvents !== undefined) {
    const n = fields.maxEvents;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > cap) throw new UsageError(`maxEvents must be a whole number from 1 to ${cap}`);
    options.maxEvents = n;
  } else {
    options.maxEvents = cap;
  }
  if (fields.maxTemplates !== undefined) {
    const n = fields.maxTemplates;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > MAX_TEMPLATES) throw new UsageError(`maxTemplates must be a whole number from 1 to ${MAX_TEMPLATES}`);
    options.miner = { maxTemplates: n };
  }
  for (const name of ['index', 'messageField', 'logFormat'] as const) {
    const v = str(name);
    if (v !== undefined) options[name] = v;
  }
  if (fields.rules !== undefined) options.rules = parseRules(fields.rules);
  return options;
}
