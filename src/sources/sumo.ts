/**
 * Sumo Logic adapter (`logsift/sumo`): runs a Search Job for a time window and pages its messages.
 * @packageDocumentation
 */
import { UsageError } from '../errors/UsageError.js';
import { HttpClient, basicAuth, parseBaseUrl, systemClock } from './http.js';
import { SourceError, isSourceError } from './SourceError.js';
import { CookieJar, describeSumoError, sumoApiBase, sumoEndpoint, sumoEvent, type SumoDeployment, type SumoJobStatus } from './sumo-api.js';
import { abortedMessage, createSourceEvents, credential, resolveMaxEvents, resolveWindow, type SourceContext } from './stream.js';
import type { FieldMap, SourceEvents, SourceOptions } from './types.js';

export { SourceError, isSourceError } from './SourceError.js';
export type { SourceErrorCode, SourceErrorDetails } from './SourceError.js';
export { sumoEndpoint } from './sumo-api.js';
export type { SumoDeployment } from './sumo-api.js';
export { fetchWithCa } from './tls.js';
export type * from './types.js';

/**
 * Options of {@link querySumo}. Credentials: `accessId` + `accessKey` (or `SUMO_ACCESS_ID` +
 * `SUMO_ACCESS_KEY`). Give `deployment` or `url`.
 *
 * @example
 * ```ts
 * const options: SumoOptions = {
 *   deployment: 'us2',
 *   query: '_sourceCategory=prod/checkout version=1.4.2',
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 * };
 * ```
 */
export interface SumoOptions extends SourceOptions {
  /** A non-aggregate search query. */
  query: string;
  /** The deployment of the account (`us1`, `us2`, `eu`, ...). */
  deployment?: SumoDeployment;
  /** API base URL instead of `deployment`, e.g. `https://api.us2.sumologic.com/api`. */
  url?: string;
  /** Access id. Default: `SUMO_ACCESS_ID`. */
  accessId?: string;
  /** Access key. Default: `SUMO_ACCESS_KEY`. */
  accessKey?: string;
  /** Messages per page, at most 10 000. Default 10 000. */
  pageSize?: number;
  /** First wait between status polls; it grows to 5 s (the job dies after ~30 s without calls). Default 1000 ms. */
  pollIntervalMs?: number;
  /** Request rate ceiling shared by this read's calls. Default 4 (Sumo's per-user limit). */
  requestsPerSecond?: number;
  /** Search by receipt time instead of message time. Default false. */
  byReceiptTime?: boolean;
  /** `Manual` (default) or `AutoParse` (adds JSON fields to each message). */
  autoParsingMode?: 'Manual' | 'AutoParse';
  /** Fields mapped to level/host/service/version. Default `level`, `_sourcehost`, `service`, `version`. */
  fieldMap?: FieldMap;
}

/**
 * Defaults of {@link SumoOptions}.
 *
 * @example
 * ```ts
 * querySumo({ ...options, pollIntervalMs: sumoDefaults.pollIntervalMs * 2 });
 * ```
 */
export const sumoDefaults = {
  pageSize: 10_000,
  pollIntervalMs: 1000,
  maxPollIntervalMs: 5000,
  requestsPerSecond: 4,
  autoParsingMode: 'Manual',
  fieldMap: { level: 'level', host: '_sourcehost', service: 'service', version: 'version' },
} as const;

/**
 * Reads the messages of a Sumo Logic search over [from, to): creates a search job, polls it (keeping
 * its cookies and checking the non-cumulative `pendingErrors` on every poll), pages through the
 * messages by what each page really returned, and deletes the job in `finally`. `FORCE PAUSED` (the
 * ~100k message cap) marks the result partial; `CANCELLED` or a vanished job is `E_SOURCE_EXPIRED`.
 * Calls are paced under the 4 requests/s limit and 429s are retried with backoff. Messages arrive
 * newest first, as Sumo returns them.
 *
 * @example
 * ```ts
 * import { querySumo } from 'logsift/sumo';
 * const events = querySumo({
 *   deployment: 'us2',
 *   query: '_sourceCategory=prod/checkout',
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 * }); // credentials from SUMO_ACCESS_ID and SUMO_ACCESS_KEY
 * for await (const event of events) console.log(event.host, event.raw);
 * if (events.summary.partial) console.warn(events.summary.warnings);
 * ```
 */
