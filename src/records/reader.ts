import { open, type FileHandle } from 'node:fs/promises';
import { InputError } from '../errors/InputError.js';
import { UsageError } from '../errors/UsageError.js';
import { LineSplitter, createReadStats } from './line-splitter.js';
import type { ReadStats } from './types.js';

/**
 * Where lines come from: a file path, `'-'` for standard input, a Node `Readable`, or any async
 * iterable of byte chunks or string chunks (chunks need not end at line boundaries).
 *
 * @example
 * ```ts
 * readLines('app.log'); readLines('-'); readLines(createReadStream('app.log.gz').pipe(createGunzip()));
 * ```
 */
export type LineInput = string | AsyncIterable<Uint8Array | string>;

/**
 * Options of {@link readLineBatches} and {@link readLines}.
 *
 * @example
 * ```ts
 * readLines('huge.log', { maxLineLength: 16_384, chunkSize: 4 << 20 });
 * ```
 */
export interface ReadOptions {
  /**
   * Longest line kept, in UTF-8 bytes; longer lines are cut at a character boundary and counted in
   * `stats.truncatedLines`. The rest of such a line is skipped without being buffered.
   * @defaultValue 65536
   */
  maxLineLength?: number;
  /**
   * Bytes read from a file at a time (one batch of lines per read).
   * @defaultValue 1048576
   */
  chunkSize?: number;
}

/**
 * Default values of {@link ReadOptions}.
 *
 * @example
 * ```ts
 * defaultReadOptions.maxLineLength; // 65536
 * ```
 */
export const defaultReadOptions: Readonly<Required<ReadOptions>> = Object.freeze({
  maxLineLength: 65_536,
  chunkSize: 1_048_576,
});

/**
 * Batches of lines with live counters: `stats` is updated as batches are produced.
 *
 * @example
 * ```ts
 * const batches: LineBatches = readLineBatches('app.log');
 * for await (const lines of batches) console.log(lines.length, batches.stats.lines);
 * ```
 */
export interface LineBatches extends AsyncIterable<string[]> {
  /** Counters of what was read so far (final once iteration has ended). */
  readonly stats: ReadStats;
}

/**
 * Lines with live counters: `stats` is updated as lines are produced.
 *
 * @example
 * ```ts
 * const lines: Lines = readLines('app.log');
 * for await (const line of lines) void line;
 * console.log(lines.stats.invalidUtf8Lines);
 * ```
 */
export interface Lines extends AsyncIterable<string> {
  /** Counters of what was read so far (final once iteration has ended). */
  readonly stats: ReadStats;
}

/**
 * Reads lines in batches (one array per chunk read), the fast way to consume a large input. Input is
 * streamed, never held whole in memory. Lines end at LF; a CR before the LF is removed; invalid UTF-8
 * becomes U+FFFD and the line is counted in `stats.invalidUtf8Lines` (a U+FFFD that was validly
 * encoded is not counted); NUL characters are kept as they are and the line is counted in
 * `stats.nulLines`; empty lines are yielded and counted; a final line without a newline is yielded;
 * a leading UTF-8 byte-order mark is dropped. A lone CR is not a line break.
 *
 * @throws {@link InputError} with code `E_INPUT` when the file is missing, unreadable or a directory,
 * or when the stream fails while reading.
 * @example
 * ```ts
 * import { readLineBatches } from 'logsift';
 * const batches = readLineBatches('app.log');
 * let count = 0;
 * for await (const lines of batches) count += lines.length;
 * console.log(count, batches.stats.invalidUtf8Lines);
 * ```
 */
export function readLineBatches(input: LineInput, options: ReadOptions = {}): LineBatches {
  const settings = resolveOptions(options);
  const stats = createReadStats();
  return {
    stats,
    [Symbol.asyncIterator]: () => batches(input, settings, stats)[Symbol.asyncIterator](),
  };
}

/**
 * Reads lines one at a time; the same decoding rules and counters as {@link readLineBatches}.
 *
 * @example
 * ```ts
 * import { readLines } from 'logsift';
 * const lines = readLines('-'); // standard input
 * for await (const line of lines) if (line.includes('ERROR')) console.log(line);
 * console.error(`${lines.stats.lines} lines, ${lines.stats.truncatedLines} truncated`);
 * ```
 */
export function readLines(input: LineInput, options: ReadOptions = {}): Lines {
  const source = readLineBatches(input, options);
  return {
    get stats() {
      return source.stats;
    },
    [Symbol.asyncIterator](): AsyncIterator<string> {
      // A hand-written iterator: an async generator with `yield*` costs several promises per line.
      const inner = source[Symbol.asyncIterator]();
      let batch: string[] = [];
      let index = 0;
      return {
        async next(): Promise<IteratorResult<string>> {
          while (index >= batch.length) {
            const step = await inner.next();
            if (step.done === true) return { done: true, value: undefined };
            batch = step.value;
            index = 0;
          }
          return { done: false, value: batch[index++]! };
        },
        async return(): Promise<IteratorResult<string>> {
          await inner.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function resolveOptions(options: ReadOptions): Required<ReadOptions> {
  const settings = { ...defaultReadOptions, ...stripUndefined(options) };
  for (const key of ['maxLineLength', 'chunkSize'] as const) {
    const value = settings[key];
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`${key} must be a positive integer, got ${String(value)}`);
  }
  return settings;
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function* batches(input: LineInput, settings: Required<ReadOptions>, stats: ReadStats): AsyncGenerator<string[]> {
  const splitter = new LineSplitter(stats, settings.maxLineLength);
  const chunks = typeof input === 'string' && input !== '-' ? fileChunks(input, settings.chunkSize) : streamChunks(input === '-' ? process.stdin : input);
  for await (const chunk of chunks) {
    const out: string[] = [];
    splitter.push(chunk, out);
    if (out.length > 0) yield out;
  }
  const last: string[] = [];
  splitter.end(last);
  if (last.length > 0) yield last;
}

async function* fileChunks(path: string, chunkSize: number): AsyncGenerator<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw inputError(path, error);
  }
  try {
    const info = await handle.stat().catch((error: unknown) => Promise.reject(inputError(path, error)));
    if (info.isDirectory()) throw new InputError(`cannot read ${quote(path)}: it is a directory`, 'E_INPUT');
    const buffer = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, chunkSize, null));
      } catch (error) {
        throw inputError(path, error);
      }
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function* streamChunks(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  if (stream === null || typeof stream !== 'object' || typeof (stream as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] !== 'function') {
    throw new UsageError('input must be a file path, "-", a readable stream or an async iterable of chunks');
  }
  try {
    for await (const chunk of stream) {
      if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
      else if (chunk instanceof Uint8Array) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      else throw new InputError(`input stream yielded a ${typeof chunk}, expected bytes or strings`, 'E_INPUT');
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read input stream: ${oneLine((error as Error)?.message ?? String(error))}`, 'E_INPUT', { cause: error });
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

function inputError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = (code !== undefined && REASONS[code]) || oneLine((error as Error)?.message ?? String(error));
  return new InputError(`cannot read ${quote(path)}: ${reason}`, 'E_INPUT', { cause: error });
}

function quote(path: string): string {
  return JSON.stringify(path.length > 300 ? `${path.slice(0, 300)}...` : path);
}

function oneLine(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return flat.length > 300 ? `${flat.slice(0, 300)}...` : flat;
}
