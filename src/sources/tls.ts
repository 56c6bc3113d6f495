import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A minimal `fetch` over `node:https` that trusts the given CA certificate(s) for this source only,
 * without turning verification off and without depending on undici. It never follows redirects.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const fetch = fetchWithCa(readFileSync('/etc/ssl/splunk-ca.pem'));
 * querySplunk({ url: 'https://splunk.internal:8089', query, from, to, fetch });
 * ```
 */
export function fetchWithCa(ca: string | Buffer | Array<string | Buffer>): typeof globalThis.fetch {
  return ((input: string | URL | Request, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => {
        headers[key] = value;
      });
      const body = typeof init.body === 'string' ? init.body : undefined;
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method: init.method ?? 'GET', headers, ca, ...(init.signal ? { signal: init.signal } : {}) }, (res) => {
        const responseHeaders = new Headers();
        for (const [key, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) responseHeaders.append(key, v);
          else if (value !== undefined) responseHeaders.set(key, value);
        }
        const status = res.statusCode ?? 500;
        const stream = NULL_BODY_STATUSES.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        if (stream === null) res.resume();
        resolve(new Response(stream, { status, headers: responseHeaders }));
      });
      // Keep the shape of native fetch errors: a TypeError whose cause carries the system code.
      req.on('error', (cause) => reject(init.signal?.aborted === true ? init.signal.reason : Object.assign(new TypeError('fetch failed'), { cause })));
      req.end(body);
    })) as typeof globalThis.fetch;
}
