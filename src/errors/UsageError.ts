import { LogsiftError, type LogsiftErrorOptions } from './LogsiftError.js';

/**
 * Thrown for invalid options or command-line usage (unknown flag, bad value, missing argument).
 *
 * @example
 * ```ts
 * import { isUsageError } from 'logsift';
 * if (isUsageError(err)) console.error(`usage: ${err.message}`);
 * ```
 */
export class UsageError extends LogsiftError {
  override name = 'UsageError';
  constructor(message: string, code = 'E_USAGE', options: LogsiftErrorOptions = {}) {
    super(message, code, options);
  }
}

/**
 * True when `error` is a {@link UsageError} (checks the name too, for the dual-package hazard).
 *
 * @example
 * ```ts
 * if (isUsageError(err)) process.exit(2);
 * ```
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError || (typeof error === 'object' && error !== null && (error as Error).name === 'UsageError');
}
