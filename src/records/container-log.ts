import { isBlankLine } from './line-splitter.js';
import { scanPrefix } from './prefix.js';

/**
 * How a container runtime wrapped the application's lines, or what to do about it:
 * - `'auto'`: decided per input on its first non-empty lines (see docs/records.md);
 * - `'none'`: lines are read as they are;
 * - `'cri'`: containerd / CRI-O files (`/var/log/containers/*.log`): `<time> stdout F <line>`, `P` for a partial line;
 * - `'kubectl'`: `kubectl logs --timestamps`: `<time> <line>`;
 * - `'kubectl-prefix'`: `kubectl logs --prefix` (several pods): `[pod/<pod>/<container>] <line>`, with
 *   `--timestamps` also `[pod/<pod>/<container>] <time> <line>`; each pod's lines are framed on their own;
 * - `'docker'`: Docker's json-file driver: `{"log":"<line>\n","stream":"stdout","time":"<time>"}`.
 *
 * @example
 * ```ts
 * import { readEvents, type ContainerLog } from 'logsift';
 * const wrapper: ContainerLog = 'cri';
 * for await (const e of readEvents('/var/log/containers/shop.log', { containerLog: wrapper })) console.log(e.message);
 * ```
 */
export type ContainerLog = 'auto' | 'none' | 'cri' | 'kubectl' | 'kubectl-prefix' | 'docker';

/**
 * A wrapper that is unwrapped. `'kubectl-prefix-timed'` is `kubectl logs --prefix --timestamps`: whether the
 * time follows the prefix is decided once per input, so an application's own ISO time is never taken off.
 */
export type WrapperKind = 'cri' | 'kubectl' | 'kubectl-prefix' | 'kubectl-prefix-timed' | 'docker';

/** Every value {@link ContainerLog} takes, in the order help texts list them. */
export const CONTAINER_LOGS: readonly ContainerLog[] = Object.freeze(['auto', 'none', 'cri', 'kubectl', 'kubectl-prefix', 'docker']);

/** One wrapped line taken apart (a record reused from line to line). */
export interface WrappedLine {
  /** The application's text (a piece of it when `partial`). */
  text: string;
  /** The wrapper's time in epoch milliseconds, NaN when it has none. */
  time: number;
  /** `stdout` or `stderr`, when the wrapper says. */
  stream: string | undefined;
  /** The application's line goes on in the next wrapped line of the same stream. */
  partial: boolean;
  /** The pod and container `kubectl logs --prefix` names, else undefined. */
  pod: string | undefined;
  container: string | undefined;
}

/** A fresh record for {@link unwrapLine}. */
export function wrappedLine(): WrappedLine {
  return { text: '', time: Number.NaN, stream: undefined, partial: false, pod: undefined, container: undefined };
}

/** Non-empty lines looked at to decide whether an input is wrapped. */
export const SNIFF_LINES = 32;

/**
 * Takes `line` apart as the wrapper `kind` writes it, into `out`; false (and `out` unspecified) when the
 * line does not have that shape. The line's text is never evaluated nor used as a pattern.
 */
export function unwrapLine(kind: WrapperKind, line: string, out: WrappedLine): boolean {
  if (kind === 'docker') return dockerLine(line, out);
  if (kind === 'kubectl-prefix' || kind === 'kubectl-prefix-timed') return prefixedLine(line, kind === 'kubectl-prefix-timed', out);
  const end = timeEnd(line, kind === 'kubectl', out);
  if (end < 0) return false;
  if (end === line.length) {
    if (kind === 'cri') return false;
    setLine(out, '', undefined, false);
    return true;
  }
  if (line.charCodeAt(end) !== 32) return false;
  if (kind === 'kubectl') {
    setLine(out, line.slice(end + 1), undefined, false);
    return true;
  }
  return criRest(line, end + 1, out);
}

function setLine(out: WrappedLine, text: string, stream: string | undefined, partial: boolean): void {
  out.text = text;
  out.stream = stream;
  out.partial = partial;
}

