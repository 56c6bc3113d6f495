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
  timestamp?: number;
  level?: Level;
  fields: Record<string, string>;
  formatMatched: boolean;
  errorType?: string;
  errorMessage?: string;
  stack?: string;
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
      return { kind: 'plain', message: line, fields: {}, formatMatched: false };
    }
    const info: LineInfo = { kind: 'header', message: parsed.content, fields: parsed.fields, formatMatched: true };
    const levelText = parsed.fields['Level'] ?? parsed.fields['level'];
    const level = levelText === undefined ? undefined : normalizeLevel(levelText.trim());
    if (level !== undefined) info.level = level;
    const timestamp = formatTimestamp(parsed.fields);
    if (!Number.isNaN(timestamp)) info.timestamp = timestamp;
    return info;
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
    return { kind: 'plain', message: line, fields: prefix.fields, formatMatched: true };
  }
  const info: LineInfo = { kind: 'header', message: prefix.message, fields: prefix.fields, formatMatched: true };
  if (!Number.isNaN(timestamp)) info.timestamp = timestamp;
  if (prefix.level !== undefined) info.level = prefix.level;
  return info;
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
  return scanPrefix(text).timestamp;
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
  const info: LineInfo = { kind: 'structured', message: line.message, fields: line.fields, formatMatched: true };
  if (line.timestamp !== undefined) info.timestamp = line.timestamp;
  if (line.level !== undefined) info.level = line.level;
  if (line.errorType !== undefined) info.errorType = line.errorType;
  if (line.errorMessage !== undefined) info.errorMessage = line.errorMessage;
  if (line.stack !== undefined) info.stack = line.stack;
  return info;
}
