import { UsageError } from '../errors/UsageError.js';
import type { ErrorDescription } from './http.js';
import { fieldString } from './stream.js';
import type { FieldMap, SourceEvent } from './types.js';

/**
 * Makes an SPL string acceptable to the REST API: it must start with a generating command, so a
 * query such as `index=app error` gets the `search ` prefix the Splunk UI adds implicitly, while
 * `search ...` and `| tstats ...` are left alone.
 *
 * @example
 * ```ts
 * splunkSearchString('index=app error');        // 'search index=app error'
 * splunkSearchString('| tstats count where index=app'); // unchanged
 * ```
 */
export function splunkSearchString(query: string): string {
  const trimmed = query.trim();
  if (trimmed === '') throw new UsageError('the Splunk query is empty', 'E_USAGE');
  if (trimmed.startsWith('|') || /^search(\s|$)/i.test(trimmed)) return trimmed;
  return `search ${trimmed}`;
}

/** True when the SPL sets `earliest=` / `latest=` inline, which overrides the requested window. */
export function hasInlineTimeModifier(query: string): boolean {
  return /(^|[\s(])(earliest|latest)\s*=/i.test(query);
}

/** Epoch seconds with three decimals, the unambiguous form of `earliest_time` / `latest_time`. */
export function splunkTime(epochMs: number): string {
  return (epochMs / 1000).toFixed(3);
}

/**
 * Reads a Splunk `_time`: epoch seconds, ISO 8601 with an offset (`/results`), or the export form
 * `2024-05-01 10:00:04.512 UTC`. A zone abbreviation other than UTC/GMT is ambiguous: undefined.
 *
 * @example
 * ```ts
 * parseSplunkTime('2024-05-01 10:00:04.512 UTC'); // 1714557604512
 * parseSplunkTime('2024-05-01 12:00:04.512 CEST'); // undefined
 * ```
 */
export function parseSplunkTime(value: string): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const iso = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d(?:\.\d+)?)\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)$/i.exec(text);
  if (iso === null) return undefined;
  const zone = iso[3].toUpperCase();
  const offset = zone === 'Z' || zone === 'UTC' || zone === 'GMT' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${iso[1]}T${iso[2]}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Turns one export `result` object into an event; internal `_*` fields are left out. */
export function splunkEvent(result: Record<string, unknown>, fieldMap: Required<FieldMap>, timeField: string | undefined): SourceEvent {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(result)) {
    if (key.startsWith('_')) continue;
    const text = fieldString(value);
    if (text !== undefined) fields[key] = text;
  }
  const event: SourceEvent = { raw: fieldString(result._raw) ?? '', fields };
  // `timeField` may name an internal field too (`_indextime`): read from the result, not from the kept fields.
  const timeText = fieldString(result[timeField ?? '_time']);
  const timestamp = timeText === undefined ? undefined : parseSplunkTime(timeText);
  if (timestamp !== undefined) event.timestamp = timestamp;
  for (const key of ['level', 'host', 'service', 'version'] as const) {
    const value = fields[fieldMap[key]];
    if (value !== undefined) event[key] = value;
  }
  return event;
}

/** Splunk error bodies: `{"messages":[{"type":"FATAL","text":"..."}]}`, else plain text. */
export function describeSplunkError(status: number, body: string): ErrorDescription {
  try {
    const parsed = JSON.parse(body) as { messages?: Array<{ type?: unknown; text?: unknown }> };
    const first = parsed.messages?.[0];
    if (first !== undefined && typeof first.text === 'string') {
      return { message: first.text, ...(typeof first.type === 'string' ? { platformCode: first.type } : {}) };
    }
  } catch {
    // not JSON: fall through to the text
  }
  const text = body.trim();
  return { message: text === '' ? `HTTP ${status} with an empty body` : text };
}
