import { access, constants, stat } from 'node:fs/promises';
import { InputError } from '../errors/InputError.js';

/** The streams a CLI run talks to (injectable for tests). */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when stderr is a terminal (progress lines are shown only then). */
  stderrIsTTY: boolean;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, stderrIsTTY: process.stderr.isTTY === true };
}

/**
 * A log source for a CLI input: `{ path }` for a file (checked here, failing early with a one-line
 * {@link InputError} for a missing file, a directory or a file that cannot be read, then read by the library's
 * reader, which may mine it in a worker thread), the stdin stream for `-`.
 */
export async function openSource(path: string, io: CliIo): Promise<{ path: string } | { stream: AsyncIterable<Uint8Array | string> }> {
  if (path === '-') return { stream: io.stdin as AsyncIterable<Uint8Array | string> };
  await checkedFile(path);
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    throw unreadable(path, error);
  }
  return { path };
}

/** The one-line error for a file that exists but cannot be read. */
function unreadable(path: string, error: unknown): InputError {
  return new InputError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'E_INPUT', { cause: error });
}

/** Fails with a one-line {@link InputError} for a missing path or a directory. */
async function checkedFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`no such file: ${path}`, 'E_INPUT', { cause: error });
    throw unreadable(path, error);
  }
  if (info.isDirectory()) throw new InputError(`${path} is a directory, not a log file`, 'E_INPUT');
}
