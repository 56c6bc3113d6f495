import { describe, expect, it } from 'vitest';
import { explainSeverity, severityOf } from '../src/index.js';

describe('severityOf on templates with <*> placeholders', () => {
  it('a placeholder count of errors is a counter, not an error', () => {
    expect(severityOf('Processed <*> records with <*> errors')).toBe('info');
    expect(severityOf('<*> ddr error(s) detected and corrected on rank <*>')).toBe('info');
    expect(severityOf('<*> floating point alignment exceptions')).toBe('info');
    expect(severityOf('summary: errors=<*> warnings=<*>')).toBe('info');
    expect(severityOf('jobs: passed=<*> failed=<*>')).toBe('info');
    expect(explainSeverity('Processed <*> records with <*> errors').matches[0]!.status).toBe('placeholder');
  });

  it('a placeholder subject or object does not hide the trouble', () => {
    expect(severityOf('Task <*> failed')).toBe('error');
    expect(severityOf('Connection to <*> refused')).toBe('error');
    expect(severityOf('Error: <*>')).toBe('error');
    expect(severityOf('<*>:Got exception while serving <*> to <*>:')).toBe('error');
    expect(severityOf('Exception in thread <*> java.lang.OutOfMemoryError: <*>')).toBe('critical');
  });

  it('a placeholder status or timeout value is unknown, so it is not an error', () => {
    expect(severityOf('request <*> finished with status=<*>')).toBe('info');
    expect(severityOf('socket timeout <*> ms configured')).toBe('info');
  });

  it('the same template is answered from the cache with the same result', () => {
    const first = explainSeverity('Failed to renew lease for <*>. Will retry shortly');
    expect(first.severity).toBe('warning');
    expect(explainSeverity('Failed to renew lease for <*>. Will retry shortly')).toBe(first);
  });
});
