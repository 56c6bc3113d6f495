import type { ExceptionInfo } from './types.js';

/** How many frames an {@link ExceptionInfo} keeps: the ones nearest to where the error was raised. */
export const MAX_FRAMES = 5;
const MAX_FRAME_LENGTH = 400;

/** `pkg.Type`, `Type`, `module.sub.ExcType` followed by `:` and a message, or alone. */
// Segments are separated by `.` or `/` only: with `$` both inside names and between them, a line
// such as `a$a$a$...!` would make the expression backtrack exponentially.
const TYPE_LINE = /^(?:Caused by:\s*|Suppressed:\s*)?((?:[A-Za-z_$][\w$]*[./])*[A-Za-z_$][\w$]*)(?::\s*(.*))?$/;
const ERROR_NAME = /(?:Error|Exception|Throwable|Fault|Failure|Panic|Interrupt|Exit|Warning|Violation)$/;
const JS_FRAME = /^\s+at\s+(.+)$/;
const PY_FRAME = /^\s+File "([^"]*)", line \d+(?:,)? in (.+)$/;

/** A frame without what moves between builds: line and column numbers, addresses, offsets. */
export function normalizeFrame(frame: string): string {
  // Frames are short; a capped length keeps every replacement below cheap on hostile input.
  return frame
    .trim()
    .slice(0, MAX_FRAME_LENGTH)
    .replace(/:\d+(?::\d+)?(?=\)|$|\s)/g, '')
    .replace(/ ?\+0x[0-9a-fA-F]+/g, '')
    .replace(/0x[0-9a-fA-F]+/g, '0x')
    .replace(/\((?:0x,? ?|\{[^}]*\},? ?|\.\.\.,? ?)*\)$/, '(...)');
}

function typeOf(line: string): { type: string; message: string } | undefined {
  const match = TYPE_LINE.exec(line.trim().replace(/^Exception in thread "[^"]*" /, ''));
  if (match === null) return undefined;
  const type = match[1]!;
  if (!ERROR_NAME.test(type) && !/[.$]/.test(type)) return undefined;
  return { type, message: (match[2] ?? '').trim() };
}

/**
 * Reads the exception of a multi-line event, or of a stack trace escaped in a structured line:
 * Java and JavaScript (`at` frames, `Caused by:`), Python tracebacks (chained ones too: the last
 * exception is the one raised, earlier ones are its causes), Go panics and goroutine dumps, JVM crash
 * banners, V8 fatal errors. `lines[0]` is the event's message (its header already removed).
 */
export function exceptionFromLines(lines: readonly string[]): ExceptionInfo | undefined {
  const first = lines[0] ?? '';
  if (lines.some((l) => l === 'Traceback (most recent call last):' || l.startsWith('Fatal Python error: '))) return python(lines);
  if (/^(panic|fatal error): /.test(first) || lines.some((l) => /^goroutine \d+ \[.*\]:$/.test(l))) return go(lines);
  if (first.startsWith('#') || lines.some((l) => l.startsWith('# A fatal error has been detected'))) return jvmCrash(lines);
  if (/^node\[\d+\]: /.test(first)) {
    const frames = lines.filter((l) => /^\s*\d+: 0x[0-9a-f]+ /.test(l)).slice(0, MAX_FRAMES).map((l) => normalizeFrame(l.replace(/^\s*\d+: /, '')));
    return { type: 'native abort', message: normalizeFrame(first.replace(/^node\[\d+\]: /, '')), frames };
  }
  const v8 = lines.findIndex((l) => l.startsWith('FATAL ERROR: '));
  if (v8 >= 0) {
    const frames = lines.filter((l) => /^\s*\d+: 0x[0-9a-f]+ /.test(l)).slice(0, MAX_FRAMES).map((l) => normalizeFrame(l.replace(/^\s*\d+: /, '')));
    return { type: 'FATAL ERROR', message: lines[v8]!.slice(13).trim(), frames };
  }
  return javaLike(lines);
}

function javaLike(lines: readonly string[]): ExceptionInfo | undefined {
  let head: { type: string; message: string } | undefined;
  const frames: string[] = [];
  const causes: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const frame = JS_FRAME.exec(line);
    if (frame !== null) {
      if (head !== undefined && causes.length === 0 && frames.length < MAX_FRAMES) frames.push(normalizeFrame(frame[1]!));
      continue;
    }
    if (/^\s*\.\.\. \d+ (more|common frames omitted)/.test(line)) continue;
    const found = (head === undefined || /^(Caused by|Suppressed):/.test(line.trim())) && line.length < 2000 ? typeOf(line) : undefined;
    if (found === undefined) continue;
    if (head === undefined) head = found;
    else causes.push(found.type);
  }
  if (head === undefined || (frames.length === 0 && causes.length === 0)) return undefined;
  const info: ExceptionInfo = { type: head.type, message: head.message, frames };
  if (causes.length > 0) info.causes = causes;
  return info;
}

