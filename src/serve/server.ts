import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isInputError } from '../errors/InputError.js';
import { isUsageError, UsageError } from '../errors/UsageError.js';
import { isLogsiftError } from '../errors/LogsiftError.js';
import { renderJson } from '../report/json.js';
import { isSourceError } from '../sources/SourceError.js';
import { bearerMatches } from './auth.js';
import { parseAllowedUrl, parseVerifyRequest } from './request.js';
import { verify } from './verify.js';

/**
 * Options of {@link startVerifyServer}; defaults in {@link defaultServeOptions}.
 *
 * @example
 * ```ts
 * const options: ServeOptions = {
 *   token: process.env.LOGSIFT_SERVE_TOKEN!,
 *   allowedUrls: ['https://splunk.example.com:8089'],
 *   port: 8080, host: '0.0.0.0', maxConcurrent: 2,
 * };
 * ```
 */
export interface ServeOptions {
  /** The bearer token every request must carry (at least 16 characters). */
  token: string;
  /**
   * Platform URLs requests may name; the server's credentials are sent only there. `elastic=https://...`
   * limits an entry to one source.
   */
  allowedUrls: readonly string[];
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 8080. */
  port?: number;
  /** Largest request body in bytes (larger: 413). Default 65 536. */
  maxBodyBytes?: number;
  /** Analyses running at once (more: 429 with `Retry-After`). Default 2. */
  maxConcurrent?: number;
  /** Seconds a refused caller is told to wait. Default 30. */
  retryAfterSeconds?: number;
  /** Longest analysis in milliseconds (then 504). Default 300 000. */
  timeoutMs?: number;
  /** Cap and default of `maxEvents` per side. Default 1 000 000. */
  maxEvents?: number;
  /** Where platform credentials are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** An injected fetch for the platform calls (TLS, proxies, tests). */
  fetch?: typeof globalThis.fetch;
  /** Serve HTTPS with this certificate and key (PEM) instead of plain HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** One line per request (method, path, status, milliseconds; never headers or bodies). */
  log?: (line: string) => void;
}

/**
 * Default values of {@link ServeOptions}.
 *
 * @example
 * ```ts
 * const busyAfter = defaultServeOptions.maxConcurrent; // 2
 * ```
 */
export const defaultServeOptions = {
  host: '127.0.0.1',
  port: 8080,
  maxBodyBytes: 65_536,
  maxConcurrent: 2,
  retryAfterSeconds: 30,
  timeoutMs: 300_000,
  maxEvents: 1_000_000,
} as const;

/**
 * A running `logsift serve`.
 *
 * @example
 * ```ts
 * const server = await startVerifyServer({ token, allowedUrls, port: 0 });
 * console.log(server.url); // http://127.0.0.1:43127
 * await server.close();
 * ```
 */
export interface VerifyServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The Node server. */
  readonly server: Server;
  /** Stops accepting requests (new ones get 503) and resolves when running analyses have answered. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim().slice(0, 600);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body.endsWith('\n') ? body : `${body}\n`);
}

function errorBody(error: HttpError): string {
  return JSON.stringify({ error: oneLine(error.message), code: error.code });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`, 'E_TOO_LARGE', { connection: 'close' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`, 'E_TOO_LARGE', { connection: 'close' });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// What the caller learns about a failure: usage problems are theirs (400), platform problems are
// upstream (502, 504 on our timeout); anything else is ours and says nothing about its internals.
function classify(error: unknown, timedOut: boolean): HttpError {
  if (error instanceof HttpError) return error;
  if (isSourceError(error)) {
    if (error.code === 'E_SOURCE_ABORTED' && timedOut) return new HttpError(504, 'the analysis took longer than the server allows', 'E_TIMEOUT');
    return new HttpError(502, error.message, error.code);
  }
  if (isUsageError(error) || isInputError(error)) return new HttpError(400, error.message, error.code);
  if (isLogsiftError(error)) return new HttpError(500, error.message, error.code);
  return new HttpError(500, 'internal error', 'E_INTERNAL');
}

/**
 * Starts `logsift serve`: an HTTP server for Argo Rollouts' web metric provider. `POST /verify` with a
 * JSON body of {@link VerifyRequest} answers the report JSON (`verdict`, `score`, findings, warnings);
 * `GET /healthz` answers `{"status":"ok"}` for probes and is the only path without a token. Every
 * other request needs `Authorization: Bearer <token>` (compared in constant time); bodies are capped
 * (413), analyses are limited (429 with `Retry-After`, 503 while closing), bad input is a 400 with a
 * one-line JSON `error`, and an error reading the logs is a 502 (never a report). Credentials for the
 * platform come from `env`, never from the request, and are never echoed.
 *
 * @example
 * ```ts
 * import { startVerifyServer } from 'logsift';
 * const server = await startVerifyServer({
 *   token: process.env.LOGSIFT_SERVE_TOKEN!, allowedUrls: ['https://splunk.example.com:8089'], host: '0.0.0.0',
 * });
 * process.once('SIGTERM', () => void server.close());
 * ```
 */
