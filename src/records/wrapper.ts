import { UsageError } from '../errors/UsageError.js';
import { CONTAINER_LOGS, sniffContainerLog, sniffPrefixTime, unwrapLine, wrappedLine, type ContainerLog, type WrapperKind } from './container-log.js';
import type { Framer } from './framer.js';
import { LineOrigins } from './line-origins.js';
import { isBlankLine } from './line-splitter.js';
import { PodFraming } from './pod-framing.js';
import type { LogEvent, ReadStats } from './types.js';

/** Checks a `containerLog` option; a {@link UsageError} names the values allowed. */
export function checkContainerLog(value: unknown): ContainerLog {
  if (value === undefined) return 'auto';
  if (typeof value === 'string' && (CONTAINER_LOGS as readonly string[]).includes(value)) return value as ContainerLog;
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value) : String(value);
  throw new UsageError(`containerLog must be one of ${CONTAINER_LOGS.join(', ')}, got ${shown}`);
}

/** An application line whose pieces (CRI `P`, Docker `log` without a newline) are being joined. */
interface Pending {
  text: string;
  first: number;
  span: number;
  time: number;
  stream: string | undefined;
  truncated: boolean;
}

/** Lines being joined at once, at most (one per stream; Docker's stream names come from the file). */
const MAX_OPEN_STREAMS = 4;

/** The wrapper an input has, once its first non-empty lines are seen (undefined before). */
function decide(want: ContainerLog, lines: readonly string[]): WrapperKind | 'none' | undefined {
  // A forced `kubectl-prefix` still needs to know whether kubectl's time follows the prefix.
  return want === 'auto' ? sniffContainerLog(lines) : want === 'kubectl-prefix' ? sniffPrefixTime(lines) : want;
}

function isPrefixed(mode: WrapperKind | 'none' | undefined): boolean {
  return mode === 'kubectl-prefix' || mode === 'kubectl-prefix-timed';
}

/** The stream as a field; the application's own `stream` field, if any, is kept. */
function labelStream(e: LogEvent, stream: string | undefined): void {
  if (stream !== undefined && e.fields['stream'] === undefined) e.fields = { stream, ...e.fields };
}

/**
 * The stage between the reader and the framer for container logs: it hands the framer the application's
 * own lines (partial lines joined), then gives each framed event back its physical line numbers, the
 * wrapper's time when the application's header had none, and the stream. Undecided until the first
 * non-empty lines are seen; once an input is found not wrapped, lines go to the framer untouched.
 */
export class Unwrapper {
  private mode: WrapperKind | 'none' | undefined;
  private readonly line = wrappedLine();
  /** What each inner line handed to the framer and not yet in an emitted event came from. */
  private readonly origins = new LineOrigins(labelStream);
  private physical = 1;
  /** Lines being joined, one per stream (stdout and stderr pieces may interleave). */
  private readonly pending = new Map<string, Pending>();
  /** Per-pod framing, for `kubectl logs --prefix` output. */
  private pods: PodFraming | undefined;

  constructor(
    private readonly want: ContainerLog,
    private readonly maxChars: number,
    private readonly stats: ReadStats,
  ) {}

  /** True once the input is known not to be wrapped: the caller may then use the framer directly. */
  get passive(): boolean {
    return this.mode === 'none';
  }

