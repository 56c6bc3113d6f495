import { UsageError } from '../errors/UsageError.js';
import { SourceError } from './SourceError.js';
import type { SourceEvent, SourceEvents, SourcePlatform, SourceSummary } from './types.js';

/** Default `maxEvents`. */
export const DEFAULT_MAX_EVENTS = 1_000_000;

/** What an adapter's producer can do besides yielding events. */
export interface SourceContext {
  readonly summary: SourceSummary;
  /** Adds a warning to the summary (already redacted by the caller). */
  warn(message: string): void;
  /** Marks the result as partial and says why. */
  partial(message: string): void;
  /** How many more events are worth fetching (the remaining cap plus one, to detect truncation). */
  wanted(): number;
}

/**
 * Wraps an adapter's generator: enforces `maxEvents` (reporting truncation), single iteration, abort
 * between events, and runs the generator's `finally` (cleanup) however iteration ends.
 */
export function createSourceEvents(
  platform: SourcePlatform,
  maxEvents: number,
  signal: AbortSignal | undefined,
  produce: (ctx: SourceContext) => AsyncGenerator<SourceEvent, void, undefined>,
): SourceEvents {
  const summary: SourceSummary = {
    platform,
    events: 0,
    truncated: false,
    partial: false,
    warnings: [],
    requests: 0,
    complete: false,
  };
  const ctx: SourceContext = {
    summary,
    warn: (message) => void summary.warnings.push(message),
    partial: (message) => {
      summary.partial = true;
      summary.warnings.push(message);
    },
    wanted: () => Math.max(1, maxEvents - summary.events + 1),
  };
  let started = false;
  return {
    summary,
    async *[Symbol.asyncIterator]() {
      if (started) throw new UsageError(`this ${platform} result was already read; call the adapter again`, 'E_USAGE');
      started = true;
      const generator = produce(ctx);
      try {
        for (;;) {
          throwIfAborted(platform, signal);
          const next = await generator.next();
          if (next.done === true) break;
          if (summary.events >= maxEvents) {
            summary.truncated = true;
            summary.warnings.push(`stopped at maxEvents (${maxEvents}); the window holds more events: ${keptEnd(platform)}`);
            break;
          }
          summary.events += 1;
          yield next.value;
        }
        summary.complete = true;
      } finally {
        await generator.return(undefined);
      }
    },
  };
}

/**
 * Which events a read cut at `maxEvents` kept, by the platform's order: Sumo Logic sends newest first, Splunk
 * mostly so (not across indexers), Elasticsearch/OpenSearch and Loki oldest first (as asked).
 */
function keptEnd(platform: SourcePlatform): string {
  if (platform === 'sumo') return 'those read are the newest; the earliest part of the window is missing';
  if (platform === 'splunk') return 'those read are mostly the newest (Splunk sends newest first); the earliest part of the window is missing';
  return 'those read are the oldest; the latest part of the window is missing';
}

/** Throws the adapters' abort error when `signal` is aborted. */
export function throwIfAborted(platform: SourcePlatform, signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new SourceError(`${label(platform)}: ${abortedMessage(signal)}`, 'E_SOURCE_ABORTED', { platform });
}

/** "read timed out" for `AbortSignal.timeout()`, else "read aborted". */
export function abortedMessage(signal: AbortSignal | undefined): string {
  return (signal?.reason as { name?: unknown } | undefined)?.name === 'TimeoutError' ? 'read timed out (the signal\'s timeout elapsed)' : 'read aborted';
}

/** Display name of a platform for messages. */
export function label(platform: SourcePlatform): string {
  return { splunk: 'Splunk', elastic: 'Elasticsearch', opensearch: 'OpenSearch', sumo: 'Sumo Logic', loki: 'Loki' }[platform];
}

/** The validated half-open window [from, to) in epoch milliseconds. */
export interface Window {
  from: number;
  to: number;
}

/** Validates the window and converts Dates; bad input is a UsageError, never a query over all time. */
export function resolveWindow(from: number | Date, to: number | Date): Window {
  const f = from instanceof Date ? from.getTime() : from;
  const t = to instanceof Date ? to.getTime() : to;
  if (typeof f !== 'number' || !Number.isFinite(f) || typeof t !== 'number' || !Number.isFinite(t)) {
    throw new UsageError('the time window needs finite `from` and `to` (epoch milliseconds or Dates)', 'E_USAGE');
  }
  if (!(f < t)) throw new UsageError('the time window is empty: `from` must be before `to`', 'E_USAGE');
  return { from: Math.floor(f), to: Math.floor(t) };
}

/** Validates `maxEvents`. */
export function resolveMaxEvents(maxEvents: number | undefined): number {
  if (maxEvents === undefined) return DEFAULT_MAX_EVENTS;
  if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new UsageError('`maxEvents` must be a positive integer', 'E_USAGE');
  return maxEvents;
}

/** True for a string with at least one character. */
export function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** Reads a credential from the options, else from the environment; empty strings count as absent. */
export function credential(value: string | undefined, env: Record<string, string | undefined>, name: string): string | undefined {
  if (value !== undefined && value !== '') return value;
  const fromEnv = env[name];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

/** Copies a string field from a platform record into an event field (arrays joined with `\n`). */
export function fieldString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => fieldString(v) ?? '').join('\n');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