/**
 * `[pod/<pod>/<container>] <text>` as `kubectl logs --prefix` writes it, with `<time> ` after the prefix when
 * `timed`. Pod and container names hold no `/`, `]` nor space (Kubernetes names are DNS labels and subdomains).
 */
function prefixedLine(line: string, timed: boolean, out: WrappedLine): boolean {
  if (!line.startsWith('[pod/')) return false;
  const slash = line.indexOf('/', 5);
  if (slash <= 5) return false;
  const close = line.indexOf(']', slash + 1);
  if (close <= slash + 1 || line.charCodeAt(close + 1) !== 32) return false;
  for (let i = 5; i < close; i++) {
    const c = line.charCodeAt(i);
    if (c <= 32 || (c === 47 && i !== slash)) return false;
  }
  let text = line.slice(close + 2);
  out.time = Number.NaN;
  if (timed) {
    const end = timeEnd(text, true, out);
    if (end < 0 || (end < text.length && text.charCodeAt(end) !== 32)) return false;
    text = end < text.length ? text.slice(end + 1) : '';
  }
  setLine(out, text, undefined, false);
  out.pod = line.slice(5, slash);
  out.container = line.slice(slash + 1, close);
  return true;
}

/** `stdout F <text>` / `stderr P <text>` after a CRI timestamp; tags may carry more after a `:` (`F:x`). */
function criRest(line: string, at: number, out: WrappedLine): boolean {
  let stream: string;
  if (line.startsWith('stdout ', at)) stream = 'stdout';
  else if (line.startsWith('stderr ', at)) stream = 'stderr';
  else return false;
  const tag = at + 7;
  const t = line.charCodeAt(tag);
  if (t !== 70 && t !== 80) return false;
  let p = tag + 1;
  if (line.charCodeAt(p) === 58) while (p < line.length && line.charCodeAt(p) !== 32) p++;
  if (p < line.length && line.charCodeAt(p) !== 32) return false;
  setLine(out, p < line.length ? line.slice(p + 1) : '', stream, t === 80);
  return true;
}

/** A Docker json-file record: a JSON object whose `log` is a string; `stream` and `time` are read when present. */
function dockerLine(line: string, out: WrappedLine): boolean {
  if (!line.startsWith('{"log":')) return false;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return false;
  }
  const record = value as { log?: unknown; stream?: unknown; time?: unknown };
  if (typeof record.log !== 'string') return false;
  let text = record.log;
  const partial = !text.endsWith('\n');
  if (!partial) text = text.charCodeAt(text.length - 2) === 13 ? text.slice(0, -2) : text.slice(0, -1);
  out.time = Number.NaN;
  if (typeof record.time === 'string' && timeEnd(record.time, false, out) !== record.time.length) out.time = Number.NaN;
  setLine(out, text, typeof record.stream === 'string' ? record.stream : undefined, partial);
  return true;
}

function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The end of an RFC 3339 time at the start of `s` (`2026-01-10T12:00:01.123456789Z`; the fraction has
 * 1 to 9 digits or is absent; an offset instead of `Z` unless `utcOnly`), or -1; its epoch ms go to `out.time`.
 */