function python(lines: readonly string[]): ExceptionInfo | undefined {
  const raised: { type: string; message: string }[] = [];
  let frames: string[] = [];
  let current: string[] = [];
  let inTrace = false;
  const fatal = lines.find((l) => l.startsWith('Fatal Python error: '));
  for (const line of lines) {
    if (line === 'Traceback (most recent call last):' || /^(Current thread|Thread) 0x[0-9a-f]+/.test(line)) {
      inTrace = true;
      current = [];
      continue;
    }
    const frame = PY_FRAME.exec(line) ?? /^\s+File "([^"]*)", line \d+ in (.+)$/.exec(line);
    if (frame !== null) {
      current.push(`${frame[1]} in ${frame[2]!.trim()}`);
      continue;
    }
    if (inTrace && line.length > 0 && !/^\s/.test(line)) {
      const found = typeOf(line) ?? (/^[A-Za-z_][\w.]*$/.test(line) ? { type: line, message: '' } : undefined);
      if (found !== undefined) raised.push(found);
      frames = current;
      inTrace = false;
    }
  }
  if (fatal !== undefined && raised.length === 0) {
    // faulthandler dumps list the most recent call first, tracebacks list it last.
    const dump = (current.length > 0 ? current : frames).slice(0, MAX_FRAMES).map(normalizeFrame);
    return { type: 'Fatal Python error', message: fatal.slice(20).trim(), frames: dump };
  }
  const innermost = frames.slice(-MAX_FRAMES).reverse().map(normalizeFrame);
  const last = raised[raised.length - 1];
  if (last === undefined) return undefined;
  const info: ExceptionInfo = { type: last.type, message: last.message, frames: innermost };
  if (raised.length > 1) info.causes = raised.slice(0, -1).map((r) => r.type).reverse();
  return info;
}

function go(lines: readonly string[]): ExceptionInfo | undefined {
  const head = lines.find((l) => /^(panic|fatal error): /.test(l));
  const frames: string[] = [];
  let inGoroutine = false;
  for (const line of lines) {
    if (/^goroutine \d+ \[.*\]:$/.test(line)) {
      if (frames.length > 0) break;
      inGoroutine = true;
      continue;
    }
    if (!inGoroutine || line.length === 0 || /^\s/.test(line) || line.startsWith('created by ')) continue;
    const name = withoutArguments(line);
    // Frames of the panic machinery itself say nothing about the fault.
    if (/^(runtime\/debug\.Stack|runtime\.gopanic|panic|runtime\.panic\w*|runtime\.sigpanic)$/.test(name)) continue;
    if (frames.length < MAX_FRAMES) frames.push(normalizeFrame(name));
  }
  if (head === undefined) return frames.length > 0 ? { type: 'panic', message: '', frames } : undefined;
  const colon = head.indexOf(': ');
  return { type: head.slice(0, colon), message: head.slice(colon + 2).replace(/ \[recovered\]$/, '').trim(), frames };
}

function jvmCrash(lines: readonly string[]): ExceptionInfo {
  const text = lines.map((l) => l.replace(/^#\s?/, '').trim());
  const signal = text.find((l) => /^(SIG[A-Z]+|EXCEPTION_[A-Z_]+)\b/.test(l));
  const oom = text.find((l) => /insufficient memory|OutOfMemoryError/.test(l));
  const problematic = text.findIndex((l) => l.startsWith('Problematic frame:'));
  const frames = problematic >= 0 && text[problematic + 1] ? [normalizeFrame(text[problematic + 1]!)] : [];
  if (signal !== undefined) return { type: signal.split(/[\s(]/)[0]!, message: signal.replace(/\s+at pc=.*$/, ''), frames };
  if (oom !== undefined) return { type: 'OutOfMemoryError', message: oom, frames };
  return { type: 'JVM fatal error', message: text.find((l) => l.length > 0) ?? '', frames };
}

/** `pkg.(*T).Method(0xc0, {...})` -> `pkg.(*T).Method`: drops the final argument list only. */
function withoutArguments(line: string): string {
  if (!line.endsWith(')')) return line;
  let depth = 0;
  for (let i = line.length - 1; i >= 0; i--) {
    const c = line[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) return line.slice(0, i);
  }
  return line;
}
