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
  /** Keys of the message to templatize. @defaultValue `['message', 'msg', '@message', '@m', 'short_message', 'log', 'text']` */
  messageKeys?: readonly string[];
  /** Keys of the level (names, pino/bunyan numbers 10-60, syslog/GELF numbers 0-7). @defaultValue `['log.level', 'level', 'severity', 'levelname', 'lvl', 'loglevel', '@level', '@l']` */
  levelKeys?: readonly string[];
  /** Keys of the timestamp (ISO-8601 text or epoch s/ms/µs/ns). @defaultValue `['@timestamp', 'timestamp', 'time', 'ts', '@t']` */
  timestampKeys?: readonly string[];
  /** Keys of the exception type. @defaultValue `['error.type', 'exception.type', 'error.kind', 'exc_type']` */
  errorTypeKeys?: readonly string[];
  /** Keys of the exception message. @defaultValue `['error.message', 'exception.message', 'err', 'error']` */
  errorMessageKeys?: readonly string[];
  /** Keys of an escaped stack trace. @defaultValue `['error.stack_trace', 'error.stack', 'exception.stacktrace', 'stack_trace', 'stacktrace', 'stack', 'exc_info', '@x']` */
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
  messageKeys: ['message', 'msg', '@message', '@m', 'short_message', 'log', 'text'],
  levelKeys: ['log.level', 'level', 'severity', 'levelname', 'lvl', 'loglevel', '@level', '@l'],
  timestampKeys: ['@timestamp', 'timestamp', 'time', 'ts', '@t'],
  errorTypeKeys: ['error.type', 'exception.type', 'error.kind', 'exc_type'],
  errorMessageKeys: ['error.message', 'exception.message', 'err', 'error'],
  stackKeys: ['error.stack_trace', 'error.stack', 'exception.stacktrace', 'stack_trace', 'stacktrace', 'stack', 'exc_info', '@x'],
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

/**
 * Keys that may play a role (message, level, ...) wait on the side until the roles are settled, so
 * the fields object is built once, without the keys that end up consumed.
 */
const sideKeys: string[] = [];
const sideValues: string[] = [];

function add(fields: Record<string, string>, roles: RoleMap, key: string, value: string): void {
  if (roles.has(key)) {
    sideKeys.push(key);
    sideValues.push(value);
  } else put(fields, key, value);
}

/** Flattens a parsed JSON object into dotted keys with string values; returns the new field count. */
function flatten(value: object, prefix: string, out: Record<string, string>, depth: number, count: number, roles: RoleMap): number {
  let n = count;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (n >= MAX_FIELDS) return n;
    const key = keys[i]!;
    const v = (value as Record<string, unknown>)[key];
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) n = flatten(v, name, out, depth + 1, n, roles);
    else {
      add(out, roles, name, typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : (JSON.stringify(v) ?? String(v)));
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
  const fields: Record<string, string> = {};
  const roles = rolesOf(options);
  sideKeys.length = 0;
  sideValues.length = 0;
  flatten(parsed, '', fields, 0, 0, roles);
  return fromFields(fields, roles);
}

/** Keys take `[A-Za-z_@][\w.@/-]*`; values are bare (up to a space) or double-quoted with escapes. */
export function parseLogfmtLine(line: string, options: Required<StructuredFieldOptions>): StructuredLine | undefined {
  const fields: Record<string, string> = {};
  const roles = rolesOf(options);
  sideKeys.length = 0;
  sideValues.length = 0;
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
      add(fields, roles, key, '');
      continue;
    }
    if (line.charCodeAt(i) !== 61) return undefined;
    i++;
    if (line.charCodeAt(i) === 34) {
      const close = line.indexOf('"', i + 1);
      const escape = line.indexOf('\\', i + 1);
      if (close > 0 && (escape < 0 || escape > close)) {
        // No escapes inside: the value is a plain slice.
        add(fields, roles, key, line.slice(i + 1, close));
        i = close + 1;
        if (++pairs >= MAX_FIELDS) break;
        continue;
      }
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
      add(fields, roles, key, value);
      i = j + 1;
    } else {
      const start = i;
      while (i < n && line.charCodeAt(i) !== 32) i++;
      add(fields, roles, key, line.slice(start, i));
    }
    if (++pairs >= MAX_FIELDS) break;
  }
  if (pairs < 2 || !hasAny(roles)) return undefined;
  return fromFields(fields, roles);
}

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64 || c === 47;
}