function timeEnd(s: string, utcOnly: boolean, out: WrappedLine): number {
  if (s.length < 20 || s.charCodeAt(10) !== 84 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return -1;
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return -1;
  let p = 19;
  let ms = 0;
  if (s.charCodeAt(p) === 46) {
    const start = ++p;
    while (p < s.length && p - start < 10 && s.charCodeAt(p) >= 48 && s.charCodeAt(p) <= 57) p++;
    const n = p - start;
    if (n < 1 || n > 9) return -1;
    for (let k = 0; k < 3; k++) ms = ms * 10 + (k < n ? s.charCodeAt(start + k) - 48 : 0);
  }
  let offset = 0;
  const c = s.charCodeAt(p);
  if (c === 90) p++;
  else if (!utcOnly && (c === 43 || c === 45) && s.charCodeAt(p + 3) === 58) {
    const h = twoDigits(s, p + 1);
    const m = twoDigits(s, p + 4);
    if (h < 0 || h > 23 || m < 0 || m > 59) return -1;
    offset = (c === 43 ? 1 : -1) * (h * 60 + m);
    p += 6;
  } else return -1;
  out.time = Date.UTC(century * 100 + yy, month - 1, day, hour, minute, second, ms) - offset * 60_000;
  return p;
}

const EXCEPTION_CLASS = /^(?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*(?:Exception|Error|Throwable)(?::|$)/;

/**
 * An inner line that shows a wrapper around an application: a header with a time of its own, or a stack-trace
 * line. A level alone is not enough: `2026-01-10T12:00:01.000Z INFO started` is as often an application's own
 * header as a wrapped `INFO started`.
 */
function innerLooksWrapped(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 32 || c === 9) return true;
  if (text.startsWith('at ') || text.startsWith('Caused by: ') || text === 'Traceback (most recent call last):' || EXCEPTION_CLASS.test(text)) return true;
  return !Number.isNaN(scanPrefix(text).timestamp);
}

/**
 * For a forced `'kubectl-prefix'`: whether the prefix is followed by kubectl's time, decided on the first
 * non-empty lines as detection does (timed when every prefixed one has it); `undefined` before any non-empty line.
 */
export function sniffPrefixTime(lines: readonly string[]): 'kubectl-prefix' | 'kubectl-prefix-timed' | undefined {
  const scratch = wrappedLine();
  let seen = 0;
  let prefixed = 0;
  for (let i = 0; i < lines.length && seen < SNIFF_LINES; i++) {
    const line = lines[i]!;
    if (isBlankLine(line)) continue;
    seen++;
    if (!unwrapLine('kubectl-prefix', line, scratch)) continue;
    prefixed++;
    if (!unwrapLine('kubectl-prefix-timed', line, scratch)) return 'kubectl-prefix';
  }
  // Lines without the prefix at all are kept whole (and counted) as with any forced wrapper.
  return seen === 0 ? undefined : prefixed === 0 ? 'kubectl-prefix' : 'kubectl-prefix-timed';
}

/**
 * Which wrapper the first non-empty lines of an input show: CRI or Docker when every one has that shape
 * (or all but one, when three or more do); kubectl's `--prefix` form when every one opens with
 * `[pod/<name>/<container>] ` (timed when a UTC RFC 3339 time and a space follow on every one);
 * kubectl when every one opens with a UTC RFC 3339 time and a space and at least one holds an application
 * header with its own time, or a stack-trace line, after it (an application that writes its own ISO time has
 * stack-trace lines without one). `undefined` when `lines` has no non-empty line yet; `'none'` when mixed or unsure.
 */
export function sniffContainerLog(lines: readonly string[]): WrapperKind | 'none' | undefined {
  const sample: string[] = [];
  for (let i = 0; i < lines.length && sample.length < SNIFF_LINES; i++) {
    const line = lines[i]!;
    if (!isBlankLine(line)) sample.push(line);
  }
  if (sample.length === 0) return undefined;
  const scratch = wrappedLine();
  const all = (kind: WrapperKind): boolean => sample.every((line) => unwrapLine(kind, line, scratch));
  // CRI and Docker records cannot be an application's own lines, so one broken line (a record cut short)
  // among three or more good ones does not hide them; it is kept whole and counted when read.
  const most = (shaped: (line: string) => boolean): boolean => {
    let misses = 0;
    for (const line of sample) if (!shaped(line) && ++misses > 1) return false;
    return misses === 0 || sample.length - misses >= 3;
  };
  // An application's own JSON may have a `log` key: Docker's records also have `stream` and `time`.
  if (most((line) => unwrapLine('docker', line, scratch) && scratch.stream !== undefined && !Number.isNaN(scratch.time))) return 'docker';
  if (most((line) => unwrapLine('cri', line, scratch))) return 'cri';
  // `[pod/<name>/<container>] ` on every line: no application opens all its lines with it.
  if (all('kubectl-prefix')) return all('kubectl-prefix-timed') ? 'kubectl-prefix-timed' : 'kubectl-prefix';
  if (!all('kubectl')) return 'none';
  return sample.some((line) => unwrapLine('kubectl', line, scratch) && innerLooksWrapped(scratch.text)) ? 'kubectl' : 'none';
}
