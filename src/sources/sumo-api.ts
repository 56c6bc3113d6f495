import { UsageError } from '../errors/UsageError.js';
import type { ErrorDescription } from './http.js';
import { fieldString } from './stream.js';
import type { FieldMap, SourceEvent } from './types.js';

/**
 * Sumo Logic deployments, each with its own API host (`us1` is `api.sumologic.com`, the others
 * `api.<deployment>.sumologic.com`). The deployment is in the account's URL.
 *
 * @example
 * ```ts
 * import { querySumo, type SumoDeployment } from 'logsift/sumo';
 * const deployment: SumoDeployment = 'eu';
 * const events = querySumo({ deployment, query: '_sourceCategory=prod/checkout', from: Date.now() - 3_600_000, to: Date.now() });
 * ```
 */
export type SumoDeployment = 'us1' | 'us2' | 'au' | 'ca' | 'ch' | 'de' | 'eu' | 'fed' | 'in' | 'jp' | 'kr' | 'esc';

const DEPLOYMENTS: readonly SumoDeployment[] = ['us1', 'us2', 'au', 'ca', 'ch', 'de', 'eu', 'fed', 'in', 'jp', 'kr', 'esc'];

/**
 * The API base URL of a Sumo Logic deployment (it matches the UI host: `service.us2.sumologic.com`
 * is `us2`). A wrong deployment answers 301, which the adapter reports instead of following.
 *
 * @example
 * ```ts
 * sumoEndpoint('us1'); // 'https://api.sumologic.com/api'
 * sumoEndpoint('eu');  // 'https://api.eu.sumologic.com/api'
 * ```
 */
export function sumoEndpoint(deployment: SumoDeployment): string {
  if (!DEPLOYMENTS.includes(deployment)) throw new UsageError(`unknown Sumo Logic deployment; use one of ${DEPLOYMENTS.join(', ')}`, 'E_USAGE');
  return deployment === 'us1' ? 'https://api.sumologic.com/api' : `https://api.${deployment}.sumologic.com/api`;
}

/** A base URL given by the user, with `/api` added when missing. */
export function sumoApiBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}

/** Job status as Sumo returns it; the list fields hold only what accumulated since the last poll. */
export interface SumoJobStatus {
  state?: string;
  messageCount?: number | string;
  recordCount?: number;
  pendingErrors?: unknown[];
  pendingWarnings?: unknown[];
}

/** Sumo error bodies: `{status, id, code, message}`. */
export function describeSumoError(status: number, body: string): ErrorDescription {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof parsed.message === 'string') return { message: parsed.message, ...(typeof parsed.code === 'string' ? { platformCode: parsed.code } : {}) };
  } catch {
    // plain text below
  }
  const text = body.trim();
  return { message: text === '' ? `HTTP ${status} with an empty body` : text };
}

/** A message's `map` as an event; undefined when it has no `_raw` (e.g. a lookup query). */
export function sumoEvent(map: Record<string, unknown>, fieldMap: Required<FieldMap>): SourceEvent | undefined {
  const raw = fieldString(map._raw);
  if (raw === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) {
    if (key === '_raw') continue;
    const text = fieldString(value);
    if (text !== undefined) fields[key] = text;
  }
  const event: SourceEvent = { raw, fields };
  const time = Number(fields._messagetime);
  if (fields._messagetime !== undefined && Number.isFinite(time)) event.timestamp = time;
  for (const key of ['level', 'host', 'service', 'version'] as const) {
    const value = fields[fieldMap[key]];
    if (value !== undefined) event[key] = value;
  }
  return event;
}

/**
 * A per-job cookie jar: Sumo routes a job's calls by load-balancer cookies, and native fetch keeps
 * none. `getSetCookie()` is used because `get('set-cookie')` joins values on the comma in `Expires`.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Stores the `name=value` part of every `Set-Cookie` of a response. */
  update(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0].trim();
      const eq = pair.indexOf('=');
      if (eq > 0) this.#cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  /** The `Cookie` header value, or undefined when empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Cookie values, to scrub from messages. */
  values(): string[] {
    return [...this.#cookies.values()];
  }
}