/** A logfmt line must name at least one well-known key, so `a=1 b=2` prose is not taken for it. */
function hasAny(roles: RoleMap): boolean {
  for (const key of sideKeys) if (roles.get(key)!.some(([role]) => role <= TIME)) return true;
  return false;
}

/** pino/bunyan levels (10-60) and syslog severities as GELF writes them (0 emergency ... 7 debug). */
const PINO_LEVELS: Record<string, Level> = {
  '10': 'trace', '20': 'debug', '30': 'info', '40': 'warn', '50': 'error', '60': 'fatal',
  '0': 'fatal', '1': 'fatal', '2': 'fatal', '3': 'error', '4': 'warn', '5': 'info', '6': 'info', '7': 'debug',
};

const MESSAGE = 0;
const LEVEL = 1;
const TIME = 2;
const ERROR_TYPE = 3;
const ERROR_MESSAGE = 4;
const STACK = 5;

/** For each key, the roles it can play and its rank in each role's list (lower wins). */
type RoleMap = Map<string, [role: number, rank: number][]>;
const roleMaps = new WeakMap<Required<StructuredFieldOptions>, RoleMap>();

function rolesOf(options: Required<StructuredFieldOptions>): RoleMap {
  let map = roleMaps.get(options);
  if (map !== undefined) return map;
  map = new Map();
  const lists = [options.messageKeys, options.levelKeys, options.timestampKeys, options.errorTypeKeys, options.errorMessageKeys, options.stackKeys];
  lists.forEach((keys, role) => keys.forEach((key, rank) => {
    const entry = map!.get(key) ?? [];
    entry.push([role, rank]);
    map!.set(key, entry);
  }));
  roleMaps.set(options, map);
  return map;
}

/** Settles the roles among the keys set aside by `add`; the ones not consumed join the fields. */
function fromFields(fields: Record<string, string>, roles: RoleMap): StructuredLine {
  const winner = [-1, -1, -1, -1, -1, -1];
  const ranks = [1e9, 1e9, 1e9, 1e9, 1e9, 1e9];
  for (let i = 0; i < sideKeys.length; i++) {
    for (const [role, rank] of roles.get(sideKeys[i]!)!) {
      if (rank < ranks[role]!) {
        ranks[role] = rank;
        winner[role] = i;
      }
    }
  }
  const value = (role: number): string | undefined => (winner[role]! < 0 ? undefined : sideValues[winner[role]!]);
  const out: StructuredLine = { message: '', fields };
  let consumedLevel = -1;
  let consumedTime = -1;
  let consumedStack = -1;
  const levelText = value(LEVEL);
  if (levelText !== undefined) {
    const normalized = PINO_LEVELS[levelText] ?? normalizeLevel(levelText);
    if (normalized !== undefined) {
      out.level = normalized;
      consumedLevel = winner[LEVEL]!;
    }
  }
  const timeText = value(TIME);
  if (timeText !== undefined) {
    const epoch = parseTime(timeText);
    if (epoch !== undefined) {
      out.timestamp = epoch;
      consumedTime = winner[TIME]!;
    }
  }
  const errorType = value(ERROR_TYPE);
  const errorMessage = value(ERROR_MESSAGE);
  if (errorType !== undefined) out.errorType = errorType;
  if (errorMessage !== undefined) out.errorMessage = errorMessage;
  const stack = value(STACK);
  if (stack !== undefined && stack.length > 0) {
    out.stack = stack;
    // The stack lives on in `raw` and `exception`; as a field it would only make every event unique.
    consumedStack = winner[STACK]!;
  }
  const consumedMessage = winner[MESSAGE]!;
  for (let i = 0; i < sideKeys.length; i++) {
    if (i !== consumedLevel && i !== consumedTime && i !== consumedStack && i !== consumedMessage) put(fields, sideKeys[i]!, sideValues[i]!);
  }
  if (consumedMessage >= 0) out.message = sideValues[consumedMessage]!;
  else {
    const parts: string[] = [];
    for (const key in fields) parts.push(`${key}=${fields[key]}`);
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
