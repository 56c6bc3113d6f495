/**
 * Options accepted by every logsift error.
 *
 * @example
 * ```ts
 * import { InputError } from 'logsift';
 * try { JSON.parse('{'); } catch (cause) {
 *   throw new InputError('profile.json is not JSON', 'E_INPUT', { cause });
 * }
 * ```
 */
export interface LogsiftErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Base class of every error logsift throws on purpose. Messages never contain credentials.
 *
 * @example
 * ```ts
 * import { isLogsiftError } from 'logsift';
 * try { await run(); } catch (error) {
 *   if (isLogsiftError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class LogsiftError extends Error {
  override name: string = 'LogsiftError';
  /** A stable machine-readable code, e.g. `E_INPUT`. */
  readonly code: string;

  constructor(message: string, code = 'E_LOGSIFT', options: LogsiftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }

  /** Brand that survives the ESM/CJS dual-package hazard (checked by the `is*Error` guards). */
  get isLogsiftError(): true {
    return true;
  }
}

/**
 * True when `error` is a {@link LogsiftError} from either the ESM or the CJS build.
 *
 * @example
 * ```ts
 * if (isLogsiftError(err)) process.exitCode = 2;
 * ```
 */
export function isLogsiftError(error: unknown): error is LogsiftError {
  return (
    error instanceof LogsiftError ||
    (typeof error === 'object' && error !== null && (error as { isLogsiftError?: unknown }).isLogsiftError === true)
  );
}
