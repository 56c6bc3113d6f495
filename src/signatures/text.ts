import type { LogEvent } from '../records/types.js';

/** Fields whose values take part in the signature of a structured (JSON, logfmt) event, by last key segment. */
const SIGNAL_KEY = /(?:^|\.)(?:status|status_code|statuscode|code|result|outcome|err|error|reason)$/i;
const signalKeys = new Map<string, boolean>();

/**
 * The text the miner sees for an event: its message; the exception type (and the root cause's) when it carries
 * one, so an existing statement that now fails with a new exception is a new signature; and, for structured
 * events, the outcome-like fields (`status`, `code`, `result`, `err`, ...) as `key=value`, whose values then
 * become template variables that parameter findings watch.
 *
 * @example
 * ```ts
 * import { signatureText, type LogEvent } from 'logsift';
 * // the event parseEvents reads from the JSON line in `raw`
 * const event: LogEvent = {
 *   lineNumber: 1,
 *   lineCount: 1,
 *   raw: '{"msg":"upstream call finished","code":"OK","err":"nil","host":"a"}',
 *   message: 'upstream call finished',
 *   fields: { code: 'OK', host: 'a', err: 'nil' },
 *   formatMatched: true,
 * };
 * signatureText(event); // 'upstream call finished code=OK err=nil' (host is not an outcome field)
 * ```
 */
export function signatureText(event: LogEvent): string {
  let text = event.message;
  const fields = event.fields;
  for (const key in fields) {
    let signal = signalKeys.get(key);
    if (signal === undefined) {
      signal = SIGNAL_KEY.test(key);
      if (signalKeys.size > 10_000) signalKeys.clear();
      signalKeys.set(key, signal);
    }
    if (signal) {
      const v = fields[key]!;
      // one token per field, so the miner sees `key=value` and makes the value a variable
      const pair = `${key}=${v.length > 80 ? v.slice(0, 80) : v}`;
      text += hasSpace(pair) ? ` ${pair}`.replace(/\s+/g, (m, at: number) => (at === 0 ? m : '_')) : ' ' + pair;
    }
  }
  const ex = event.exception;
  if (ex?.type) {
    text += ` | ${ex.type}`;
    const root = ex.causes?.[ex.causes.length - 1];
    if (root && root !== ex.type) text += ` <- ${root}`;
  }
  return text;
}

/** True when `s` holds a character `\s` matches (checked without a regex: most field values have none). */
function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || (c >= 127 && /\s/.test(s[i]!))) return true;
  }
  return false;
}
