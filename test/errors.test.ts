import { describe, expect, it } from 'vitest';
import { InputError, LogsiftError, UsageError, isInputError, isLogsiftError, isUsageError } from '../src/index.js';

describe('errors', () => {
  it('isLogsiftError recognizes subclasses and objects carrying the brand', () => {
    expect(isLogsiftError(new InputError('x'))).toBe(true);
    expect(isLogsiftError(new UsageError('x'))).toBe(true);
    expect(isLogsiftError({ isLogsiftError: true })).toBe(true);
    expect(isLogsiftError(new Error('x'))).toBe(false);
  });
  it('typed guards also accept an error from the other module format by name', () => {
    const foreign = Object.assign(new Error('m'), { name: 'InputError' });
    expect(isInputError(foreign)).toBe(true);
    expect(isUsageError(foreign)).toBe(false);
  });
  it('keeps code and cause', () => {
    const cause = new Error('root');
    const e = new LogsiftError('wrapped', 'E_X', { cause });
    expect(e.code).toBe('E_X');
    expect(e.cause).toBe(cause);
  });
});