export async function startVerifyServer(options: ServeOptions): Promise<VerifyServer> {
  const o = { ...defaultServeOptions, ...options };
  if (typeof o.token !== 'string' || o.token.length < 16) throw new UsageError('the serve token must be at least 16 characters');
  if (o.token.trim() === '') throw new UsageError('the serve token must not be only whitespace');
  if (o.allowedUrls.length === 0) throw new UsageError('serve needs at least one allowed platform URL (--allow-url)');
  for (const entry of o.allowedUrls) parseAllowedUrl(entry);
  let running = 0;
  let closing = false;
  // While closing, no connection is kept alive: close() resolves once the last answer is out.
  const reply = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void =>
    send(res, status, body, closing ? { ...headers, connection: 'close' } : headers);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      reply(res, 200, closing ? '{"status":"closing"}' : '{"status":"ok"}');
      return 200;
    }
    if (!bearerMatches(req.headers.authorization, o.token)) {
      throw new HttpError(401, 'a valid bearer token is required', 'E_UNAUTHORIZED', { 'www-authenticate': 'Bearer', connection: 'close' });
    }
    if (path !== '/verify') throw new HttpError(404, 'not found; POST /verify or GET /healthz', 'E_NOT_FOUND', { connection: 'close' });
    if (req.method !== 'POST') throw new HttpError(405, 'use POST /verify', 'E_METHOD', { allow: 'POST', connection: 'close' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'the body must be JSON (Content-Type: application/json)', 'E_MEDIA_TYPE', { connection: 'close' });
    }
    if (closing) throw new HttpError(503, 'the server is shutting down', 'E_CLOSING', { 'retry-after': String(o.retryAfterSeconds), connection: 'close' });
    const text = await readBody(req, o.maxBodyBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'the body is not valid JSON', 'E_JSON');
    }
    const request = parseVerifyRequest(body, { allowedUrls: o.allowedUrls, maxEvents: o.maxEvents });
    if (running >= o.maxConcurrent) {
      throw new HttpError(429, `${running} analyses are running, the most this server runs at once; retry later`, 'E_BUSY', { 'retry-after': String(o.retryAfterSeconds) });
    }
    running++;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, o.timeoutMs);
    // A caller that hung up (Argo's own timeout) no longer needs the answer.
    const hangUp = (): void => {
      if (!res.writableFinished) controller.abort();
    };
    res.once('close', hangUp);
    try {
      const report = await verify({
        ...request,
        env: o.env ?? process.env,
        signal: controller.signal,
        ...(o.fetch === undefined ? {} : { fetch: o.fetch }),
      });
      reply(res, 200, renderJson(report, { indent: 0 }));
      return 200;
    } catch (error) {
      throw classify(error, timedOut);
    } finally {
      clearTimeout(timer);
      running--;
    }
  };

  const listener: RequestListener = (req, res) => {
    const started = Date.now();
    handle(req, res)
      .catch((error: unknown) => {
        const http = classify(error, false);
        reply(res, http.status, errorBody(http), http.headers);
        return http.status;
      })
      .then((status) => {
        o.log?.(`${req.method ?? '?'} ${(req.url ?? '/').split('?')[0]!.slice(0, 100)} ${status} ${Date.now() - started}ms`);
      }, () => undefined);
  };
  let server: Server;
  try {
    server = o.tls === undefined ? createServer(listener) : createTlsServer({ cert: o.tls.cert, key: o.tls.key }, listener);
  } catch (error) {
    throw new UsageError('the TLS certificate or key cannot be used (expected PEM that belong together)', 'E_USAGE', { cause: error });
  }
  // Slow or stalled clients cannot hold a connection (and an analysis slot) open.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${o.tls === undefined ? 'http' : 'https'}://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
