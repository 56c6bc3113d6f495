import { LogsiftError } from '../errors/LogsiftError.js';
import type { SourcePlatform } from './types.js';

/**
 * Stable codes of {@link SourceError}:
 * - `E_SOURCE_HTTP`: the platform answered with an error status;
 * - `E_SOURCE_AUTH`: 401 or 403, the credentials or their permissions are wrong;
 * - `E_SOURCE_RATE_LIMIT`: 429 or 503-busy, still refused after the retries;
 * - `E_SOURCE_NETWORK`: the connection failed or was cut;
 * - `E_SOURCE_PROTOCOL`: the platform answered something that is not its documented format;
 * - `E_SOURCE_QUERY`: the platform reported the query as failed;
 * - `E_SOURCE_EXPIRED`: the server-side job or point in time was gone or cancelled;
 * - `E_SOURCE_REDIRECT`: the platform redirected (wrong deployment or URL); not followed with credentials;
 * - `E_SOURCE_EMPTY`: the platform answered with nothing where a result was required;
 * - `E_SOURCE_ABORTED`: the caller's signal aborted the read;
 * - `E_SOURCE_CREDENTIALS`: no credentials were given or found in the environment.
 *
 * @example
 * ```ts
 * if (isSourceError(err) && err.code === 'E_SOURCE_EXPIRED') console.error('narrow the window or read faster');
 * ```
 */
export type SourceErrorCode =
  | 'E_SOURCE_HTTP'
  | 'E_SOURCE_AUTH'
  | 'E_SOURCE_RATE_LIMIT'
  | 'E_SOURCE_NETWORK'
  | 'E_SOURCE_PROTOCOL'
  | 'E_SOURCE_QUERY'
  | 'E_SOURCE_EXPIRED'
  | 'E_SOURCE_REDIRECT'
  | 'E_SOURCE_EMPTY'
  | 'E_SOURCE_ABORTED'
  | 'E_SOURCE_CREDENTIALS';

/**
 * Details attached to a {@link SourceError}.
 *
 * @example
 * ```ts
 * new SourceError('Splunk: POST /services/search/v2/jobs/export answered 401', 'E_SOURCE_AUTH', { platform: 'splunk', status: 401 });
 * ```
 */
export interface SourceErrorDetails {
  /** The platform that failed. */
  platform: SourcePlatform;
  /** HTTP status, when there was a response. */
  status?: number;
  /** The platform's own error code or type (e.g. `rate.limit.exceeded`, `ECONNREFUSED`). */
  platformCode?: string;
  /** True when the same call may succeed if repeated later. */
  retryable?: boolean;
  /** HTTP method of the failed call. */
  method?: string;
  /** Path of the failed call, without query string. */
  path?: string;
}

/**
 * Thrown by the log-source adapters. It carries the platform, the HTTP status, a stable `code`, the
 * platform's own code and whether a retry may help, and never a credential, header, cookie or response
 * body beyond the first server message (truncated, with known credential values replaced).
 *
 * @example
 * ```ts
 * import { isSourceError } from 'logsift/splunk';
 * try { for await (const e of querySplunk(opts)) use(e); } catch (error) {
 *   if (isSourceError(error)) console.error(error.platform, error.status, error.code, error.message);
 * }
 * ```
 */
export class SourceError extends LogsiftError {
  override name = 'SourceError';
  declare readonly code: SourceErrorCode;
  /** The platform that failed. */
  readonly platform: SourcePlatform;
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The platform's own error code or type. */
  readonly platformCode: string | undefined;
  /** True when the same call may succeed if repeated later. */
  readonly retryable: boolean;
  /** HTTP method of the failed call. */
  readonly method: string | undefined;
  /** Path of the failed call, without query string. */
  readonly path: string | undefined;

  constructor(message: string, code: SourceErrorCode, details: SourceErrorDetails) {
    // No `cause`: underlying errors can carry request objects with headers.
    super(message, code);
    this.platform = details.platform;
    this.status = details.status;
    this.platformCode = details.platformCode;
    this.retryable = details.retryable ?? false;
    this.method = details.method;
    this.path = details.path;
  }

  /** A plain object for logs and JSON reports. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      platform: this.platform,
      status: this.status,
      platformCode: this.platformCode,
      retryable: this.retryable,
      method: this.method,
      path: this.path,
    };
  }
}

/**
 * True when `error` is a {@link SourceError} (checks the name too, for the dual-package hazard).
 *
 * @example
 * ```ts
 * if (isSourceError(err) && err.retryable) scheduleRetry();
 * ```
 */
export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError || (typeof error === 'object' && error !== null && (error as Error).name === 'SourceError');
}