  push(lines: readonly string[], framer: Framer, out: LogEvent[]): void {
    if (this.mode === undefined) this.mode = decide(this.want, lines);
    const mode = this.mode;
    // Numbering is one to one until something is joined, so events framed before need no mending.
    if (mode === 'none') return framer.push(lines, out);
    if (isPrefixed(mode)) return this.pushPrefixed(mode!, lines, framer, out);
    const inner: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const physical = this.physical++;
      if (mode === undefined || isBlankLine(line)) this.add(inner, line, physical, 1, Number.NaN, undefined);
      else this.unwrap(mode, line, physical, inner);
    }
    const from = out.length;
    framer.push(inner, out);
    this.origins.mend(out, from);
  }

  end(framer: Framer, out: LogEvent[]): void {
    if (this.mode === 'none') return framer.end(out);
    this.pods?.end(out);
    // Pieces never completed are still lines of the input: framed in the order they began, and counted.
    const inner: string[] = [];
    for (const p of [...this.pending.values()].sort((a, b) => a.first - b.first)) {
      this.stats.unfinishedPartialLines++;
      this.add(inner, p.text, p.first, p.span, p.time, p.stream);
    }
    this.pending.clear();
    const from = out.length;
    framer.push(inner, out);
    framer.end(out);
    this.origins.mend(out, from);
  }

  /** Each line to the framer of its pod; lines seen before the input was decided (blank ones) stay with `framer`. */
  private pushPrefixed(mode: WrapperKind, lines: readonly string[], framer: Framer, out: LogEvent[]): void {
    const pods = (this.pods ??= new PodFraming(framer));
    const w = this.line;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const physical = this.physical++;
      if (isBlankLine(line)) pods.line(line, physical, Number.NaN, undefined, undefined, out);
      else if (unwrapLine(mode, line, w)) pods.line(w.text, physical, w.time, w.pod, w.container, out);
      else {
        this.stats.notUnwrappedLines++;
        pods.line(line, physical, Number.NaN, undefined, undefined, out);
      }
    }
  }

  private unwrap(mode: WrapperKind, line: string, physical: number, inner: string[]): void {
    const w = this.line;
    if (!unwrapLine(mode, line, w)) {
      this.stats.notUnwrappedLines++;
      this.add(inner, line, physical, 1, Number.NaN, undefined);
      return;
    }
    const key = w.stream ?? '';
    const open = this.pending.get(key);
    if (open === undefined) {
      if (!w.partial) return this.add(inner, w.text, physical, 1, w.time, w.stream);
      // A stream is a name the file gives: a few may be open at once (stdout, stderr), never one per line.
      if (this.pending.size >= MAX_OPEN_STREAMS) this.abandonOldest(inner);
      const started: Pending = { text: '', first: physical, span: 1, time: w.time, stream: w.stream, truncated: false };
      this.append(started, w.text);
      this.pending.set(key, started);
      return;
    }
    open.span++;
    this.append(open, w.text);
    if (w.partial) return;
    this.pending.delete(key);
    this.add(inner, open.text, open.first, open.span, open.time, open.stream);
  }

  /** Gives up on the line that began first: framed as it is, counted like a line the input ended in. */
  private abandonOldest(inner: string[]): void {
    let oldest: [string, Pending] | undefined;
    for (const entry of this.pending) if (oldest === undefined || entry[1].first < oldest[1].first) oldest = entry;
    const [key, p] = oldest!;
    this.pending.delete(key);
    this.stats.unfinishedPartialLines++;
    this.add(inner, p.text, p.first, p.span, p.time, p.stream);
  }

  /** Joins a piece, up to the line cap: the rest of an over-long line is dropped and the line counted as truncated. */
  private append(open: Pending, text: string): void {
    if (open.truncated) return;
    const room = this.maxChars - open.text.length;
    if (text.length <= room) {
      open.text += text;
      return;
    }
    const cut = room > 0 && (text.charCodeAt(room - 1) & 0xfc00) === 0xd800 ? room - 1 : room;
    open.text += text.slice(0, Math.max(0, cut));
    open.truncated = true;
    this.stats.truncatedLines++;
  }

  private add(inner: string[], text: string, first: number, span: number, time: number, stream: string | undefined): void {
    inner.push(text);
    this.origins.add(first, span, time, stream);
  }
}

/**
 * Unwrapping line by line, for callers that keep one result per physical line (`logsift templates`): each
 * line becomes the application's text (a piece stays a piece); nothing is joined.
 */
export class LineUnwrapper {
  private mode: WrapperKind | 'none' | undefined;
  private readonly line = wrappedLine();

  constructor(
    private readonly want: ContainerLog,
    private readonly stats: ReadStats,
  ) {}

  /** The lines unwrapped (the same array when the input is not wrapped). */
  lines(batch: string[]): string[] {
    if (this.mode === undefined) this.mode = decide(this.want, batch);
    const mode = this.mode;
    if (mode === undefined || mode === 'none') return batch;
    const w = this.line;
    const out = new Array<string>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const line = batch[i]!;
      if (isBlankLine(line)) out[i] = line;
      else if (unwrapLine(mode, line, w)) out[i] = w.text;
      else {
        this.stats.notUnwrappedLines++;
        out[i] = line;
      }
    }
    return out;
  }
}
