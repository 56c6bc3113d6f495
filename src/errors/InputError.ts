import { LogsiftError, type LogsiftErrorOptions } from './LogsiftError.js';

/**
 * Thrown when an input cannot be read or has an invalid shape (a missing file, a directory,
 * a malformed snapshot or profile, an invalid log format string).
 *
 * @example
 * ```ts
 * import { isInputError } from 'logsift';
 * try { await mineFile('missing.log'); } catch (e) { if (isInputError(e)) console.error(e.message); }
 * ```
 */
export class InputError extends LogsiftError {
  override name = 'InputError';
  constructor(message: string, code = 'E_INPUT', options: LogsiftErrorOptions = {}) {
    super(message, code, options);
  }
}

/**
 * True when `error` is an {@link InputError} (checks the name too, for the dual-package hazard).
 *
 * @example
 * ```ts
 * if (isInputError(err)) process.exit(2);
 * ```
 */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError || (typeof error === 'object' && error !== null && (error as Error).name === 'InputError');
}
