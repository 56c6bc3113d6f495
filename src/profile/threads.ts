import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors/InputError.js';
import { LogsiftError } from '../errors/LogsiftError.js';
import { UsageError } from '../errors/UsageError.js';
import type { ProfileBuildOptions } from './build.js';
import type { ProfileJson } from './profile.js';

/**
 * Whether a comparison mines its two sides at once in worker threads: `auto` (the default) does when both
 * sides are files of {@link THREADS_FROM_BYTES} or more together, `on` whenever both are files, `off` never.
 * The result is the same either way; only the time differs.
 *
 * @example
 * ```ts
 * import { compare, type ThreadMode } from 'logsift';
 * const threads: ThreadMode = 'off'; // e.g. a process that must not start threads
 * const report = await compare('baseline.log', 'canary.log', { threads });
 * ```
 */
export type ThreadMode = 'auto' | 'on' | 'off';

/**
 * Combined size of both sides' files from which `threads: 'auto'` mines them in worker threads. Below it a
 * worker's start (a fresh V8 isolate that loads and warms up the library again, while mining in this thread
 * lets the canary run on code the baseline warmed up) costs about what the overlap saves: measured on two
 * files of 4 MB, threads took 1.5 s against 1.2 s; of 9 MB, the same; of 22 MB, 3.3 s against 3.7 s.
 *
 * @example
 * ```ts
 * import { THREADS_FROM_BYTES } from 'logsift';
 * console.log(`two files of ${THREADS_FROM_BYTES / 2 ** 20} MiB or more together are mined at once`);
 * ```
 */
export const THREADS_FROM_BYTES = 24 * 1024 * 1024;

/**
 * Young-generation size of a mining worker (MB). Mining allocates many short-lived strings; V8's default
 * (16 MB semi-spaces) collects them about twice as often, which measured ~15% of the time on 1M-line sides.
 */
const YOUNG_GENERATION_MB = 96;

/** The worker script, built next to the library's bundles (absent when running from the TypeScript sources). */
const WORKER = new URL('./side-worker.js', import.meta.url);

/** The path of a worker script that exists, or undefined (then sides are mined in this thread); looked up once. */
let script: string | null | undefined;
function workerScript(): string | undefined {
  if (script === undefined) {
    try {
      const path = fileURLToPath(WORKER);
      script = statSync(path).isFile() ? path : null;
    } catch {
      script = null;
    }
  }
  return script ?? undefined;
}

/** The file a log source names, if it is one (not text, a stream, lines or a profile). */
export function filePathOf(source: unknown): string | undefined {
  if (typeof source === 'string') return source.includes('\n') ? undefined : source;
  if (typeof source === 'object' && source !== null && typeof (source as { path?: unknown }).path === 'string' && Object.keys(source).length === 1) {
    return (source as { path: string }).path;
  }
  return undefined;
}

/**
 * The options to send to mining workers when `mode` and the inputs call for them and workers can run, else
 * undefined (mine in this thread). Options a worker cannot receive (functions: user masks, a compiled log
 * format with its own matcher) keep the mining in this thread.
 */
export function threadOptions(mode: ThreadMode, paths: readonly string[], options: ProfileBuildOptions): ProfileBuildOptions | undefined {
  if (mode === 'off') return undefined;
  if ((options.miner?.masks?.length ?? 0) > 0) return undefined;
  if (workerScript() === undefined) return undefined;
  if (mode !== 'on') {
    let bytes = 0;
    for (const p of paths) {
      try {
        bytes += statSync(p).size;
      } catch {
        return undefined; // the reader reports the unreadable file with its usual error
      }
    }
    if (bytes < THREADS_FROM_BYTES) return undefined;
  }
  const { onProgress: _onProgress, ...sendable } = options;
  try {
    structuredClone(sendable);
  } catch {
    return undefined;
  }
  return sendable;
}

// Node options that name the main program (its source, how to read it, or a mode of running it): a worker given
// them through the parent's `execArgv` refuses to start ("--input-type can only be used with string input"), so
// they are left out of the worker's; with the value that follows them where they take one.
const ENTRY_OPTIONS_WITH_VALUE = new Set(['-e', '--eval', '-p', '--print', '--input-type', '--test-name-pattern', '--test-reporter', '--test-reporter-destination', '--test-shard', '--watch-path', '--experimental-default-type']);
const ENTRY_OPTIONS = /^(?:-i|--interactive|-c|--check|--test|--test-only|--watch|--watch-preserve-output)$|^(?:--input-type|--eval|--print|--test-[a-z-]+|--watch-path|--experimental-default-type)=/;

/** The parent's Node options for a worker: all but those that name or run the main program. */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (ENTRY_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!ENTRY_OPTIONS.test(arg)) kept.push(arg);
  }
  return kept;
}

/** What a worker posts: progress, the finished profile, or the error it stopped on. */
export type WorkerMessage =
  | { kind: 'progress'; events: number }
  | { kind: 'done'; profile: ProfileJson }
  | { kind: 'error'; name: string; message: string; code: string | undefined };

/**
 * Reads and mines one file into a profile (with a miner of its own) in a worker thread; resolves with the
 * profile's JSON. `options` must be what {@link threadOptions} returned. Errors keep their type and code (an
 * unreadable file is an {@link InputError}).
 */
export function mineInWorker(path: string, options: ProfileBuildOptions, onProgress?: (events: number) => void): Promise<ProfileJson> {
  const scriptPath = workerScript();
  if (scriptPath === undefined) return Promise.reject(new LogsiftError('the worker script is missing (mine in this thread instead)', 'E_WORKER'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(scriptPath, {
      workerData: { path, options },
      execArgv: workerExecArgv(process.execArgv),
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') onProgress?.(m.events);
      else if (m.kind === 'done') settle(() => resolve(m.profile));
      else settle(() => reject(rebuildError(m)));
    });
    worker.once('error', (error) => settle(() => reject(new LogsiftError(`mining ${path} failed in its worker: ${error.message}`, 'E_WORKER', { cause: error }))));
    worker.once('exit', (code) => settle(() => reject(new LogsiftError(`the worker mining ${path} stopped (exit code ${code}) before it finished`, 'E_WORKER'))));
  });
}

function rebuildError(m: { name: string; message: string; code: string | undefined }): Error {
  if (m.name === 'InputError') return new InputError(m.message, m.code);
  if (m.name === 'UsageError') return new UsageError(m.message, m.code);
  return new LogsiftError(m.message, m.code);
}
