import { exceptionFromLines } from './exception.js';
import { lineInfo, makeInfo, type LineInfo } from './line-info.js';
import type { LogFormat } from './format.js';
import type { StructuredFieldOptions } from './structured.js';
import type { LogEvent, ReadStats } from './types.js';

/**
 * How the open event continues. `text`: it began with a header, so header-less lines belong to it
 * (stack traces, tracebacks, `DETAIL:` lines). `single`: a structured or plain line; only indented
 * lines and `Caused by:` follow it. `java`: an uncaught exception the JVM printed (`Exception in thread`).
 * The others are header-less crash blocks.
 */
type Mode = 'text' | 'single' | 'java' | 'python' | 'go' | 'jvm' | 'v8';

interface Open {
  lineNumber: number;
  head: LineInfo;
  mode: Mode;
  first: string;
  more: string[] | undefined;
  chars: number;
  /** The last non-blank line is a Python chain sentence: a new `Traceback` continues the event. */
  chained: boolean;
  /** False while a Python traceback waits for the exception it raised (the next unindented line). */
  raised: boolean;
  /** The event holds stack-trace lines, so header-less lines around them are part of it. */
  stack: boolean;
  /** Length of the current run of header-less lines of no known shape, and where in `more` it began. */
  run: number;
  runStart: number;
}

export interface FramerSettings {
  format: LogFormat | undefined;
  structured: Required<StructuredFieldOptions> | undefined;
  multiline: boolean;
  maxEventLines: number;
  maxEventChars: number;
}

