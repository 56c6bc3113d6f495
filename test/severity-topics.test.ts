import { describe, expect, it } from 'vitest';
import { severityOf } from '../src/index.js';

describe('severityOf reads topics from the text', () => {
  it.each([
    ['java.lang.OutOfMemoryError: Java heap space'],
    ['Exception in thread "main" java.lang.StackOverflowError'],
    ['Caused by: java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null'],
    ['panic: runtime error: invalid memory address or nil pointer dereference'],
    ['[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]'],
    ['Segmentation fault (core dumped)'],
    ['worker[1234]: segfault at 0 ip 00007f sp 00007ffd error 4 in libc.so.6'],
    ['FATAL: password authentication failed for user "app"'],
    ['SEVERE: Servlet.service() for servlet [dispatcher] threw exception'],
    ['Kernel panic - not syncing: Attempted to kill init!'],
    ['Out of memory: Killed process 4242 (java) total-vm:8GB'],
    ["terminate called after throwing an instance of 'std::bad_alloc'"],
    ['  what():  std::bad_alloc'],
    ['MemoryError: Unable to allocate 3.2 GiB for an array'],
    ["AttributeError: 'NoneType' object has no attribute 'price'"],
    ["TypeError: 'NoneType' object is not subscriptable"],
    ["TypeError: Cannot read properties of undefined (reading 'id')"],
  ])('%s is critical', (line) => {
    expect(severityOf(line)).toBe('critical');
  });

  it.each([
    ['ERROR c.e.OrderService - could not place order <*>'],
    ['Unhandled exception while processing request <*>'],
    ['com.example.PaymentException: card declined for order <*>'],
    ['Traceback (most recent call last):'],
    ['ValueError: invalid literal for int() with base 10'],
    ['Failed to connect to database at <*>'],
    ['fork: Cannot allocate memory'],
    ['Unable to allocate <*> bytes for buffer pool'],
    ['Health check failure on <*>'],
    ['connect to <*> port <*>: Connection refused'],
    ['Request to <*> timed out after <*> ms'],
    ['Permission denied (publickey)'],
    ['[client <*>] Directory index forbidden by rule: <*>'],
    ['idoproxydb hit ASSERT condition: ASSERT expression=<*>'],
    ['upstream responded with status=503 for <*>'],
    ['HTTP 500 on POST /api/orders'],
    ['<*> - - [<*>] "GET /api/orders HTTP/1.1" 502 <*>'],
    ['Compilation finished with 3 errors'],
    ['tests passed=10 failed=3'],
    ['GET /api/v1/search?q=<*>&page=<*> 503'],
    ['Redis connection lost, reconnecting in <*>ms'],
    ['read: Connection reset by peer'],
    ['Lost connection to coordinator node-<*> after <*> ms'],
    ['Retries exhausted for <*>, giving up'],
    ['Checksum mismatch for chunk <*> at offset <*>'],
    ['Index file <*> is corrupted, rebuilding'],
    ['msg="panic recovered" path=/v1/stock/batch err="runtime error: index out of range"'],
  ])('%s is error', (line) => {
    expect(severityOf(line)).toBe('error');
  });

  it.each([
    ['WARN pool exhausted, waiting for a connection'],
    ['Warning: disk usage at <*>%'],
    ['Retrying request to <*> (attempt <*> of <*>)'],
    ['Method getFoo() is deprecated and will be removed'],
    ['POST /api/v1/cart/items 422'],
    ['<*> - - [<*>] "GET /missing HTTP/1.1" 404 <*>'],
    ['Connection to <*> refused, retrying in <*> s'],
    ['instruction cache parity error corrected'],
    ['Error Recovery for block <*> in pipeline <*>: bad datanode <*>'],
    ['Rate limit exceeded for client <*>'],
    ['Tenant <*> exceeded its quota of <*> requests'],
    ['input_userauth_request: invalid user <*> [preauth]'],
    ['Invalid token for session <*>'],
  ])('%s is warning', (line) => {
    expect(severityOf(line)).toBe('warning');
  });

  it.each([
    ['Started OrderService in <*> seconds'],
    ['Token <*> is valid until <*>'],
    ['Cache invalidation of <*> entries done'],
    ['GET /api/orders 200 <*> ms'],
    ['Writing access log to /var/log/app/error.log'],
    ['Registered error handler <*>'],
    ['Enabling unmasked SIMD FPU exception support... done.'],
    ['Using read timeout=30s and connect timeout=<*>'],
    ['Expiring session <*>, timeout of <*> exceeded'],
    ['Scrub finished, no corruption found'],
    ['response status=<*> for <*>'],
    ['-[KSFetcher launchHelper:error:] launched <*>'],
    ['msg="upstream call finished" code=OK duration=<*> err=<*>'],
  ])('%s is info', (line) => {
    expect(severityOf(line)).toBe('info');
  });
});