export function querySumo(options: SumoOptions): SourceEvents {
  const window = resolveWindow(options.from, options.to);
  const maxEvents = resolveMaxEvents(options.maxEvents);
  if (options.query.trim() === '') throw new UsageError('the Sumo Logic query is empty', 'E_USAGE');
  if (options.url === undefined && options.deployment === undefined) throw new UsageError('give the Sumo Logic `deployment` (us1, us2, eu, ...) or `url`', 'E_USAGE');
  const base = parseBaseUrl(options.url !== undefined ? sumoApiBase(options.url) : sumoEndpoint(options.deployment as SumoDeployment), 'sumo');
  const env = options.env ?? process.env;
  const accessId = credential(options.accessId, env, 'SUMO_ACCESS_ID');
  const accessKey = credential(options.accessKey, env, 'SUMO_ACCESS_KEY');
  if (accessId === undefined || accessKey === undefined) {
    throw new SourceError('Sumo Logic: no credentials: set SUMO_ACCESS_ID and SUMO_ACCESS_KEY', 'E_SOURCE_CREDENTIALS', { platform: 'sumo' });
  }
  const pageSize = options.pageSize ?? sumoDefaults.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) throw new UsageError('`pageSize` must be an integer from 1 to 10000', 'E_USAGE');
  const rps = options.requestsPerSecond ?? sumoDefaults.requestsPerSecond;
  if (!(rps > 0)) throw new UsageError('`requestsPerSecond` must be positive', 'E_USAGE');
  const fieldMap = { ...sumoDefaults.fieldMap, ...options.fieldMap };
  const authorization = basicAuth(accessId, accessKey);

  return createSourceEvents('sumo', maxEvents, options.signal, async function* (ctx: SourceContext) {
    const jar = new CookieJar();
    const secrets = [accessId, accessKey, `${accessId}:${accessKey}`];
    const http = new HttpClient({
      platform: 'sumo',
      baseUrl: base.url,
      options,
      summary: ctx.summary,
      secrets,
      headers: () => {
        const cookie = jar.header();
        return { authorization, accept: 'application/json', ...(cookie === undefined ? {} : { cookie }) };
      },
      describe: describeSumoError,
      // 10% under the limit: Sumo counts arrivals, and network jitter bunches requests together.
      minIntervalMs: 1100 / rps,
      onResponse: (response) => {
        jar.update(response);
        for (const value of jar.values()) if (!secrets.includes(value)) secrets.push(value);
      },
    });
    const create = { method: 'POST' as const, path: '/v1/search/jobs' };
    const job = await http.json<{ id?: unknown }>(
      await http.request({
        ...create,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: options.query,
          from: window.from,
          to: window.to,
          timeZone: 'UTC',
          byReceiptTime: options.byReceiptTime ?? false,
          autoParsingMode: options.autoParsingMode ?? sumoDefaults.autoParsingMode,
        }),
        // A create that may have reached Sumo would hold one of the 200 job slots: never resent.
        idempotent: false,
      }),
      create,
    );
    if (typeof job.id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(job.id)) throw http.error('the create response has no valid job id', 'E_SOURCE_PROTOCOL', create);
    const jobPath = `/v1/search/jobs/${job.id}`;
    try {
      const messageCount = await waitForJob(http, ctx, jobPath, options.pollIntervalMs ?? sumoDefaults.pollIntervalMs, options);
      let offset = 0;
      let skipped = 0;
      while (offset < messageCount) {
        const limit = Math.min(pageSize, ctx.wanted(), messageCount - offset);
        const page = await expiring(http, jobPath, async () => {
          const where = { method: 'GET' as const, path: `${jobPath}/messages` };
          return http.json<{ messages?: Array<{ map?: Record<string, unknown> }> }>(
            await http.request({ ...where, query: { offset: String(offset), limit: String(limit) }, idempotent: true }),
            where,
          );
        });
        const messages = page.messages;
        if (!Array.isArray(messages)) throw http.error('a messages page has no messages array', 'E_SOURCE_PROTOCOL', { method: 'GET', path: `${jobPath}/messages` });
        if (messages.length === 0) throw http.error(`a messages page was empty at offset ${offset} of ${messageCount}`, 'E_SOURCE_PROTOCOL', { method: 'GET', path: `${jobPath}/messages` });
        // Pages can be shorter than asked (100 MB cap): advance by what really came back.
        offset += messages.length;
        for (const message of messages) {
          const event = sumoEvent(message.map ?? {}, fieldMap);
          if (event === undefined) skipped += 1;
          else yield event;
        }
      }
      if (skipped > 0) ctx.warn(`${skipped} ${skipped === 1 ? 'message' : 'messages'} had no _raw (an aggregate or lookup query?) and ${skipped === 1 ? 'was' : 'were'} skipped`);
    } finally {
      await deleteJob(http, ctx, jobPath);
    }
  });
}

