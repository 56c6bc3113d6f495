/**
 * Splunk adapter (`logsift/splunk`): streams raw events for a query and a time window through the
 * search export endpoint.
 * @packageDocumentation
 */
import { UsageError } from '../errors/UsageError.js';
import { HttpClient, parseBaseUrl } from './http.js';
import { SourceError } from './SourceError.js';
import { describeSplunkError, hasInlineTimeModifier, splunkEvent, splunkSearchString, splunkTime } from './splunk-rows.js';
import { createSourceEvents, credential, nonEmpty, resolveMaxEvents, resolveWindow, type SourceContext } from './stream.js';
import type { FieldMap, SourceEvent, SourceEvents, SourceOptions } from './types.js';

export { SourceError, isSourceError } from './SourceError.js';
export type { SourceErrorCode, SourceErrorDetails } from './SourceError.js';
export { splunkSearchString, parseSplunkTime } from './splunk-rows.js';
export { fetchWithCa } from './tls.js';
export type * from './types.js';

/**
 * Options of {@link querySplunk}. Credentials: `token`, else `sessionKey`, else `username` + `password` (a
 * session login; also taken from the URL's user info), else `SPLUNK_TOKEN`: the environment is read only when
 * the options give no credential.
 *
 * @example
 * ```ts
 * const options: SplunkOptions = {
 *   url: 'https://splunk.example.com:8089',
 *   query: 'index=app sourcetype=api_logs version=1.4.2',
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 * };
 * ```
 */
export interface SplunkOptions extends SourceOptions {
  /** Management URL, e.g. `https://splunk.example.com:8089`. */
  url: string;
  /** SPL. `search ` is prepended unless it starts with `search` or `|`. */
  query: string;
  /** Authentication token (`Authorization: Bearer`). Default: `SPLUNK_TOKEN`. */
  token?: string;
  /** An existing session key (`Authorization: Splunk`). */
  sessionKey?: string;
  /** User for a session login (`POST /services/auth/login`). */
  username?: string;
  /** Password for a session login. */
  password?: string;
  /** `v2` (default, Splunk 9.0.2+) or `v1` (`/services/search/jobs/export`, older servers). */
  apiVersion?: 'v1' | 'v2';
  /**
   * A field holding the time (epoch seconds, or ISO 8601 with a zone) to use instead of `_time`, e.g. from
   * `| eval log_epoch=_time`, or an internal one such as `_indextime`.
   */
  timeField?: string;
  /** Fields mapped to level/host/service/version. Default `level`, `host`, `service`, `version`. */
  fieldMap?: FieldMap;
}

/**
 * Defaults of {@link SplunkOptions}.
 *
 * @example
 * ```ts
 * querySplunk({ ...options, fieldMap: { ...splunkDefaults.fieldMap, level: 'log_level' } });
 * ```
 */
export const splunkDefaults = {
  apiVersion: 'v2',
  fieldMap: { level: 'level', host: 'host', service: 'service', version: 'version' },
} as const;

/**
 * Streams the events of an SPL search over [from, to) from Splunk's export endpoint
 * (`/services/search/v2/jobs/export`, `output_mode=json`). Preview rows are skipped, WARN messages
 * become warnings, ERROR/FATAL messages and an empty 200 are errors, a missing `lastrow` marks the
 * result partial, and a 503 concurrency refusal is retried with backoff.
 *
 * @example
 * ```ts
 * import { querySplunk } from 'logsift/splunk';
 * const events = querySplunk({
 *   url: 'https://splunk.example.com:8089',
 *   query: 'index=app service=checkout version=1.4.2',
 *   from: Date.parse('2024-05-01T10:00:00Z'),
 *   to: Date.parse('2024-05-01T11:00:00Z'),
 * }); // token from SPLUNK_TOKEN
 * for await (const event of events) console.log(event.timestamp, event.raw);
 * console.log(events.summary);
 * ```
 */
