import { numericTimestamp, scan } from './prefix-time.js';
import { normalizeLevel } from './prefix.js';
import type { Level } from './types.js';

/**
 * Field names read from JSON and logfmt lines; each list is tried in order and the first key present
 * wins. Nested objects and dotted keys are the same thing (`{"log":{"level":"warn"}}` is `log.level`).
 *
 * @example
 * ```ts
 * readEvents('app.jsonl', { fieldNames: { messageKeys: ['event', 'message'], levelKeys: ['lvl'] } });
 * ```
 */
export interface StructuredFieldOptions {
  /** Keys of the message to templatize. @defaultValue `['message', 'msg', '@message', 'log', 'text']` */
  messageKeys?: readonly string[];
  /** Keys of the level (names or pino/bunyan numbers). @defaultValue `['log.level', 'level', 'severity', 'lvl', 'loglevel', '@level']` */
  levelKeys?: readonly string[];
  /** Keys of the timestamp (ISO-8601 text or epoch s/ms/µs/ns). @defaultValue `['@timestamp', 'timestamp', 'time', 'ts', '@t']` */
  timestampKeys?: readonly string[];
  /** Keys of the exception type. @defaultValue `['error.type', 'exception.type', 'error.kind', 'exc_type']` */
  errorTypeKeys?: readonly string[];
  /** Keys of the exception message. @defaultValue `['error.message', 'exception.message', 'err', 'error']` */
  errorMessageKeys?: readonly string[];
  /** Keys of an escaped stack trace. @defaultValue `['error.stack_trace', 'error.stack', 'exception.stacktrace', 'stack_trace', 'stacktrace', 'stack', 'exc_info']` */
  stackKeys?: readonly string[];
}

/**
 * Default values of {@link StructuredFieldOptions}.
 *
 * @example
 * ```ts
 * const fieldNames = { messageKeys: ['event', ...defaultStructuredFields.messageKeys] };
 * ```
 */
export const defaultStructuredFields: Readonly<Required<StructuredFieldOptions>> = Object.freeze({
  messageKeys: ['message', 'msg', '@message', 'log', 'text'],
  levelKeys: ['log.level', 'level', 'severity', 'lvl', 'loglevel', '@level'],
  timestampKeys: ['@timestamp', 'timestamp', 'time', 'ts', '@t'],
  errorTypeKeys: ['error.type', 'exception.type', 'error.kind', 'exc_type'],
  errorMessageKeys: ['error.message', 'exception.message', 'err', 'error'],
  stackKeys: ['error.stack_trace', 'error.stack', 'exception.stacktrace', 'stack_trace', 'stacktrace', 'stack', 'exc_info'],
});

/** One structured line, before exception parsing. */
export interface StructuredLine {
  message: string;
  level?: Level;
  timestamp?: number;
  fields: Record<string, string>;
  errorType?: string;
  errorMessage?: string;
  stack?: string;
}

const MAX_FIELDS = 256;
const MAX_DEPTH = 8;

/** Sets an own property, even one named `__proto__` (plain assignment would touch the prototype). */
function put(out: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** Flattens a parsed JSON object into dotted keys with string values; returns the new field count. */
function flatten(value: object, prefix: string, out: Record<string, string>, depth: number, count: number): number {
  let n = count;
  for (const key in value) {
    if (n >= MAX_FIELDS) return n;
    const v = (value as Record<string, unknown>)[key];
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) n = flatten(v, name, out, depth + 1, n);
    else {
      put(out, name, typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
      n++;
    }
  }
  return n;
}

/**
 * Parses a JSON object line. Returns `undefined` when the text is not a JSON object (the caller counts
 * it as malformed when it started with `{`).
 */
export function parseJsonLine(line: string, options: Required<StructuredFieldOptions>): StructuredLine | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const all: Record<string, string> = {};
  flatten(parsed, '', all, 0, 0);
  return fromFields(all, options);
}

