import { delay, sendJson, startServer, type FakeServer } from './server.js';

export interface LokiEntry {
  ts: bigint; // epoch ns
  line: string;
  stream: Record<string, string>;
}

export interface LokiState {
  entries: LokiEntry[];
  /** Require this bearer token when set. */
  token?: string;
  /** Require this X-Scope-OrgID when set. */
  tenant?: string;
  /** Answer this many queries with 429 first (plain text, like Loki). */
  throttle: number;
  retryAfter?: string;
  body: 'json' | 'malformed' | 'cut' | 'slow' | 'matrix';
  /** The server's max_entries_limit_per_query (Loki's default 5000 when unset). */
  maxEntries?: number;
}

/** Starts a fake Loki: GET /loki/api/v1/query_range with start inclusive, end exclusive, forward or backward. */
export async function startFakeLoki(state: LokiState): Promise<FakeServer> {
  return startServer(async (req, res) => {
    if (state.token !== undefined && req.headers.authorization !== `Bearer ${state.token}`) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      return void res.end(`authentication failed for ${req.headers.authorization ?? 'nothing'}\n`);
    }
    if (state.tenant !== undefined && req.headers['x-scope-orgid'] !== state.tenant) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      return void res.end('no org id\n');
    }
    if (req.method !== 'GET' || req.path !== '/loki/api/v1/query_range') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('404 page not found\n');
    }
    if (state.throttle > 0) {
      state.throttle -= 1;
      res.writeHead(429, { 'content-type': 'text/plain', ...(state.retryAfter === undefined ? {} : { 'retry-after': state.retryAfter }) });
      return void res.end('too many outstanding requests\n');
    }
    const q = req.query;
    const limit = Number(q.get('limit') ?? '100');
    const maxEntries = state.maxEntries ?? 5000;
    if (limit > maxEntries) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return void res.end(`max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${maxEntries})\n`);
    }
    const start = BigInt(q.get('start') ?? '0');
    const end = BigInt(q.get('end') ?? '0');
    const forward = q.get('direction') === 'forward';
    const picked = state.entries
      .filter((e) => e.ts >= start && e.ts < end)
      .sort((a, b) => (a.ts === b.ts ? 0 : (a.ts < b.ts) === forward ? -1 : 1))
      .slice(0, limit);
    const streams = new Map<string, { stream: Record<string, string>; values: string[][] }>();
    for (const e of picked) {
      const key = JSON.stringify(e.stream);
      if (!streams.has(key)) streams.set(key, { stream: e.stream, values: [] });
      streams.get(key)!.values.push([e.ts.toString(), e.line]);
    }
    const body = {
      status: 'success',
      data: {
        resultType: state.body === 'matrix' ? 'matrix' : 'streams',
        result: [...streams.values()],
        stats: { summary: { bytesProcessedPerSecond: 0, execTime: 0.01, linesProcessedPerSecond: 0, queueTime: 0, totalBytesProcessed: 0, totalLinesProcessed: 0 } },
      },
    };
    if (state.body === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(body).slice(0, 30));
    }
    if (state.body === 'cut') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '99999' });
      res.write(JSON.stringify(body).slice(0, 50));
      await delay(20);
      return void res.socket?.destroy();
    }
    if (state.body === 'slow') await delay(150);
    sendJson(res, 200, body);
  });
}
