import { describe, expect, it } from 'vitest';
import { explainSeverity, severityOf } from '../src/index.js';

describe('severityOf is negation-aware', () => {
  it.each([
    ['Validation done: 0 errors'],
    ['no errors found'],
    ['Scan complete, no errors found in <*> files'],
    ['error count: 0'],
    ['errors: 0'],
    ['Batch <*> committed without error'],
    ['Batch <*> committed without any errors'],
    ['jobs: passed=<*> failed=0'],
    ['errors=0 warnings=0'],
    ['zero failures in the last <*> runs'],
    ['The migration did not fail'],
    ['This is not an error, the cache was cold'],
    ['The lease never timed out'],
    ['Nothing failed during shutdown'],
    ['call returned err=<nil>'],
    ['last exception=null'],
    ['Run finished: Failures: 0, Errors: 0, Skipped: <*>'],
    ['No temperature error. Fan speed normal'],
  ])('%s is info', (line) => {
    expect(severityOf(line)).toBe('info');
  });

  it('a non-fatal error is an error, not critical', () => {
    expect(severityOf('non-fatal error in <*>, continuing')).toBe('error');
  });

  it('zero errors beside real warnings leaves the warnings', () => {
    expect(severityOf('Build finished: 0 errors, 2 warnings')).toBe('warning');
  });

  it.each([
    // the negation belongs to another clause or another word
    ['could not connect to server: Connection refused'],
    ['No response received within timeout'],
    ['cannot recover from error'],
    ['Error: null value in column <*> violates not-null constraint'],
    ['error 0x80004005 while opening <*>'],
    ['Failed to start service: not found'],
    ['Task <*> failed, no retries left'],
    ['Compilation finished with 10 errors'],
    ['Lustre mount FAILED : <*> : point <*>'],
  ])('%s is still an error', (line) => {
    expect(severityOf(line)).toBe('error');
  });

  it('negation is read near the match even in a very long template', () => {
    const filler = 'lorem ipsum '.repeat(6000);
    expect(severityOf(`${filler} the job did not fail ${filler}`)).toBe('info');
    expect(severityOf(`${filler} could not connect: connection refused ${filler}`)).toBe('error');
  });

  it('explainSeverity results are frozen, so a cached answer cannot be changed by a caller', () => {
    const e = explainSeverity('disk almost full, no errors yet');
    expect(Object.isFrozen(e)).toBe(true);
    expect(Object.isFrozen(e.matches)).toBe(true);
  });

  it('explainSeverity says which matches were discounted and why', () => {
    const e = explainSeverity('Sync done: 0 errors; see /var/log/sync/errors.log');
    expect(e.severity).toBe('info');
    expect(e.source).toBe('default');
    expect(e.matches.map((m) => m.status)).toEqual(['negated', 'reference']);
    expect(e.matches[0]).toMatchObject({ topic: 'ERROR', severity: 'error', text: 'errors' });
  });
});
