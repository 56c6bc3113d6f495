import { describe, expect, it } from 'vitest';
import { UsageError, defaultSeverityTopics, explainSeverity, levelSeverity, maxSeverity, severityOf, severityRank } from '../src/index.js';
import type { SeverityTopic } from '../src/index.js';

describe('severityOf with levels and custom topics', () => {
  it('the level decides when there is one: fatal, error, warn, and the rest are info', () => {
    expect(severityOf('Shutting down', { level: 'fatal' })).toBe('critical');
    expect(severityOf('Order <*> rejected', { level: 'error' })).toBe('error');
    expect(severityOf('Slow query <*> ms', { level: 'warn' })).toBe('warning');
    expect(severityOf('Retry budget spent', { level: 'debug' })).toBe('info');
  });

  it('the level outranks error topics but a critical topic raises it', () => {
    expect(severityOf('Cache miss for <*>, loading failed entries', { level: 'info' })).toBe('info');
    expect(severityOf('Caught java.lang.OutOfMemoryError, dropping cache', { level: 'info' })).toBe('critical');
    expect(explainSeverity('Caught java.lang.OutOfMemoryError', { level: 'warn' }).source).toBe('text');
    expect(explainSeverity('Order <*> rejected', { level: 'error' }).source).toBe('level');
  });

  it('an HTTP status outcome field outranks a lower level: 5xx is an error, 4xx a warning', () => {
    expect(severityOf('request completed http.response.status_code=503', { level: 'info' })).toBe('error');
    expect(severityOf('"POST <*>" status=422', { level: 'info' })).toBe('warning');
    expect(severityOf('"GET <*>" status=200', { level: 'info' })).toBe('info');
    expect(severityOf('"GET <*>" status=404', { level: 'error' })).toBe('error');
    expect(explainSeverity('request completed status=502', { level: 'info' }).source).toBe('text');
  });

  it('a failure word as a result or status, or an error value, makes an INFO outcome a warning', () => {
    expect(severityOf('Payment authorization for order <*>: result=DECLINED provider=<*>', { level: 'info' })).toBe('warning');
    expect(severityOf('upstream call finished code=OK err=connection_refused', { level: 'info' })).toBe('warning');
    expect(severityOf('upstream call finished code=OK err="context deadline exceeded"', { level: 'info' })).toBe('warning');
    expect(severityOf('upstream call finished code=OK err=nil', { level: 'info' })).toBe('info');
    expect(severityOf('Payment authorization for order <*>: result=APPROVED', { level: 'info' })).toBe('info');
    expect(severityOf('Payment authorization for order <*>: result=<*>', { level: 'info' })).toBe('info');
  });

  it('an event logged at WARN whose text says something failed is an error; at INFO a warning', () => {
    expect(severityOf('Could not open <*>: Permission denied', { level: 'warn' })).toBe('error');
    expect(severityOf('Failed to transfer <*> to <*> got java.net.SocketTimeoutException', { level: 'warn' })).toBe('error');
    expect(explainSeverity('Failed to transfer <*>', { level: 'warn' }).source).toBe('text');
    expect(severityOf('Slow query <*> ms, retrying', { level: 'warn' })).toBe('warning');
    expect(severityOf('Could not open <*>: Permission denied', { level: 'info' })).toBe('warning');
    expect(explainSeverity('Health check FAILED latency=<*>ms', { level: 'info' })).toMatchObject({ severity: 'warning', source: 'text' });
    expect(severityOf('Connection to <*> refused by peer', { level: 'info' })).toBe('warning');
    expect(severityOf('Upload failed after <*> attempts', { level: 'info' })).toBe('warning');
  });

  it('at INFO, handled failures, failure as an adjective, and DEBUG keep their level', () => {
    expect(severityOf('Connection to <*> refused, retrying', { level: 'info' })).toBe('info');
    expect(severityOf('Added <*> to list of failed maps', { level: 'info' })).toBe('info');
    expect(severityOf('Cleanup picked up <*> failed uploads', { level: 'info' })).toBe('info');
    expect(severityOf('Registered error handler <*>', { level: 'info' })).toBe('info');
    expect(severityOf('Inventory low for sku <*>, could not reserve', { level: 'info' })).toBe('info');
    expect(severityOf('Failed to open <*>', { level: 'debug' })).toBe('info');
    expect(severityOf('Failed to open <*>', { level: 'trace' })).toBe('info');
  });

  it('a level written into the message acts as the level', () => {
    expect(severityOf('Warning: we failed to resolve data source name <*>')).toBe('warning');
    expect(severityOf('[<*>:WARNING:dns_config.cc(<*>)] Failed to read DnsConfig.')).toBe('warning');
    expect(severityOf('[HID] [Error] start: could not make a string')).toBe('error');
    expect(severityOf('INFO: Task <*> failed over to standby')).toBe('info');
    expect(severityOf("warning: can't get client address: Connection reset by peer")).toBe('warning');
  });

  it('extraTopics extend the defaults and topics replace them', () => {
    const extra: SeverityTopic[] = [{ name: 'circuit open', pattern: '\\bcircuit (?:breaker )?open', severity: 'error' }];
    expect(severityOf('circuit breaker open for <*>')).toBe('info');
    expect(severityOf('circuit breaker open for <*>', { extraTopics: extra })).toBe('error');
    expect(severityOf('Connection refused', { topics: extra })).toBe('info');
    expect(severityOf('Connection refused', { topics: [...defaultSeverityTopics] })).toBe('error');
  });

  it('handled trouble drops one step: a recovered panic is an error, a corrected error a warning', () => {
    expect(severityOf('panic recovered in handler <*>')).toBe('error');
    expect(explainSeverity('panic recovered in handler <*>').matches[0]!.status).toBe('mitigated');
    expect(severityOf('instruction cache parity error corrected')).toBe('warning');
    expect(severityOf('recovery failed for block <*>')).toBe('error');
  });

  it('a topic can opt out of negation handling', () => {
    const topics: SeverityTopic[] = [{ name: 'no quorum', pattern: '\\bquorum\\b', severity: 'critical', negatable: false }];
    expect(severityOf('no quorum', { topics })).toBe('critical');
    expect(severityOf('no quorum', { topics: [{ ...topics[0]!, negatable: true }] })).toBe('info');
  });

  it('case-sensitive topics use their own flags', () => {
    expect(severityOf('SEVERE: pool closed')).toBe('critical');
    expect(severityOf('severe weather warning issued')).toBe('warning');
  });

  it('an invalid topic pattern or a non-string template is a UsageError', () => {
    expect(() => severityOf('x', { topics: [{ name: 'bad', pattern: '(', severity: 'error' }] })).toThrow(UsageError);
    expect(() => severityOf(42 as unknown as string)).toThrow(UsageError);
    expect(() => severityOf('x', { topics: [{ name: 'bad', pattern: 'x', severity: 'high' as 'error' }] })).toThrow(UsageError);
  });

  it('severityRank, maxSeverity and levelSeverity order and map severities', () => {
    expect(['info', 'critical', 'warning', 'error'].sort((a, b) => severityRank(a as 'info') - severityRank(b as 'info'))).toEqual([
      'info',
      'warning',
      'error',
      'critical',
    ]);
    expect(maxSeverity('warning', 'error')).toBe('error');
    expect(maxSeverity('critical', 'info')).toBe('critical');
    expect(levelSeverity('trace')).toBe('info');
    expect(levelSeverity('fatal')).toBe('critical');
  });
});
