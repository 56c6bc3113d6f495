import { realpath, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Report } from '../compare/types.js';
import { InputError } from '../errors/InputError.js';
import { UsageError } from '../errors/UsageError.js';
import type { Profile } from '../profile/profile.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import type { CliIo } from './io.js';

/** Exit code of a verdict: 0 pass, 1 fail, 3 marginal. */
export function exitCodeOf(report: Report): number {
  return report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 3;
}

/** Writes a file the user asked for; a failure is a one-line {@link InputError} (`E_OUTPUT`). */
async function writeOutput(path: string, what: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new InputError(`cannot write ${what} to ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'E_OUTPUT', { cause: error });
  }
}

/** Where the report of `compare` and `verify` goes besides stdout. */
export interface ReportOutputs {
  /** --save-profile: the baseline's profile. */
  savePath?: string | undefined;
  baseProfile?: Profile | undefined;
  /** --report: the HTML report. */
  reportPath?: string | undefined;
}

/**
 * What a path names, so two spellings of one file (`./a.log`, a symlink, a hard link) compare equal: the
 * device and inode of an existing file, else (with `missing`) the real path of its folder and its name,
 * which two outputs that do not exist yet may still share.
 */
async function fileIdentity(path: string, missing: boolean): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `inode ${info.dev}:${info.ino}`;
  } catch {
    if (!missing) return undefined;
    try {
      return `path ${join(await realpath(dirname(resolve(path))), basename(path))}`;
    } catch {
      return `path ${resolve(path)}`;
    }
  }
}

/**
 * Refuses, before any work is done, an output file that is one of the inputs or the other output: writing
 * it would replace a log, a profile or a rules file with the report (or one output with the other).
 * `inputs` maps a description (`the baseline`) to its path; stdin (`-`), absent flags and files that do not
 * exist (reported as missing when read) are left out.
 */
export async function checkOutputPaths(inputs: Record<string, string | undefined>, outputs: Record<string, string | undefined>): Promise<void> {
  const seen = new Map<string, string>();
  for (const [what, path] of Object.entries(inputs)) {
    const id = path === undefined || path === '-' ? undefined : await fileIdentity(path, false);
    if (id !== undefined) seen.set(id, what);
  }
  for (const [flag, path] of Object.entries(outputs)) {
    if (path === undefined) continue;
    const id = (await fileIdentity(path, true))!;
    const other = seen.get(id);
    if (other !== undefined) throw new UsageError(`${flag} ${path} is the same file as ${other}: it would be overwritten`);
    seen.set(id, `the ${flag} file`);
  }
}

/** Saves the baseline profile and the HTML report where the user asked for them. */
export async function writeRequestedFiles(report: Report, outputs: ReportOutputs): Promise<void> {
  if (outputs.savePath !== undefined && outputs.baseProfile) await writeOutput(outputs.savePath, 'profile', JSON.stringify(outputs.baseProfile.toJSON()));
  if (outputs.reportPath !== undefined) {
    // loaded only when asked for: its assets and node:crypto (CSP hashes) are most of a small run's start-up
    const { renderHtml } = await import('../report/html.js');
    await writeOutput(outputs.reportPath, 'report', renderHtml(report));
  }
}

/** Saves the requested files, then writes the report in `format` to stdout. */
export async function emitReport(io: CliIo, report: Report, format: string, outputs: ReportOutputs): Promise<void> {
  await writeRequestedFiles(report, outputs);
  io.stdout.write(format === 'json' ? renderJson(report) : format === 'markdown' ? renderMarkdown(report) : renderText(report));
}
