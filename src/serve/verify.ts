import { compare, type CompareRunOptions } from '../compare/compare.js';
import type { Report } from '../compare/types.js';
import { isLogsiftError } from '../errors/LogsiftError.js';
import { UsageError } from '../errors/UsageError.js';
import { isProfileLike } from '../profile/build.js';
import type { Profile, ProfileJson } from '../profile/profile.js';
import { SourceError, isSourceError } from '../sources/SourceError.js';
import { collectEvents, querySource, sourceSpec, type SourceSpec } from '../sources/query.js';
import type { SourceEvent, SourcePlatform } from '../sources/types.js';
import { parseTime } from './time.js';

/**
 * One side of a release check: the platform query and its time window `[from, to)`.
 *
 * @example
 * ```ts
 * const canary: VerifySide = { query: 'index=app version=1.4.3', from: '2024-05-01T10:00:00Z', to: '2024-05-01T11:00:00Z' };
 * ```
 */
export interface VerifySide {
  /** The platform's query for this side. */
  query: string;
  /** Window start, inclusive: ISO 8601 with a zone, epoch milliseconds, or a Date. */
  from: string | number | Date;
  /** Window end, exclusive. */
  to: string | number | Date;
}

/**
 * Options of {@link verify}: where the logs are, which two sides to read, and how to compare them
 * (every option of `compare` applies). Credentials are read from `env` only.
 *
 * @example
 * ```ts
 * const options: VerifyOptions = {
 *   source: 'elastic', url: 'https://es.example.com:9200', index: 'logs-checkout-*',
 *   baseline: { query: 'service.version:"1.4.2"', from, to },
 *   canary: { query: 'service.version:"1.4.3"', from, to },
 *   maxEvents: 200_000, sensitivity: 'high',
 * };
 * ```
 */
export interface VerifyOptions extends CompareRunOptions {
  /** `splunk`, `elastic`, `sumo` or `loki`. */
  source: string;
  /** Base URL of the platform. */
  url: string;
  /** The baseline's query and window, or a saved baseline profile. */
  baseline: VerifySide | Profile | ProfileJson;
  /** The canary's query and window. */
  canary: VerifySide;
  /** Elasticsearch/OpenSearch: index, alias, data stream or pattern. */
  index?: string;
  /** Elasticsearch/OpenSearch: the field holding the log line. */
  messageField?: string;
  /** Events read per side at most; reaching it is reported in `report.warnings`. Default 1 000 000. */
  maxEvents?: number;
  /** Where credentials are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** An injected fetch (TLS, proxies, tests). */
  fetch?: typeof globalThis.fetch;
  /** Cancels both reads. */
  signal?: AbortSignal;
  /** Called once per warning as soon as it is known (the same lines end up in `report.warnings`). */
  onWarning?: (message: string) => void;
}

type Side = 'baseline' | 'canary';

// Warnings come from the platform; one line each, printable, bounded.
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim().slice(0, 600);
}