/** Polls until the job is done; returns how many messages to page. */
async function waitForJob(http: HttpClient, ctx: SourceContext, jobPath: string, firstInterval: number, options: SumoOptions): Promise<number> {
  const clock = options.clock ?? systemClock;
  const warned = new Set<string>();
  let interval = firstInterval;
  for (;;) {
    const where = { method: 'GET' as const, path: jobPath };
    const status = await expiring(http, jobPath, async () => http.json<SumoJobStatus>(await http.request({ ...where, idempotent: true }), where));
    // Non-cumulative: an error shows up in exactly one status response.
    const error = status.pendingErrors?.[0];
    if (error !== undefined) throw http.error(`the search failed: ${String(typeof error === 'string' ? error : JSON.stringify(error))}`, 'E_SOURCE_QUERY', where);
    for (const warning of status.pendingWarnings ?? []) {
      const text = typeof warning === 'string' ? warning : JSON.stringify(warning);
      if (!warned.has(text)) {
        warned.add(text);
        ctx.warn(http.redact(`Sumo Logic: ${text}`));
      }
    }
    if (status.state === 'DONE GATHERING RESULTS') return messageCount(status, http, where);
    if (status.state === 'FORCE PAUSED') {
      const count = messageCount(status, http, where);
      ctx.partial(`Sumo Logic paused the job at ${count} messages (its per-search message cap): later messages are missing; narrow the window`);
      return count;
    }
    if (status.state === 'CANCELLED') throw http.error('the search job was cancelled by Sumo Logic', 'E_SOURCE_EXPIRED', where);
    if (status.state !== 'NOT STARTED' && status.state !== 'GATHERING RESULTS') {
      throw http.error(`the job is in an unknown state ${JSON.stringify(String(status.state)).slice(0, 60)}`, 'E_SOURCE_PROTOCOL', where);
    }
    try {
      await clock.sleep(interval, options.signal);
    } catch {
      throw http.error(abortedMessage(options.signal), 'E_SOURCE_ABORTED', where);
    }
    interval = Math.min(sumoDefaults.maxPollIntervalMs, interval * 1.5);
  }
}

/**
 * The job's `messageCount`: a non-negative integer, or a string of digits (the reference warns that values
 * may come as strings). Anything else is a protocol error, never read as zero (which would end the read with no
 * events and report it complete).
 */
function messageCount(status: SumoJobStatus, http: HttpClient, where: { method: 'GET'; path: string }): number {
  const value: unknown = status.messageCount;
  const count = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw http.error(`the job status has no readable messageCount (${JSON.stringify(value)?.slice(0, 40) ?? 'none'})`, 'E_SOURCE_PROTOCOL', where);
  }
  return count;
}

/** A 404 on a job call means the job is gone (idle for ~30 s, deleted, or its cookies were lost). */
async function expiring<T>(http: HttpClient, jobPath: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isSourceError(error) && error.status === 404) {
      throw http.error('the search job is gone (Sumo cancels a job after ~30 s without calls); read faster or narrow the window', 'E_SOURCE_EXPIRED', {
        method: error.method ?? 'GET',
        path: error.path ?? jobPath,
        status: 404,
        ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
      });
    }
    throw error;
  }
}

async function deleteJob(http: HttpClient, ctx: SourceContext, jobPath: string): Promise<void> {
  try {
    const response = await http.request({ method: 'DELETE', path: jobPath, idempotent: true, cleanup: true, accept: [404] });
    await response.body?.cancel();
  } catch (error) {
    ctx.warn(`deleting the search job failed (${(error as Error).message}); it ends by itself after ~30 s`);
  }
}
