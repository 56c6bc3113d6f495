import type { ServerResponse } from 'node:http';
import { sendJson, startServer, type FakeServer, type Recorded } from './server.js';

export interface SumoMessage {
  time: number; // epoch ms
  raw: string;
  host: string;
  level?: string;
}

export interface SumoState {
  accessId: string;
  accessKey: string;
  messages: SumoMessage[];
  /** Polls a job takes before it is done. */
  pollsToDone: number;
  /** End in FORCE PAUSED holding this many messages. */
  forcePauseAt?: number;
  /** Report one pendingErrors entry on the first poll (and never again). */
  pendingError?: string;
  /** Report this pendingWarning on every poll until done (non-cumulative: once per poll). */
  pendingWarning?: string;
  /** End the job CANCELLED instead of done. */
  cancel: boolean;
  /** Real milliseconds without a call after which a job is cancelled (then 404). */
  idleMs: number;
  /** Byte budget of one messages page (Sumo: 100 MB), to force short pages. */
  pageBytes: number;
  /** Enforce 4 requests per rolling second with 429s. */
  rateLimit: boolean;
  /** Answer this many calls with 429 first. */
  throttle: number;
  retryAfter?: string;
  /** Answer everything with a 301 to this origin (a wrong deployment). */
  redirectTo?: string;
  /** Set by the fake: 429s it sent. */
  throttled: number;
  /** How messageCount is sent: a number (default), a string of digits, or left out. */
  countAs?: 'number' | 'string' | 'missing';
}

interface Job {
  cookie: string;
  polls: number;
  lastCall: number;
  from: number;
  to: number;
  state: string;
  errorSent: boolean;
}