function sideSpec(options: VerifyOptions, side: Side, value: VerifySide, signal: AbortSignal): SourceSpec {
  if (value === null || typeof value !== 'object') throw new UsageError(`${side}: expected a query and a window`);
  if (typeof value.query !== 'string' || value.query.trim() === '') throw new UsageError(`${side}: the query is empty`);
  const from = parseTime(value.from, `${side} from`);
  const to = parseTime(value.to, `${side} to`);
  if (from >= to) throw new UsageError(`${side}: the window is empty (from ${new Date(from).toISOString()} is not before to ${new Date(to).toISOString()})`);
  // A window that has not closed yet reads as a complete but short one: refused, not guessed.
  if (to > Date.now()) throw new UsageError(`${side}: the window ends in the future (${new Date(to).toISOString()}); check once it has closed (logsift verify --wait)`);
  return sourceSpec({
    source: options.source,
    url: options.url,
    query: value.query,
    from,
    to,
    signal,
    ...(options.index === undefined ? {} : { index: options.index }),
    ...(options.messageField === undefined ? {} : { messageField: options.messageField }),
    ...(options.maxEvents === undefined ? {} : { maxEvents: options.maxEvents }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}

// The side's name goes in front of the message, so "401" says whether the baseline or the canary query failed.
function labelled(error: unknown, side: Side): unknown {
  if (error instanceof Error && error.message.startsWith(`${side}: `)) return error;
  if (isSourceError(error)) {
    return new SourceError(`${side}: ${error.message}`, error.code, {
      platform: error.platform,
      retryable: error.retryable,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
      ...(error.method === undefined ? {} : { method: error.method }),
      ...(error.path === undefined ? {} : { path: error.path }),
    });
  }
  if (isLogsiftError(error)) {
    error.message = `${side}: ${error.message}`;
  }
  return error;
}

async function read(spec: SourceSpec, side: Side, warn: (line: string) => void): Promise<SourceEvent[]> {
  const { events, summary } = await collectEvents(querySource(spec));
  // The source says which end of the window a cut read kept; that goes into the one cap warning of the side
  // rather than a second line about the same cap.
  const capped = summary.truncated ? summary.warnings.find((w) => w.startsWith('stopped at maxEvents')) : undefined;
  for (const w of summary.warnings) if (w !== capped) warn(`${side}: ${oneLine(w)}`);
  if (summary.truncated) {
    const kept = capped?.split('; the window holds more events: ')[1];
    warn(`${side}: stopped at ${summary.events} events (the event cap)${kept === undefined ? '' : `: ${oneLine(kept)}`}; the comparison covers only part of the window, raise --max-events or narrow the window`);
  }
  if (summary.partial) warn(`${side}: the log platform returned a partial result; the comparison may miss events`);
  if (events.length === 0) {
    throw new SourceError(
      `${side}: the query returned no events in the window; nothing to compare (check the query, the index and the window)`,
      'E_SOURCE_EMPTY',
      { platform: summary.platform as SourcePlatform },
    );
  }
  return events;
}

// The raw text of each event as lines of a log file: compare reads it exactly as `logsift compare`
// reads a file holding the same lines.
async function* asLogText(events: SourceEvent[]): AsyncGenerator<string> {
  for (let i = 0; i < events.length; i += 2048) {
    let chunk = '';
    for (const event of events.slice(i, i + 2048)) chunk += `${event.raw}\n`;
    yield chunk;
  }
}

/**
 * Reads the baseline's and the canary's logs from a log platform (Splunk, Elasticsearch/OpenSearch,
 * Sumo Logic, Loki) and compares them: the release check `logsift verify` and `logsift serve` run.
 * Both sides are read at once; if one read fails the other is cancelled, and the error (a
 * `SourceError` naming the side) is thrown, never a passing report. A side that returns no events is an
 * `E_SOURCE_EMPTY` error, because "no logs" is not "no errors"; a window that ends in the future is a
 * `UsageError` (it would read as complete). The lines are compared exactly as
 * `compare` compares files with the same lines; a truncated or partial read adds a line to
 * `report.warnings`.
 *
 * @example
 * ```ts
 * import { verify } from 'logsift';
 * const report = await verify({
 *   source: 'splunk', url: 'https://splunk.example.com:8089',
 *   baseline: { query: 'index=app version=1.4.2', from: '2024-05-01T10:00:00Z', to: '2024-05-01T11:00:00Z' },
 *   canary: { query: 'index=app version=1.4.3', from: '2024-05-01T10:00:00Z', to: '2024-05-01T11:00:00Z' },
 * }); // SPLUNK_TOKEN from the environment
 * if (report.verdict !== 'pass') process.exitCode = 1;
 * ```
 */
export async function verify(options: VerifyOptions): Promise<Report> {
  const { source, url, baseline, canary, index, messageField, maxEvents, env, fetch, signal, onWarning, ...compareOptions } = options;
  const controller = new AbortController();
  const stop = (): void => controller.abort(signal?.reason);
  if (signal?.aborted === true) stop();
  signal?.addEventListener('abort', stop, { once: true });
  const warnings: string[] = [];
  const warn = (line: string): void => {
    warnings.push(line);
    onWarning?.(line);
  };
  try {
    // Every option is checked before the first request is made.
    const savedBaseline = isProfileLike(baseline) ? baseline : undefined;
    const baseSpec = savedBaseline === undefined ? sideSpec(options, 'baseline', baseline as VerifySide, controller.signal) : undefined;
    const canarySpec = sideSpec(options, 'canary', canary, controller.signal);
    const reads = [canarySpec, baseSpec].map(async (spec, i) => {
      if (spec === undefined) return undefined;
      const side: Side = i === 0 ? 'canary' : 'baseline';
      try {
        return await read(spec, side, warn);
      } catch (error) {
        controller.abort(); // the other side's read is pointless now
        throw labelled(error, side);
      }
    });
    const settled = await Promise.allSettled(reads);
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    // The first failure is the cause; an abort of the other side is only its consequence.
    const cause = failures.find((e) => !(isSourceError(e) && e.code === 'E_SOURCE_ABORTED')) ?? failures[0];
    if (failures.length > 0) throw cause;
    const [canaryEvents, baseEvents] = settled.map((s) => (s as PromiseFulfilledResult<SourceEvent[] | undefined>).value);
    const report = await compare(savedBaseline ?? { stream: asLogText(baseEvents ?? []) }, { stream: asLogText(canaryEvents ?? []) }, compareOptions);
    if (warnings.length > 0) report.warnings = [...(report.warnings ?? []), ...warnings];
    return report;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