/** Keys take `[A-Za-z_@][\w.@/-]*`; values are bare (up to a space) or double-quoted with escapes. */
export function parseLogfmtLine(line: string, options: Required<StructuredFieldOptions>): StructuredLine | undefined {
  const fields: Record<string, string> = {};
  let pairs = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    const keyStart = i;
    const c0 = line.charCodeAt(i);
    if (!(c0 === 95 || c0 === 64 || (c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return undefined;
    while (i < n && isKeyChar(line.charCodeAt(i))) i++;
    const key = line.slice(keyStart, i);
    if (i >= n || line.charCodeAt(i) === 32) {
      // A bare key (logfmt allows them), but only between pairs; text lines stop here.
      if (pairs === 0) return undefined;
      put(fields, key, '');
      continue;
    }
    if (line.charCodeAt(i) !== 61) return undefined;
    i++;
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const c = line.charCodeAt(j);
        if (c === 34) { closed = true; break; }
        if (c === 92 && j + 1 < n) {
          const e = line[j + 1]!;
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
        } else {
          const next = line.indexOf('"', j);
          const bs = line.indexOf('\\', j);
          const stop = Math.min(next < 0 ? n : next, bs < 0 ? n : bs);
          value += line.slice(j, stop);
          j = stop;
        }
      }
      if (!closed) return undefined;
      put(fields, key, value);
      i = j + 1;
    } else {
      const start = i;
      while (i < n && line.charCodeAt(i) !== 32) i++;
      put(fields, key, line.slice(start, i));
    }
    if (++pairs >= MAX_FIELDS) break;
  }
  if (pairs < 2 || !hasAny(fields, options)) return undefined;
  return fromFields(fields, options);
}

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64 || c === 47;
}

/** A logfmt line must name at least one well-known key, so `a=1 b=2` prose is not taken for it. */
function hasAny(fields: Record<string, string>, options: Required<StructuredFieldOptions>): boolean {
  for (const list of [options.messageKeys, options.levelKeys, options.timestampKeys]) for (const key of list) if (Object.hasOwn(fields, key)) return true;
  return false;
}

function take(fields: Record<string, string>, keys: readonly string[]): [string, string] | undefined {
  for (const key of keys) {
    const value = fields[key];
    if (typeof value === 'string' && Object.hasOwn(fields, key)) return [key, value];
  }
  return undefined;
}

const PINO_LEVELS: Record<string, Level> = { '10': 'trace', '20': 'debug', '30': 'info', '40': 'warn', '50': 'error', '60': 'fatal' };

/** Picks message, level, time and error keys out of `all`; the other keys become the event's fields. */
function fromFields(all: Record<string, string>, options: Required<StructuredFieldOptions>): StructuredLine {
  const out: StructuredLine = { message: '', fields: all };
  const message = take(all, options.messageKeys);
  const level = take(all, options.levelKeys);
  const time = take(all, options.timestampKeys);
  const stack = take(all, options.stackKeys);
  let used1: string | undefined;
  let used2: string | undefined;
  let used3: string | undefined;
  let used4: string | undefined;
  if (level !== undefined) {
    const normalized = PINO_LEVELS[level[1]] ?? normalizeLevel(level[1]);
    if (normalized !== undefined) {
      out.level = normalized;
      used1 = level[0];
    }
  }
  if (time !== undefined) {
    const epoch = parseTime(time[1]);
    if (epoch !== undefined) {
      out.timestamp = epoch;
      used2 = time[0];
    }
  }
  const errorType = take(all, options.errorTypeKeys);
  const errorMessage = take(all, options.errorMessageKeys);
  if (errorType !== undefined) out.errorType = errorType[1];
  if (errorMessage !== undefined) out.errorMessage = errorMessage[1];
  if (stack !== undefined && stack[1].length > 0) {
    out.stack = stack[1];
    // The stack lives on in `raw` and `exception`; as a field it would only make every event unique.
    used3 = stack[0];
  }
  if (message !== undefined) {
    out.message = message[1];
    used4 = message[0];
  }
  if (used1 !== undefined || used2 !== undefined || used3 !== undefined || used4 !== undefined) {
    // Copied rather than `delete`d: deleting keys drops V8 objects into slow dictionary mode.
    const fields: Record<string, string> = {};
    for (const key in all) if (key !== used1 && key !== used2 && key !== used3 && key !== used4) put(fields, key, all[key]!);
    out.fields = fields;
  }
  if (message === undefined) {
    const parts: string[] = [];
    for (const key in out.fields) parts.push(`${key}=${out.fields[key]}`);
    out.message = parts.join(' ');
  }
  return out;
}

function parseTime(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) {
    const value = Number(text);
    // Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude.
    if (value < 1e11) return Math.round(value * 1000);
    if (value < 1e14) return Math.round(value);
    if (value < 1e17) return Math.round(value / 1000);
    return Math.round(value / 1e6);
  }
  if (numericTimestamp(text, 0) > 0) return Number.isNaN(scan.epoch) ? undefined : scan.epoch;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}