/** Header-less lines in a row, outside any stack trace, after which they count as records of their own. */
const SPLIT_RUN = 5;
/** The same inside a stack trace, where exception messages and `DETAIL:` lines often span a few lines. */
const SPLIT_RUN_IN_STACK = 20;
const TRACEBACK = 'Traceback (most recent call last):';
const GO_LINE = /^(goroutine \d+ \[|\[signal |created by |exit status |panic: |fatal error: |runtime|\.\.\.)/;
const V8_LINE = /^(\[\d+:0x[0-9a-f]+\]|<--- |FATAL ERROR: |\d+: 0x|Aborted|Security context|==== JS stack trace)/;
/** Node's native assertion failure: `node[1]: ../src/node_file.cc:123:...: Assertion ... failed.` */
const NODE_ABORT = /^node\[\d+\]: /;
const PY_FATAL_LINE = /^(Current thread 0x|Thread 0x|Extension modules: )/;
const EXCEPTION_LINE = /^(?:Exception in thread "[^"]*" )?(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*(?:Exception|Error|Throwable)(?::|$)/;
const CHAIN = /^(During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)$/;

/** Which crash block a header-less line starts, if any. */
function blockStart(line: string): Mode | undefined {
  const c = line.charCodeAt(0);
  if (c === 112 && line.startsWith('panic: ')) return 'go';
  if (c === 102 && line.startsWith('fatal error: ')) return 'go';
  if (c === 70 && line.startsWith('Fatal Python error: ')) return 'python';
  if (c === 84 && line === TRACEBACK) return 'python';
  if (c === 69 && line.startsWith('Exception in thread "')) return 'java';
  if (c === 35 && (line === '#' || line.startsWith('# A fatal error') || line.startsWith('# There is insufficient memory'))) return 'jvm';
  if (c === 60 && line.startsWith('<--- Last few GCs --->')) return 'v8';
  if (c === 70 && line.startsWith('FATAL ERROR: ')) return 'v8';
  if (c === 110 && line.startsWith('node[') && NODE_ABORT.test(line)) return 'v8';
  return undefined;
}

/** A line without a header (only used when no log format is given). */
function plainLine(line: string): LineInfo {
  return makeInfo('plain', line, {}, true);
}

/** Frames events out of lines, one batch at a time; bounded by `maxEventLines` and `maxEventChars`. */
export class Framer {
  private open: Open | undefined;
  private readonly slot: Open = {
    lineNumber: 0, head: makeInfo('plain', '', {}, true), mode: 'single', first: '', more: undefined,
    chars: 0, chained: false, raised: true, stack: false, run: 0, runStart: 0,
  };
  private nextLine = 1;

  constructor(
    private readonly settings: FramerSettings,
    private readonly stats: ReadStats,
  ) {}

  /** A framer with the same settings and counters, numbering its own lines from 1 (one per pod, say). */
  fork(): Framer {
    return new Framer(this.settings, this.stats);
  }

  push(lines: readonly string[], out: LogEvent[]): void {
    const { settings } = this;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const lineNumber = this.nextLine++;
      if (!settings.multiline) {
        this.start(lineNumber, line, lineInfo(line, settings.format, settings.structured, this.stats), 'single', out);
        continue;
      }
      const open = this.open;
      if (open !== undefined && this.continues(open, line)) {
        if (settings.format !== undefined && line.length > 0) this.stats.unmatchedLines++;
        this.append(open, lineNumber, line, out);
        continue;
      }
      // A crash block's first line (`panic: ...`) must not be read as a `level: message` header.
      const block = settings.format === undefined ? blockStart(line) : undefined;
      const info: LineInfo = block === undefined ? lineInfo(line, settings.format, settings.structured, this.stats) : plainLine(line);
      if (info.kind === 'plain') {
        if (open !== undefined && this.plainContinues(open, line)) this.append(open, lineNumber, line, out);
        else this.start(lineNumber, line, info, blockStart(line) ?? 'single', out);
        continue;
      }
      this.start(lineNumber, line, info, info.kind === 'header' ? 'text' : 'single', out);
    }
  }

  end(out: LogEvent[]): void {
    this.flush(out);
  }

  private append(open: Open, lineNumber: number, line: string, out: LogEvent[]): void {
    const { settings } = this;
    if ((open.more?.length ?? 0) + 1 >= settings.maxEventLines || open.chars + line.length > settings.maxEventChars) {
      // Cap reached: close this event; the rest of the block goes on as a new event of the same kind.
      this.stats.cappedEvents++;
      this.start(lineNumber, line, makeInfo('plain', line, {}, settings.format === undefined), open.mode, out);
      return;
    }
    (open.more ??= []).push(line);
    open.chars += line.length + 1;
    if (line.length === 0) return;
    const c = line.charCodeAt(0);
    const indented = c === 32 || c === 9;
    open.chained = CHAIN.test(line);
    const known = indented || open.chained || !open.raised || line === TRACEBACK || line.startsWith('Caused by: ') || EXCEPTION_LINE.test(line);
    // The first unindented line after a Python traceback's frames is the exception it raised.
    if (line === TRACEBACK) open.raised = false;
    else if (!indented && !open.chained) open.raised = true;
    if (open.mode !== 'text') return;
    if (known) {
      open.stack = true;
      open.run = 0;
      return;
    }
    if (open.run++ === 0) open.runStart = open.more.length - 1;
    if (open.run >= (open.stack ? SPLIT_RUN_IN_STACK : SPLIT_RUN)) this.split(open, out);
  }

  /**
   * A run of header-less lines after a header, with no stack trace around them, is more likely a run of
   * records without headers than a multi-line message: they are given back as events of their own.
   */
  private split(open: Open, out: LogEvent[]): void {
    const more = open.more!;
    const loose = more.slice(open.runStart);
    open.more = open.runStart > 0 ? more.slice(0, open.runStart) : undefined;
    const base = open.lineNumber + 1 + open.runStart;
    const format = this.settings.format;
    for (let k = 0; k < loose.length; k++) {
      const line = loose[k]!;
      this.start(base + k, line, makeInfo('plain', line, {}, format === undefined), 'single', out);
    }
  }

  /** Cheap checks done before a line is parsed: blank and indented lines, `Caused by:`, `#` banners. */
  private continues(open: Open, line: string): boolean {
    if (line.length === 0) return true;
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) return true;
    if (open.mode === 'jvm') return c === 35;
    if (open.mode === 'text' || open.mode === 'single' || open.mode === 'java') {
      if (c === 67 && line.startsWith('Caused by: ')) return true;
      if (c === 46 && /^\.\.\. \d+ more/.test(line)) return true;
      if (c === 84 && line === TRACEBACK) return this.tracebackFollows(open);
    }
    return false;
  }

  /**
   * A `Traceback` belongs to the open event after a chain sentence, or right after a header line that
   * is not info or below (`logger.exception` writes at error level); after an info line it is more
   * likely an uncaught exception of its own.
   */
  private tracebackFollows(open: Open): boolean {
    if (open.chained) return true;
    if (open.mode !== 'text' || open.more !== undefined) return false;
    const level = open.head.level;
    return level !== 'info' && level !== 'debug' && level !== 'trace';
  }

  /** A header-less line, after parsing: does it continue the open event? */
  private plainContinues(open: Open, line: string): boolean {
    const starts = blockStart(line);
    if (line === TRACEBACK) return this.tracebackFollows(open);
    switch (open.mode) {
      case 'text': {
        if (starts !== undefined) return false;
        // With a log format, an unmatched line is its own event unless it is part of a stack trace:
        // the exception line of a Java trace, or what a Python traceback raised.
        if (this.settings.format !== undefined) return !open.raised || CHAIN.test(line) || EXCEPTION_LINE.test(line);
        // After a detected header, header-less lines are the rest of the event (`DETAIL:` lines and
        // the like); a line opening with a digit is more likely a record whose header was not recognized.
        const c = line.charCodeAt(0);
        return !(c >= 48 && c <= 57);
      }
      case 'java':
        return EXCEPTION_LINE.test(line);
      case 'go':
        return GO_LINE.test(line) || (line.indexOf('(') > 0 && line.endsWith(')') && !line.slice(0, line.indexOf('(')).includes(' '));
      case 'v8':
        return V8_LINE.test(line);
      case 'python':
        return !open.raised || open.chained || CHAIN.test(line) || PY_FATAL_LINE.test(line);
      default:
        return false;
    }
  }

  private start(lineNumber: number, line: string, head: LineInfo, mode: Mode, out: LogEvent[]): void {
    this.flush(out);
    // One record reused for every event: only one is open at a time, and it is read before reuse.
    const o = this.slot;
    o.lineNumber = lineNumber;
    o.head = head;
    o.mode = mode;
    o.first = line;
    o.more = undefined;
    o.chars = line.length;
    o.chained = false;
    o.raised = line !== TRACEBACK;
    o.stack = false;
    o.run = 0;
    o.runStart = 0;
    this.open = o;
  }

  private flush(out: LogEvent[]): void {
    const open = this.open;
    if (open === undefined) return;
    this.open = undefined;
    out.push(toEvent(open));
  }
}

