import { fstat } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { InputError } from '../errors/InputError.js';
import { escapeControls } from '../report/visible.js';

/** The streams a CLI run talks to (injectable for tests). */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when stderr is a terminal (progress lines are shown only then). */
  stderrIsTTY: boolean;
  /** The descriptor behind `stdin`, when there is one (0 for the process's own), to check what it is. */
  stdinFd?: number;
}

/**
 * The one line the CLI prints on stderr for an error or a warning (`logsift compare: no such file: x`). What a
 * message quotes (a file name, an option's value, a platform's error text) is untrusted: an ESC or a C1 CSI
 * would drive the terminal and a bidi override reorder the line, so every control character is escaped
 * visibly (`\x1b`), line breaks included, and the message stays one line.
 */
export function errorLine(label: string, message: string): string {
  return `${label}: ${escapeControls(message)}\n`;
}

/**
 * The process's own streams. A stdout the shell closed (`>&-`) is not detected: Node reopens it on /dev/null opened
 * read-write, which is also how systemd (`StandardOutput=null`) and other supervisors hand a process /dev/null, and
 * failing every run of such a job would be worse than losing a report nobody asked to see.
 */
export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, stderrIsTTY: process.stderr.isTTY === true, stdinFd: 0 };
}

/**
 * Follows the writes to one of the CLI's streams: the first write error is kept (and its 'error' event
 * handled, so it cannot crash the process), to be reported once the command is done.
 */
export function watchWrites(stream: NodeJS.WritableStream): { failure(): Promise<NodeJS.ErrnoException | undefined>; stop(): void } {
  let first: NodeJS.ErrnoException | undefined;
  const onError = (error: NodeJS.ErrnoException): void => {
    first ??= error;
  };
  stream.on('error', onError);
  return {
    // An empty write is called back once every earlier write has reached the descriptor or failed (a pipe
    // may report EPIPE after the command returned).
    failure: () =>
      new Promise((resolve) => {
        if (first) return resolve(first);
        try {
          stream.write('', (error) => resolve(first ?? (error as NodeJS.ErrnoException | null | undefined) ?? undefined));
        } catch (error) {
          resolve(first ?? (error as NodeJS.ErrnoException));
        }
      }),
    // the 'error' event of a failed write comes a tick after its callback: keep handling it until then
    stop: () => void setImmediate(() => stream.off('error', onError)),
  };
}

/** Writes `text` and waits until the stream takes more (back-pressure) or fails, so a failed stdout ends the work. */
export function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * A log source for a CLI input: `{ path }` for a file (checked here, failing early with a one-line
 * {@link InputError} for a missing file, a directory or a file that cannot be read, then read by the library's
 * reader, which may mine it in a worker thread), the stdin stream for `-`.
 */
export async function openSource(path: string, io: CliIo): Promise<{ path: string } | { stream: AsyncIterable<Uint8Array | string> }> {
  if (path === '-') {
    await checkStdin(io);
    return { stream: io.stdin as AsyncIterable<Uint8Array | string> };
  }
  await checkedFile(path);
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    throw unreadable(path, error);
  }
  return { path };
}

/**
 * Fails with a one-line {@link InputError} when stdin is a directory (`logsift templates - < somedir`), which
 * would otherwise read as an empty log.
 */
export async function checkStdin(io: CliIo): Promise<void> {
  if (io.stdinFd === undefined) return;
  let directory = false;
  try {
    directory = (await promisify(fstat)(io.stdinFd)).isDirectory();
  } catch {
    return; // a closed stdin reads as empty, as before
  }
  if (directory) throw new InputError('stdin is a directory, not a log file', 'E_INPUT');
}

/** A path as messages show it: at most 300 characters, so a 5,000-character path does not flood the terminal. */
function shown(path: string): string {
  return path.length > 300 ? `${path.slice(0, 300)}...` : path;
}

/** The one-line error for a file that exists but cannot be read. */
function unreadable(path: string, error: unknown): InputError {
  return new InputError(`cannot read ${shown(path)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'E_INPUT', { cause: error });
}

/** Fails with a one-line {@link InputError} for a missing path or a directory. */
async function checkedFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`no such file: ${shown(path)}`, 'E_INPUT', { cause: error });
    throw unreadable(path, error);
  }
  if (info.isDirectory()) throw new InputError(`${shown(path)} is a directory, not a log file`, 'E_INPUT');
}
