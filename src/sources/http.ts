import { UsageError } from '../errors/UsageError.js';
import { SourceError, type SourceErrorCode } from './SourceError.js';
import { redact } from './redact.js';
import { abortedMessage, label } from './stream.js';
import { DEFAULT_RETRY, parseRetryAfter, systemClock } from './retry.js';
import { fetchWithCa } from './tls.js';
import type { Clock, RetryOptions, SourceOptions, SourcePlatform, SourceSummary } from './types.js';
import { safeLocation } from './url.js';

export { DEFAULT_RETRY, parseRetryAfter, systemClock } from './retry.js';
export { basicAuth, parseBaseUrl } from './url.js';

/** How long a cleanup call (job delete, PIT close) may take; it ignores the caller's abort signal. */
export const CLEANUP_TIMEOUT_MS = 10_000;

/** A platform's reading of an error body: its first message and its own code. */
export interface ErrorDescription {
  message: string;
  platformCode?: string;
  /** A more specific code than the status gives (e.g. an expired point in time). */
  code?: SourceErrorCode;
}

/** One request. `path` is relative to the base URL; the query goes in `query`, never into errors. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** Safe to resend after an ambiguous network error (reads, deletes). */
  idempotent: boolean;
  /** Statuses returned to the caller instead of thrown (e.g. 404 on a cleanup, 204 on a poll). */
  accept?: number[];
  /** A cleanup call: not retried on network errors, ignores the caller's abort, bounded by a timeout. */
  cleanup?: boolean;
}

/** Settings of an {@link HttpClient}. */
export interface HttpClientSettings {
  platform: SourcePlatform;
  baseUrl: URL;
  options: SourceOptions;
  summary: SourceSummary;
  /** Credential values to scrub from every message. */
  secrets: string[];
  /** Headers sent on every call (auth). Kept in this closure only. */
  headers: () => Record<string, string>;
  /** Reads the platform's error body. */
  describe: (status: number, body: string) => ErrorDescription;
  /** Statuses meaning "busy, not executed": retried with backoff. Default 429 and 503. */
  retryStatuses?: number[];
  /** Minimum milliseconds between request starts (Sumo: 250 for 4 requests/s). */
  minIntervalMs?: number;
  /** Sees every response first (Sumo keeps its cookies here). */
  onResponse?: (response: Response) => void;
}

/**
 * The HTTP layer shared by the adapters: injected fetch, abort, safe retries with backoff, jitter and
 * `Retry-After`, no redirects followed, and errors that never contain credentials.
 */
export class HttpClient {
  readonly #s: HttpClientSettings;
  readonly #fetch: typeof globalThis.fetch;
  readonly #clock: Clock;
  readonly #retry: Required<RetryOptions>;
  readonly #random: () => number;
  #lastStart = Number.NEGATIVE_INFINITY;

  constructor(settings: HttpClientSettings) {
    this.#s = settings;
    const { options } = settings;
    if (options.fetch !== undefined && options.ca !== undefined) {
      throw new UsageError('give either `fetch` or `ca`, not both (configure the CA in your fetch)', 'E_USAGE');
    }
    this.#fetch = options.fetch ?? (options.ca === undefined ? globalThis.fetch : fetchWithCa(options.ca));
    this.#clock = options.clock ?? systemClock;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#random = options.random ?? Math.random;
  }

