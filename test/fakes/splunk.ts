import type { ServerResponse } from 'node:http';
import { delay, sendJson, startServer, type FakeServer, type Recorded } from './server.js';

/** One stored event of the fake Splunk. */
export interface SplunkFixtureEvent {
  time: number; // epoch ms
  raw: string;
  host: string;
  level: string;
  version?: string;
  tags?: string[]; // a multivalue field
}

export type SplunkMode = 'normal' | 'empty200' | 'cut' | 'malformed' | 'fatal' | 'slow' | 'slow-start' | 'no-lastrow' | 'cet' | 'table';

/** Behaviour switches a test can flip. */
export interface SplunkState {
  mode: SplunkMode;
  /** Answer this many export calls with a 503 concurrency refusal first. */
  busy: number;
  /** Retry-After to send with the 503s (none when undefined). */
  retryAfter?: string;
  /** Valid credentials. */
  token: string;
  username: string;
  password: string;
  sessionKey: string;
  events: SplunkFixtureEvent[];
  /** Behave like a server older than 9.0.2: no v2 search endpoints. */
  v1Only?: boolean;
}

const CONCURRENCY =
  'Search not executed: The maximum number of concurrent historical searches on this instance has been reached., concurrency_category="historical", concurrency_context="instance-wide", current_concurrency=10, concurrency_limit=10';

export async function startFakeSplunk(state: SplunkState): Promise<FakeServer> {
  return startServer(async (req, res) => {
    if (req.method === 'POST' && req.path === '/services/auth/login') return login(state, req, res);
    if (!authorized(state, req, res)) return;
    if (state.v1Only === true && req.path.includes('/v2/')) return sendJson(res, 404, { messages: [{ type: 'ERROR', text: 'Not Found' }] });
    if (req.path === '/services/search/v2/jobs/export' || req.path === '/services/search/jobs/export') {
      if (req.method !== 'POST' && !(req.method === 'GET' && !req.path.includes('/v2/'))) return sendJson(res, 405, { messages: [{ type: 'ERROR', text: 'Method not allowed' }] });
      return exportSearch(state, req, res);
    }
    sendJson(res, 404, { messages: [{ type: 'ERROR', text: `Not Found: ${req.path}` }] });
  });
}

function login(state: SplunkState, req: Recorded, res: ServerResponse): void {
  const form = new URLSearchParams(req.body);
  if (form.get('username') !== state.username || form.get('password') !== state.password) {
    // A careless server that echoes the submitted password: the adapter must scrub it.
    return sendJson(res, 401, { messages: [{ type: 'WARN', text: `Login failed for ${form.get('username')} with password ${form.get('password')}` }] });
  }
  sendJson(res, 200, { sessionKey: state.sessionKey });
}

function authorized(state: SplunkState, req: Recorded, res: ServerResponse): boolean {
  const auth = req.headers.authorization ?? '';
  const basic = `Basic ${Buffer.from(`${state.username}:${state.password}`).toString('base64')}`;
  if (auth === `Bearer ${state.token}` || auth === `Splunk ${state.sessionKey}` || auth === basic) return true;
  if (auth.startsWith('Basic ')) {
    sendJson(res, 401, { messages: [{ type: 'ERROR', text: 'Unauthorized' }] }, { 'www-authenticate': 'Basic realm="/splunk"' });
  } else {
    // Echoes the credential it got, so the test can check the adapter scrubs it.
    sendJson(res, 401, { messages: [{ type: 'WARN', text: `call not properly authenticated (${auth})` }] });
  }
  return false;
}

function exportTime(ms: number, zone: 'UTC' | 'CET'): string {
  const d = new Date(zone === 'UTC' ? ms : ms + 3_600_000);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 23)} ${zone}`;
}

async function exportSearch(state: SplunkState, req: Recorded, res: ServerResponse): Promise<void> {
  if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return sendJson(res, 400, { messages: [{ type: 'FATAL', text: 'expected a form body' }] });
  const form = new URLSearchParams(req.body);
  if (form.get('output_mode') !== 'json') return sendJson(res, 400, { messages: [{ type: 'FATAL', text: 'output_mode must be json in this fake' }] });
  const search = form.get('search') ?? '';
  if (!/^(search\s|\|)/.test(search)) {
    const first = search.split(/[\s=]/)[0];
    return sendJson(res, 400, { messages: [{ type: 'FATAL', text: `Unknown search command '${first}'.` }] });
  }
  if (state.busy > 0) {
    state.busy -= 1;
    return sendJson(res, 503, { messages: [{ type: 'WARN', text: CONCURRENCY, help: '' }] }, state.retryAfter === undefined ? {} : { 'retry-after': state.retryAfter });
  }
  // Splunk silently ignores garbage times; the fake does too, so the test must check what was sent.
  const earliest = Number(form.get('earliest_time')) * 1000;
  const latest = Number(form.get('latest_time')) * 1000;
  const matching = state.events.filter((e) => (Number.isNaN(earliest) || e.time >= earliest) && (Number.isNaN(latest) || e.time < latest));
  if (state.mode === 'slow-start') await delay(300);
  if (res.destroyed) return;
  if (state.mode === 'empty200') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end('\n');
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  // Newest first, like Splunk; a preview block first, then the final set.
  const sorted = [...matching].sort((a, b) => b.time - a.time);
  const lines: string[] = [];
  if (sorted.length > 0) lines.push(JSON.stringify({ preview: true, offset: 0, result: { count: String(sorted.length) } }), '');
  lines.push(JSON.stringify({ messages: [{ type: 'WARN', text: 'Search results might be incomplete: an indexer was slow' }] }));
  sorted.forEach((e, i) => {
    if (state.mode === 'table') {
      // `| table host level`: rows of the named fields, no _raw or _time
      lines.push(JSON.stringify({ preview: false, offset: i, result: { host: e.host, level: e.level } }));
      return;
    }
    const result: Record<string, unknown> = {
      _bkt: 'app~12~7C3F', _cd: `12:${i}`, _indextime: String(Math.floor(e.time / 1000) + 2), _raw: e.raw, _serial: String(i), _si: ['idx-1', 'app'],
      _time: state.mode === 'cet' ? exportTime(e.time, 'CET') : i % 2 === 0 ? exportTime(e.time, 'UTC') : new Date(e.time).toISOString().replace('Z', '+00:00'),
      host: e.host, level: e.level, index: 'app', sourcetype: 'api_logs', linecount: '1',
    };
    if (e.version !== undefined) result.version = e.version;
    if (e.tags !== undefined) result.tags = e.tags;
    lines.push(JSON.stringify({ preview: false, offset: i, result }));
  });
  if (state.mode === 'fatal') lines.push(JSON.stringify({ messages: [{ type: 'FATAL', text: "Error in 'EvalCommand': The 'nosuchfunc' function is unsupported or undefined." }] }));
  if (state.mode !== 'no-lastrow') lines.push(JSON.stringify({ preview: false, lastrow: true }));
  const text = `${lines.join('\n')}\n`;
  if (state.mode === 'cut') {
    res.write(text.slice(0, Math.floor(text.length * 0.6)));
    await delay(20);
    return void res.socket?.destroy();
  }
  if (state.mode === 'malformed') {
    res.write(`${lines.slice(0, 3).join('\n')}\n{"preview":false,"result":{"_raw":"half\n`);
    return void res.end();
  }
  // Chunk boundaries that split lines in the middle.
  for (let i = 0; i < text.length; i += 37) {
    res.write(text.slice(i, i + 37));
    if (state.mode === 'slow') await delay(15);
    if (res.destroyed) return;
  }
  res.end();
}
