import { writeFile } from 'node:fs/promises';
import type { Report } from '../compare/types.js';
import { InputError } from '../errors/InputError.js';
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