function toEvent(open: Open): LogEvent {
  const { head } = open;
  const more = open.more;
  const lineCount = 1 + (more?.length ?? 0);
  let raw = open.first;
  let message = head.message;
  const event: LogEvent = { lineNumber: open.lineNumber, lineCount, raw, message, fields: head.fields, formatMatched: head.formatMatched };
  if (head.timestamp !== undefined) event.timestamp = head.timestamp;
  if (head.level !== undefined) event.level = head.level;
  if (more !== undefined) {
    let last = more.length;
    // Blank lines at the end belong to the event (they are counted in lineCount) but add nothing to raw.
    while (last > 0 && more[last - 1]!.trim() === '') last--;
    if (last > 0) raw = `${open.first}\n${more.slice(0, last).join('\n')}`;
    event.raw = raw;
    if (open.mode === 'v8') message = [open.first, ...more].find((l) => l.startsWith('FATAL ERROR: ')) ?? message;
    const exception = exceptionFromLines([message, ...more.slice(0, last)]);
    if (exception !== undefined) event.exception = exception;
  }
  if (open.mode === 'jvm') message = open.first === '#' ? (more?.find((l) => /^#\s*\S/.test(l)) ?? '#').replace(/^#\s*/, '') : message.replace(/^#\s*/, '');
  event.message = message;
  if (open.mode !== 'text' && open.mode !== 'single' && event.level === undefined) {
    event.level = open.mode === 'java' || (open.mode === 'python' && !open.first.startsWith('Fatal')) ? 'error' : 'fatal';
  }
  if (head.kind === 'structured' && (head.stack !== undefined || head.errorType !== undefined)) {
    const fromStack = head.stack === undefined ? undefined : exceptionFromLines(head.stack.split('\n'));
    const exception = fromStack ?? { type: '', message: '', frames: [] };
    if (head.errorType !== undefined) exception.type = head.errorType;
    if (head.errorMessage !== undefined && (exception.message === '' || head.errorType !== undefined)) exception.message = head.errorMessage;
    if (exception.type === '') exception.type = 'error';
    event.exception = exception;
  }
  return event;
}