/** Starts a fake Sumo Logic Search Job API under /api/v1/search/jobs. */
export async function startFakeSumo(state: SumoState): Promise<FakeServer & { jobs: Map<string, Job>; deleted: string[] }> {
  const jobs = new Map<string, Job>();
  const deleted: string[] = [];
  const recent: number[] = [];
  let next = 0x2b678bb4;
  const server = await startServer((req, res) => {
    const now = Date.now();
    if (state.redirectTo !== undefined) {
      res.writeHead(301, { location: `${state.redirectTo}${req.path}` });
      return void res.end();
    }
    if (req.headers.authorization !== `Basic ${Buffer.from(`${state.accessId}:${state.accessKey}`).toString('base64')}`) {
      // Echo what was sent, decoded, to test scrubbing.
      const got = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      return sendJson(res, 401, { status: 401, id: 'AB12C-DE34F-GH56I', code: 'unauthorized', message: `Credential could not be verified: ${got}` });
    }
    while (recent.length > 0 && (recent[0] <= now - 1000 || !state.rateLimit)) recent.shift();
    if (state.rateLimit) recent.push(now);
    if ((state.rateLimit && recent.length > 4) || state.throttle > 0) {
      if (state.throttle > 0) state.throttle -= 1;
      state.throttled += 1;
      return sendJson(res, 429, { status: 429, id: 'Q3T0A-6ZLXK-8H3NP', code: 'rate.limit.exceeded', message: 'Rate limit exceeded.' }, state.retryAfter === undefined ? {} : { 'retry-after': state.retryAfter });
    }
    if (req.method === 'POST' && req.path === '/api/v1/search/jobs') return create(req, res);
    const match = /^\/api\/v1\/search\/jobs\/([A-Z0-9]+)(\/messages)?$/.exec(req.path);
    const job = match === null ? undefined : jobs.get(match[1]);
    if (match === null || job === undefined || !(req.headers.cookie ?? '').includes(job.cookie) || now - job.lastCall > state.idleMs) {
      if (job !== undefined && match !== null && now - job.lastCall > state.idleMs) jobs.delete(match[1]);
      return sendJson(res, 404, { status: 404, id: 'NF1', code: 'jobid.invalid', message: 'Job ID is invalid.' });
    }
    job.lastCall = now;
    if (req.method === 'DELETE' && match[2] === undefined) {
      jobs.delete(match[1]);
      deleted.push(match[1]);
      return sendJson(res, 200, { id: match[1] });
    }
    if (req.method === 'GET' && match[2] === undefined) return poll(job, res);
    if (req.method === 'GET') return page(job, req, res);
    sendJson(res, 405, { status: 405, id: 'M1', code: 'method.unsupported', message: 'Method not supported.' });
  });

  function create(req: Recorded, res: ServerResponse): void {
    if (req.headers['content-type'] !== 'application/json') return sendJson(res, 415, { status: 415, id: 'C1', code: 'contenttype.invalid', message: 'Content type is invalid.' });
    const body = JSON.parse(req.body) as { query?: string; from?: unknown; to?: unknown; timeZone?: string };
    if (typeof body.from !== 'number') return sendJson(res, 400, { status: 400, id: 'IUUQI-DGH5I-TJ045', code: 'searchjob.invalid.timestamp.from', message: "The 'from' field contains an invalid time." });
    if (typeof body.to !== 'number') return sendJson(res, 400, { status: 400, id: 'IUUQI-DGH5I-TJ046', code: 'searchjob.invalid.timestamp.to', message: "The 'to' field contains an invalid time." });
    const id = (next++).toString(16).toUpperCase().padStart(16, '0');
    const cookie = `AWSALB=${id}x${Math.random().toString(36).slice(2)}`;
    jobs.set(id, { cookie, polls: 0, lastCall: Date.now(), from: body.from, to: body.to, state: 'NOT STARTED', errorSent: false });
    const href = `http://${req.headers.host}/api/v1/search/jobs/${id}`;
    res.setHeader('set-cookie', [`${cookie}; Expires=Tue, 08 Dec 2026 10:00:00 GMT; Path=/`, 'JSESSIONID=node0abc; Path=/api; Secure; HttpOnly']);
    sendJson(res, 202, { id, link: { rel: 'self', href } }, { location: href });
  }

  function matching(job: Job): SumoMessage[] {
    const all = state.messages.filter((m) => m.time >= job.from && m.time < job.to).sort((a, b) => b.time - a.time);
    return state.forcePauseAt === undefined ? all : all.slice(0, state.forcePauseAt);
  }

  function poll(job: Job, res: ServerResponse): void {
    job.polls += 1;
    const done = job.polls > state.pollsToDone;
    job.state = job.polls === 1 ? 'NOT STARTED' : !done ? 'GATHERING RESULTS' : state.cancel ? 'CANCELLED' : state.forcePauseAt !== undefined ? 'FORCE PAUSED' : 'DONE GATHERING RESULTS';
    const pendingErrors = state.pendingError !== undefined && !job.errorSent ? [state.pendingError] : [];
    if (pendingErrors.length > 0) job.errorSent = true;
    // The count grows while the job gathers: half the messages mid-way, all of them once done.
    const count = done ? matching(job).length : job.polls > 1 ? Math.floor(matching(job).length / 2) : 0;
    sendJson(res, 200, {
      state: job.state,
      ...(state.countAs === 'missing' ? {} : { messageCount: state.countAs === 'string' ? String(count) : count }),
      recordCount: 0,
      pendingErrors,
      pendingWarnings: state.pendingWarning !== undefined && !done ? [state.pendingWarning] : [],
      histogramBuckets: [],
    });
  }

  function page(job: Job, req: Recorded, res: ServerResponse): void {
    const offsetText = req.query.get('offset');
    const limitText = req.query.get('limit');
    if (offsetText === null) return sendJson(res, 400, { status: 400, id: 'P1', code: 'searchjob.offset.missing', message: 'Offset is missing.' });
    if (limitText === null) return sendJson(res, 400, { status: 400, id: 'P2', code: 'searchjob.limit.missing', message: 'Limit is missing.' });
    const offset = Number(offsetText);
    const limit = Number(limitText);
    if (offset < 0) return sendJson(res, 400, { status: 400, id: 'P3', code: 'searchjob.offset.negative', message: 'Offset is negative.' });
    if (limit === 0) return sendJson(res, 400, { status: 400, id: 'P4', code: 'searchjob.limit.zero', message: 'Limit is zero.' });
    if (limit > 10_000) return sendJson(res, 400, { status: 400, id: 'P5', code: 'searchjob.generic', message: 'Limit too large.' });
    const out: unknown[] = [];
    let bytes = 0;
    for (const m of matching(job).slice(offset, offset + limit)) {
      bytes += m.raw.length;
      if (out.length > 0 && bytes > state.pageBytes) break;
      const map: Record<string, string> = {
        _messageid: `-92233720368547${String(73763 + out.length)}`, _sourcehost: m.host, _sourcecategory: 'prod/checkout', _sourcename: '/var/log/app/api.log',
        _messagetime: String(m.time), _receipttime: String(m.time + 500), _raw: m.raw, _collector: 'k8s-prod', _source: 'checkout-logs', _size: String(m.raw.length),
      };
      if (m.level !== undefined) map.level = m.level;
      out.push({ map });
    }
    sendJson(res, 200, { fields: [{ name: '_raw', fieldType: 'string', keyField: false }], messages: out });
  }

  return Object.assign(server, { jobs, deleted });
}
