import { UsageError } from '../errors/UsageError.js';
import { feedProfile, isProfileLike, type LogSource, type ProfileBuildOptions } from '../profile/build.js';
import { Profile } from '../profile/profile.js';
import type { ReadStats } from '../records/types.js';
import { TemplateMiner } from '../templates/miner.js';
import { filePathOf, mineInWorker, threadOptions, type ThreadMode } from '../profile/threads.js';
import { compareProfiles, type CompareOptions } from './findings.js';
import { groupDigits } from './numbers.js';
import type { Report } from './types.js';

/**
 * Options of {@link compare}: how to read and mine both sides ({@link ProfileBuildOptions}), how to judge
 * them ({@link CompareOptions}), and callbacks for progress and for the mined profiles.
 *
 * @example
 * ```ts
 * import { compare, type CompareRunOptions } from 'logsift';
 * const options: CompareRunOptions = {
 *   logFormat: '<Date> <Time> <Level> <Component>: <Content>',
 *   sensitivity: 'high',
 *   onProgress: (side, events) => console.error(`${side}: ${events} events`),
 * };
 * const report = await compare('baseline.log', 'canary.log', options);
 * ```
 */
export interface CompareRunOptions extends CompareOptions, Omit<ProfileBuildOptions, 'onProgress'> {
  /** Called with the side being read and the events read so far. */
  onProgress?: (side: 'baseline' | 'canary', events: number) => void;
  /** Receives both profiles once mined (e.g. to save the baseline for later runs). */
  onProfiles?: (baseline: Profile, canary: Profile) => void;
  /** Whether both sides, when they are files, are mined at once in worker threads (see {@link ThreadMode}); default `auto`. */
  threads?: ThreadMode;
}

/**
 * Compares a canary's logs with a baseline's and returns a typed {@link Report}: findings (novel, spike,
 * param, drop, gone) with severity, risk, statistics, reasons and examples, a 0..100 score and a verdict.
 * Each side is mined by its own miner and the canary's templates are then merged into the baseline's miner, so the
 * same event gets the same signature on both sides. The baseline may be a saved profile.
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log', { sensitivity: 'high' });
 * if (report.verdict === 'fail') for (const f of report.findings) console.log(f.reason);
 * ```
 */
export async function compare(baseline: LogSource, canary: LogSource, options: CompareRunOptions = {}): Promise<Report> {
  const { onProgress, onProfiles, threads = 'auto', ...rest } = options;
  if (isProfileLike(canary)) throw new UsageError('the canary must be logs, not a saved profile');
  const progress = (side: 'baseline' | 'canary') => (onProgress ? { onProgress: (n: number) => onProgress(side, n) } : {});
  // Each side is mined by a miner of its own, then the canary's templates join the baseline's miner: each
  // side's templates come from its own lines alone, so both sides can be mined at once (in worker threads)
  // with the same result as one after the other.
  let base: Profile;
  let own: Profile;
  const paths = [filePathOf(baseline), filePathOf(canary)];
  const sendable = paths[0] !== undefined && paths[1] !== undefined ? threadOptions(threads, paths as string[], rest) : undefined;
  if (sendable !== undefined) {
    const [b, c] = await Promise.all([
      mineInWorker(paths[0]!, sendable, progress('baseline').onProgress),
      mineInWorker(paths[1]!, sendable, progress('canary').onProgress),
    ]);
    base = Profile.fromJSON(b);
    own = Profile.fromJSON(c);
  } else {
    if (isProfileLike(baseline)) {
      // a copy: mining the canary must not change the caller's saved profile
      base = Profile.fromJSON(baseline instanceof Profile ? baseline.toJSON() : baseline);
    } else {
      base = new Profile(new TemplateMiner(rest.miner ?? {}), rest);
      await feedProfile(base, baseline, { ...rest, ...progress('baseline') });
    }
    const { masks: _masks, ...minerOptions } = base.miner.options;
    own = new Profile(new TemplateMiner({ ...minerOptions, masks: rest.miner?.masks ?? [] }), rest);
    await feedProfile(own, canary, { ...rest, ...progress('canary') });
    // What a worker hands back is a profile's JSON, whose miner restores without the slot evidence a live one
    // keeps; merging restored state here as well gives one result whether workers ran or not.
    if (!isProfileLike(baseline)) base = Profile.fromJSON(base.toJSON());
  }
  base.miner.merge(own.miner.snapshot());
  const can = Profile.rebase(own, base.miner);
  onProfiles?.(base, can);
  const report = compareProfiles(base, can, rest);
  const warnings = [...readWarnings('baseline', base), ...readWarnings('canary', can)];
  const evicted = base.miner.evicted + own.miner.evicted;
  if (evicted > 0) {
    // more distinct statements than the miner's cap: say so, with what to do, rather than compare quietly worse
    warnings.push(
      `templates: the miner's cap of ${groupDigits(base.miner.options.maxTemplates)} templates was reached: ${groupDigits(evicted)} templates were evicted (made again when their statements came back), so some signatures' counts may be split or rest on templates made anew; raise --max-templates (miner.maxTemplates) above the number of distinct statements`,
    );
    report.caveats = [...(report.caveats ?? []), 'templates-evicted'];
  }
  if (warnings.length > 0) report.warnings = [...(report.warnings ?? []), ...warnings];
  return report;
}

// what one line (or event) did, and what several did
const READ_NOTES: Array<[keyof ReadStats, string, string]> = [
  ['unmatchedLines', 'line did not match the log format (kept whole as its message)', 'lines did not match the log format (each kept whole as its message)'],
  ['truncatedLines', 'line was longer than the line cap and was truncated', 'lines were longer than the line cap and were truncated'],
  ['invalidUtf8Lines', 'line had invalid UTF-8 (replaced by U+FFFD)', 'lines had invalid UTF-8 (replaced by U+FFFD)'],
  ['nulLines', 'line had NUL bytes (replaced by spaces)', 'lines had NUL bytes (replaced by spaces)'],
  ['malformedJsonLines', 'line looked like JSON but did not parse (read as text)', 'lines looked like JSON but did not parse (read as text)'],
  ['notUnwrappedLines', 'line of a container log did not have its wrapper\'s shape (read as it is)', 'lines of a container log did not have their wrapper\'s shape (read as they are)'],
  ['unfinishedPartialLines', 'partial line of a container log was never completed (kept as it is)', 'partial lines of a container log were never completed (kept as they are)'],
  ['cappedEvents', 'event hit the per-event line or size cap (split there)', 'events hit the per-event line or size cap (split there)'],
];

/** What the reader counted that a reader of the report should know: nothing is dropped silently. */
function readWarnings(side: 'baseline' | 'canary', profile: Profile): string[] {
  const out: string[] = [];
  for (const [key, one, many] of READ_NOTES) {
    const n = profile.totals.read[key] ?? 0;
    if (n > 0) out.push(`${side}: ${groupDigits(n)} ${n === 1 ? one : many}`);
  }
  return out;
}
