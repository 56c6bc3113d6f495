import { UsageError } from '../errors/UsageError.js';
import { feedProfile, isProfileLike, type LogSource, type ProfileBuildOptions } from '../profile/build.js';
import { Profile } from '../profile/profile.js';
import type { ReadStats } from '../records/types.js';
import { TemplateMiner } from '../templates/miner.js';
import { compareProfiles, type CompareOptions } from './findings.js';
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
}

/**
 * Compares a canary's logs with a baseline's and returns a typed {@link Report}: findings (novel, spike,
 * param, drop, gone) with severity, risk, statistics, reasons and examples, a 0..100 score and a verdict.
 * Both sides are mined with one shared miner so the same event gets the same signature. The baseline may be a
 * saved profile (its miner continues on the canary).
 *
 * @example
 * ```ts
 * import { compare } from 'logsift';
 * const report = await compare('baseline.log', 'canary.log', { sensitivity: 'high' });
 * if (report.verdict === 'fail') for (const f of report.findings) console.log(f.reason);
 * ```
 */
export async function compare(baseline: LogSource, canary: LogSource, options: CompareRunOptions = {}): Promise<Report> {
  const { onProgress, onProfiles, ...rest } = options;
  let base: Profile;
  if (isProfileLike(baseline)) {
    // a copy: mining the canary must not change the caller's saved profile
    base = Profile.fromJSON(baseline instanceof Profile ? baseline.toJSON() : baseline);
  } else {
    base = new Profile(new TemplateMiner(rest.miner ?? {}), rest);
    await feedProfile(base, baseline, { ...rest, ...(onProgress ? { onProgress: (n: number) => onProgress('baseline', n) } : {}) });
  }
  if (isProfileLike(canary)) throw new UsageError('the canary must be logs, not a saved profile');
  const can = new Profile(base.miner, rest);
  await feedProfile(can, canary, { ...rest, ...(onProgress ? { onProgress: (n: number) => onProgress('canary', n) } : {}) });
  onProfiles?.(base, can);
  const report = compareProfiles(base, can, rest);
  const warnings = [...readWarnings('baseline', base), ...readWarnings('canary', can)];
  if (warnings.length > 0) report.warnings = [...(report.warnings ?? []), ...warnings];
  return report;
}

const READ_NOTES: Array<[keyof ReadStats, string]> = [
  ['unmatchedLines', 'did not match the log format (each kept whole as its message)'],
  ['truncatedLines', 'were longer than the line cap and were truncated'],
  ['invalidUtf8Lines', 'had invalid UTF-8 (replaced by U+FFFD)'],
  ['malformedJsonLines', 'looked like JSON but did not parse (read as text)'],
  ['cappedEvents', 'events hit the per-event line or size cap (split there)'],
];

/** What the reader counted that a reader of the report should know: nothing is dropped silently. */
function readWarnings(side: 'baseline' | 'canary', profile: Profile): string[] {
  const out: string[] = [];
  for (const [key, text] of READ_NOTES) {
    const n = profile.totals.read[key] ?? 0;
    const noun = key === 'cappedEvents' ? '' : n === 1 ? 'line ' : 'lines ';
    if (n > 0) out.push(`${side}: ${n.toLocaleString('en-US')} ${noun}${n === 1 ? text.replace(/^(were|had|did|looked)\b/, (w) => ({ were: 'was', had: 'had', did: 'did', looked: 'looked' })[w]!) : text}`);
  }
  return out;
}