export function querySplunk(options: SplunkOptions): SourceEvents {
  const window = resolveWindow(options.from, options.to);
  const maxEvents = resolveMaxEvents(options.maxEvents);
  const search = splunkSearchString(options.query);
  const base = parseBaseUrl(options.url, 'splunk');
  const env = options.env ?? process.env;
  const username = options.username ?? base.username;
  const password = options.password ?? base.password;
  // A credential given in the options (or the URL) wins over the environment: SPLUNK_TOKEN, meant for one
  // Splunk, is never sent to a server the caller gave a session key or a login for.
  const explicit = nonEmpty(options.sessionKey) || (username !== undefined && password !== undefined);
  const token = explicit ? (nonEmpty(options.token) ? options.token : undefined) : credential(options.token, env, 'SPLUNK_TOKEN');
  if (token === undefined && options.sessionKey === undefined && (username === undefined || password === undefined)) {
    throw new SourceError('Splunk: no credentials: set SPLUNK_TOKEN, or pass token, sessionKey or username and password', 'E_SOURCE_CREDENTIALS', { platform: 'splunk' });
  }
  const apiVersion = options.apiVersion ?? splunkDefaults.apiVersion;
  if (apiVersion !== 'v1' && apiVersion !== 'v2') throw new UsageError('Splunk apiVersion must be v1 or v2', 'E_USAGE');
  const fieldMap = { ...splunkDefaults.fieldMap, ...options.fieldMap };

  return createSourceEvents('splunk', maxEvents, options.signal, async function* (ctx: SourceContext) {
    let authorization = token !== undefined ? `Bearer ${token}` : options.sessionKey !== undefined ? `Splunk ${options.sessionKey}` : undefined;
    const secrets = [token, options.sessionKey, password, username !== undefined && password !== undefined ? `${username}:${password}` : undefined].filter(
      (s): s is string => s !== undefined && s !== '',
    );
    const http = new HttpClient({
      platform: 'splunk',
      baseUrl: base.url,
      options,
      summary: ctx.summary,
      secrets,
      headers: () => (authorization === undefined ? {} : { authorization }),
      describe: describeSplunkError,
    });
    const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (authorization === undefined && username !== undefined && password !== undefined) {
      const login = { method: 'POST' as const, path: '/services/auth/login' };
      const response = await http.request({ ...login, headers: form, body: new URLSearchParams({ username, password, output_mode: 'json' }).toString(), idempotent: true });
      const body = await http.json<{ sessionKey?: unknown }>(response, login);
      if (typeof body.sessionKey !== 'string' || body.sessionKey === '') throw http.error('the login response has no sessionKey', 'E_SOURCE_PROTOCOL', login);
      secrets.push(body.sessionKey);
      authorization = `Splunk ${body.sessionKey}`;
    }
    if (hasInlineTimeModifier(search)) ctx.warn('the query sets earliest= or latest= inline; Splunk lets those override the requested window');

    const path = apiVersion === 'v2' ? '/services/search/v2/jobs/export' : '/services/search/jobs/export';
    const where = { method: 'POST', path };
    const body = new URLSearchParams({
      search,
      earliest_time: splunkTime(window.from),
      latest_time: splunkTime(window.to),
      output_mode: 'json',
      segmentation: 'none',
      preview: 'false',
    });
    // Not idempotent: after an ambiguous network error the search may already be running.
    const response = await http
      .request({ method: 'POST', path, headers: form, body: body.toString(), idempotent: false })
      .catch((error: unknown) => {
        if (apiVersion === 'v2' && (error as SourceError).status === 404) {
          throw http.error(`${path} answered 404: servers older than Splunk 9.0.2 have no v2 search API; set apiVersion: 'v1'`, 'E_SOURCE_HTTP', { ...where, status: 404 });
        }
        throw error;
      });
    let rows = 0;
    let lastRow = false;
    let ambiguousTimes = 0;
    let noRaw = 0;
    let lineNumber = 0;
    for await (const line of http.lines(response, where)) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw http.error(`export line ${lineNumber} is not valid JSON (the stream was cut or corrupted after ${rows} events)`, 'E_SOURCE_PROTOCOL', where);
      }
      if (typeof row !== 'object' || row === null) throw http.error(`export line ${lineNumber} is not a JSON object`, 'E_SOURCE_PROTOCOL', where);
      handleMessages(row.messages, http, ctx, where);
      if (row.preview === true) continue;
      const results = row.result !== undefined ? [row.result] : Array.isArray(row.results) ? row.results : [];
      for (const result of results) {
        if (typeof result !== 'object' || result === null) continue;
        rows += 1;
        if ((result as Record<string, unknown>)._raw === undefined) {
          // a transforming search (stats, table) gives rows, not events
          noRaw += 1;
          continue;
        }
        const event: SourceEvent = splunkEvent(result as Record<string, unknown>, fieldMap, options.timeField);
        if (event.timestamp === undefined) ambiguousTimes += 1;
        yield event;
      }
      if (row.lastrow === true) {
        lastRow = true;
        break;
      }
    }
    if (noRaw > 0) ctx.warn(`${noRaw} ${noRaw === 1 ? 'result' : 'results'} had no _raw and ${noRaw === 1 ? 'was' : 'were'} skipped (a transforming command such as stats or table gives rows, not events)`);
    if (ambiguousTimes > 0 && options.timeField !== undefined) {
      ctx.warn(`${ambiguousTimes} ${ambiguousTimes === 1 ? 'event' : 'events'} had no readable ${JSON.stringify(options.timeField)} (epoch seconds or ISO 8601 with a zone); ${ambiguousTimes === 1 ? 'it is' : 'they are'} kept without a timestamp`);
    } else if (ambiguousTimes > 0) {
      ctx.warn(`${ambiguousTimes} ${ambiguousTimes === 1 ? 'event' : 'events'} had a _time that cannot be read unambiguously (a zone abbreviation); add \`| eval log_epoch=_time\` to the query and set timeField: 'log_epoch'`);
    }
    if (!lastRow && rows === 0) {
      throw http.error('the export answered 200 with no results and no lastrow; Splunk does this for some failing searches, so the result is unknown', 'E_SOURCE_EMPTY', { ...where, status: 200 });
    }
    if (!lastRow) ctx.partial(`the export stream ended after ${rows} events without its lastrow marker; the result may be incomplete`);
  });
}

function handleMessages(messages: unknown, http: HttpClient, ctx: SourceContext, where: { method: string; path: string }): void {
  if (!Array.isArray(messages)) return;
  for (const message of messages as Array<{ type?: unknown; text?: unknown }>) {
    const type = typeof message.type === 'string' ? message.type.toUpperCase() : 'INFO';
    const text = typeof message.text === 'string' ? message.text : '';
    if (type === 'ERROR' || type === 'FATAL') throw http.error(`the search failed: ${text}`, 'E_SOURCE_QUERY', { ...where, platformCode: type });
    if (type === 'WARN') ctx.warn(http.redact(`Splunk: ${text}`));
    else http.log(`${type}: ${text}`);
  }
}
