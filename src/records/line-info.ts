import type { LogFormat } from './format.js';
import { normalizeLevel, scanPrefix } from './prefix.js';
import { parseJsonLine, parseLogfmtLine, type StructuredFieldOptions, type StructuredLine } from './structured.js';
import type { Level, ReadStats } from './types.js';

/**
 * What one physical line says about itself. `header` lines start an event; `plain` lines have no
 * header and may continue the event before them.
 */
export interface LineInfo {
  kind: 'header' | 'structured' | 'plain';
  message: string;
  // Every property is always present (possibly undefined), in one order, so that every LineInfo
  // has the same hidden class and the code reading them stays monomorphic.
  timestamp: number | undefined;
  level: Level | undefined;
  fields: Record<string, string>;
  formatMatched: boolean;
  errorType: string | undefined;
  errorMessage: string | undefined;
  stack: string | undefined;
}

/** A LineInfo with every property set. */
export function makeInfo(
  kind: LineInfo['kind'],
  message: string,
  fields: Record<string, string>,
  formatMatched: boolean,
  timestamp: number | undefined = undefined,
  level: Level | undefined = undefined,
): LineInfo {
  return { kind, message, timestamp, level, fields, formatMatched, errorType: undefined, errorMessage: undefined, stack: undefined };
}

/** Classifies and parses one line (no framing): log format, JSON, logfmt, detected prefix, or plain. */
export function lineInfo(
  line: string,
  format: LogFormat | undefined,
  structured: Required<StructuredFieldOptions> | undefined,
  stats: ReadStats,
): LineInfo {
  if (format !== undefined) {
    const parsed = format.parse(line);
    if (parsed === undefined) {
      stats.unmatchedLines++;
      return makeInfo('plain', line, {}, false);
    }
    const levelText = parsed.fields['Level'] ?? parsed.fields['level'];
    const level = levelText === undefined ? undefined : normalizeLevel(levelText.trim());
    const timestamp = formatTimestamp(parsed.fields);
    return makeInfo('header', parsed.content, parsed.fields, true, Number.isNaN(timestamp) ? undefined : timestamp, level);
  }
  const c = line.charCodeAt(0);
  if (structured !== undefined) {
    if (c === 123) {
      const json = parseJsonLine(line, structured);
      if (json !== undefined) return withInnerHeader(structuredInfo(json));
      stats.malformedJsonLines++;
    } else if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64) && hasEarlyEquals(line)) {
      const logfmt = parseLogfmtLine(line, structured);
      if (logfmt !== undefined) return withInnerHeader(structuredInfo(logfmt));
    }
  }
  const prefix = scanPrefix(line);
  const timestamp = prefix.timestamp;
  if (Number.isNaN(timestamp) && prefix.level === undefined) {
    return makeInfo('plain', line, prefix.fields, true);
  }
  return makeInfo('header', prefix.message, prefix.fields, true, Number.isNaN(timestamp) ? undefined : timestamp, prefix.level);
}

/**
 * The message of a JSON or logfmt line, read as {@link lineInfo} reads it (an inner header taken off), or undefined
 * for any other line (a `{` line that is not JSON is counted in `stats.malformedJsonLines`, as lineInfo counts it).
 */
export function structuredMessage(line: string, structured: Required<StructuredFieldOptions>, stats: ReadStats): string | undefined {
  const c = line.charCodeAt(0);
  if (c !== 123 && !(((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64) && hasEarlyEquals(line))) return undefined;
  const info = lineInfo(line, undefined, structured, stats);
  return info.kind === 'structured' ? info.message : undefined;
}

/** A logfmt line has `key=` within its first token. */
function hasEarlyEquals(line: string): boolean {
  const limit = Math.min(line.length, 48);
  for (let i = 1; i < limit; i++) {
    const c = line.charCodeAt(i);
    if (c === 61) return true;
    if (c === 32) return false;
  }
  return false;
}

/** The timestamp of a line parsed with a log format, from its `Date`/`Time`/`Month` fields (NaN if none). */
function formatTimestamp(fields: Record<string, string>): number {
  const epochSeconds = fields['Timestamp'];
  if (epochSeconds !== undefined && epochSeconds.length === 10 && /^\d+$/.test(epochSeconds)) return Number(epochSeconds) * 1000;
  const date = fields['Date'];
  const time = fields['Time'];
  if (time === undefined) return Number.NaN;
  // Epoch seconds (HPC), else the loghub field layouts: Month Day/Date Time (syslog), Date Day Time
  // (OpenSSH's Date is the month), Date Time.
  if (time.length === 10 && /^\d+$/.test(time)) return Number(time) * 1000;
  const month = fields['Month'];
  const day = fields['Day'];
  let text = time;
  if (month !== undefined) text = `${month} ${day ?? date ?? ''} ${time}`;
  else if (day !== undefined && date !== undefined) text = `${date} ${day} ${time}`;
  else if (date !== undefined) text = `${date} ${time}`;
  const combined = scanPrefix(text).timestamp;
  return Number.isNaN(combined) && text !== time ? scanPrefix(time).timestamp : combined;
}

/**
 * A structured line without a level may wrap a text line (Docker's `{"log":"2024-... ERROR ...\n"}`):
 * its message is scanned for a header, which gives the level and, when missing, the timestamp.
 */
function withInnerHeader(info: LineInfo): LineInfo {
  if (info.message.endsWith('\n')) info.message = info.message.replace(/\r?\n$/, '');
  if (info.level !== undefined || info.message.length === 0) return info;
  const inner = scanPrefix(info.message);
  if (inner.level === undefined && Number.isNaN(inner.timestamp)) return info;
  info.message = inner.message;
  if (inner.level !== undefined) info.level = inner.level;
  if (info.timestamp === undefined && !Number.isNaN(inner.timestamp)) info.timestamp = inner.timestamp;
  for (const key in inner.fields) if (info.fields[key] === undefined) info.fields[key] = inner.fields[key]!;
  return info;
}

/** Built property by property: an object spread of optional properties is slow on every line. */
function structuredInfo(line: StructuredLine): LineInfo {
  const info = makeInfo('structured', line.message, line.fields, true, line.timestamp, line.level);
  info.errorType = line.errorType;
  info.errorMessage = line.errorMessage;
  info.stack = line.stack;
  return info;
}