  /** Scrubs credentials from text. */
  redact(text: string): string {
    return redact(text, this.#s.secrets);
  }

  /** Writes a debug line through the caller's log hook, scrubbed. */
  log(message: string): void {
    this.#s.options.log?.(this.redact(`${this.#s.platform}: ${message}`));
  }

  /** Builds a SourceError with a scrubbed message. */
  error(message: string, code: SourceErrorCode, details: { status?: number; platformCode?: string; retryable?: boolean; method?: string; path?: string } = {}): SourceError {
    const detail = { platform: this.#s.platform, ...details };
    if (detail.platformCode !== undefined) detail.platformCode = this.redact(detail.platformCode);
    return new SourceError(this.redact(`${label(this.#s.platform)}: ${message}`), code, detail);
  }

  /** Sends a request, retrying where safe; returns the response when its status is 2xx or accepted. */
  async request(req: HttpRequest): Promise<Response> {
    const url = new URL(this.#s.baseUrl.pathname.replace(/\/$/, '') + req.path, this.#s.baseUrl.origin);
    for (const [key, value] of Object.entries(req.query ?? {})) url.searchParams.set(key, value);
    const where = { method: req.method, path: url.pathname };
    const retryStatuses = this.#s.retryStatuses ?? [429, 503];
    for (let attempt = 0; ; attempt += 1) {
      await this.#pace(req);
      const signal = req.cleanup === true ? AbortSignal.timeout(CLEANUP_TIMEOUT_MS) : this.#s.options.signal;
      let response: Response;
      try {
        this.#s.summary.requests += 1;
        this.log(`${req.method} ${url.pathname}`);
        const init: RequestInit = { method: req.method, headers: { ...this.#s.headers(), ...req.headers }, redirect: 'manual' };
        if (req.body !== undefined) init.body = req.body;
        if (signal !== undefined) init.signal = signal;
        response = await this.#fetch(url, init);
      } catch (cause) {
        if (req.cleanup !== true && this.#s.options.signal?.aborted === true) throw this.error(abortedMessage(this.#s.options.signal), 'E_SOURCE_ABORTED', where);
        const code = networkCode(cause);
        if (req.idempotent && req.cleanup !== true && attempt < this.#retry.retries) {
          await this.#wait(this.#backoff(attempt), where);
          continue;
        }
        throw this.error(`${req.method} ${url.pathname} failed: network error (${code})${tlsHint(code)}`, 'E_SOURCE_NETWORK', {
          ...where,
          platformCode: code,
          retryable: req.idempotent,
        });
      }
      this.#s.onResponse?.(response);
      const { status } = response;
      if (retryStatuses.includes(status) && req.cleanup !== true) {
        const body = await safeText(response);
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.#clock.now());
        if (attempt < this.#retry.retries && (retryAfter === undefined || retryAfter <= this.#retry.maxDelayMs)) {
          this.log(`${status} on ${req.method} ${url.pathname}; retrying`);
          await this.#wait(retryAfter ?? this.#backoff(attempt), where);
          continue;
        }
        const { message, platformCode } = this.#s.describe(status, body);
        const why = retryAfter !== undefined && retryAfter > this.#retry.maxDelayMs ? ` (Retry-After ${Math.ceil(retryAfter / 1000)} s exceeds maxDelayMs)` : ` after ${attempt + 1} attempts`;
        throw this.error(`${req.method} ${url.pathname} answered ${status}${why}: ${message}`, 'E_SOURCE_RATE_LIMIT', {
          ...where,
          status,
          ...(platformCode === undefined ? {} : { platformCode }),
          retryable: true,
        });
      }
      if (req.accept?.includes(status) === true || (status >= 200 && status < 300)) return response;
      const body = await safeText(response);
      if (status >= 300 && status < 400) {
        const target = safeLocation(response.headers.get('location'), url);
        throw this.error(
          `${req.method} ${url.pathname} answered ${status} redirecting to ${target}; redirects are not followed with credentials. Use that origin as the URL (for Sumo Logic, the right deployment).`,
          'E_SOURCE_REDIRECT',
          { ...where, status },
        );
      }
      const { message, platformCode, code: described } = this.#s.describe(status, body);
      const code: SourceErrorCode = described ?? (status === 401 || status === 403 ? 'E_SOURCE_AUTH' : 'E_SOURCE_HTTP');
      throw this.error(`${req.method} ${url.pathname} answered ${status}: ${message}`, code, {
        ...where,
        status,
        ...(platformCode === undefined ? {} : { platformCode }),
        retryable: status === 502 || status === 504,
      });
    }
  }

  /** Reads a JSON body; a body that is not JSON is a protocol error, a cut body a network error. */
  async json<T>(response: Response, req: { method: string; path: string }): Promise<T> {
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (this.#s.options.signal?.aborted === true) throw this.error(abortedMessage(this.#s.options.signal), 'E_SOURCE_ABORTED', req);
      throw this.error(`${req.method} ${req.path}: connection lost while reading the response (${networkCode(cause)})`, 'E_SOURCE_NETWORK', req);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.error(`${req.method} ${req.path}: the response is not valid JSON (${text.length} characters)`, 'E_SOURCE_PROTOCOL', {
        ...req,
        status: response.status,
      });
    }
  }

  /**
   * Yields the body's lines as they stream in (the last one even without a newline). Ending early
   * cancels the body, which closes the connection (Splunk then cancels an export search).
   */
  async *lines(response: Response, req: { method: string; path: string }): AsyncGenerator<string, void, undefined> {
    if (response.body === null) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    let finished = false;
    try {
      for (;;) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (cause) {
          if (this.#s.options.signal?.aborted === true) throw this.error(abortedMessage(this.#s.options.signal), 'E_SOURCE_ABORTED', req);
          throw this.error(`${req.method} ${req.path}: connection lost in the middle of the stream (${networkCode(cause)})`, 'E_SOURCE_NETWORK', req);
        }
        if (chunk.done) break;
        buffered += decoder.decode(chunk.value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          yield buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
        }
      }
      buffered += decoder.decode();
      finished = true;
      if (buffered !== '') yield buffered;
    } finally {
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }

  /** Waits for the pacing interval (rate limit) before a request. */
  async #pace(req: HttpRequest): Promise<void> {
    const interval = this.#s.minIntervalMs ?? 0;
    const wait = this.#lastStart + interval - this.#clock.now();
    if (wait > 0) await this.#wait(wait, { method: req.method, path: req.path }, req.cleanup === true);
    this.#lastStart = this.#clock.now();
  }

  #backoff(attempt: number): number {
    const ceiling = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** attempt);
    // "Equal jitter": at least half the ceiling, so retries never hammer, spread over the other half.
    return Math.round(ceiling / 2 + this.#random() * (ceiling / 2));
  }

  async #wait(ms: number, where: { method: string; path: string }, cleanup = false): Promise<void> {
    const signal = cleanup ? undefined : this.#s.options.signal;
    try {
      await this.#clock.sleep(ms, signal);
    } catch {
      throw this.error(abortedMessage(this.#s.options.signal), 'E_SOURCE_ABORTED', where);
    }
  }
}

function networkCode(error: unknown): string {
  // fetch fails with a TypeError ('fetch failed') whose cause holds the system code; a connection tried on
  // several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError whose errors hold it
  const cause = (error as { cause?: { code?: unknown; errors?: unknown; cause?: { code?: unknown } } } | undefined)?.cause;
  const inner = Array.isArray(cause?.errors) ? (cause.errors as Array<{ code?: unknown } | undefined>).find((e) => typeof e?.code === 'string') : undefined;
  for (const code of [cause?.code, inner?.code, cause?.cause?.code, (error as { code?: unknown } | undefined)?.code]) {
    if (typeof code === 'string' && /^[A-Z0-9_]{2,60}$/.test(code)) return code;
  }
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && /^[A-Za-z]{2,40}$/.test(name) ? name : 'unknown';
}

function tlsHint(code: string): string {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)
    ? ' (the server certificate is not trusted: pass the `ca` option or set NODE_EXTRA_CA_CERTS; verification is never turned off)'
    : '';
}

async function safeText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

