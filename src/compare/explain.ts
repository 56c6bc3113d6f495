import { UsageError } from '../errors/UsageError.js';
import type { Level } from '../records/types.js';
import type { Profile, ProfileEntry } from '../profile/profile.js';
import { explainSeverity, type SeverityExplanation } from '../severity/severityOf.js';
import { buildTimeline, topParameters } from './details.js';
import { compareProfiles, type CompareOptions } from './findings.js';
import { RuleSet } from './rules.js';
import { compareRates, type RateComparison } from './stats/compareRates.js';
import type { Finding, ParameterComparison, Report, Timeline } from './types.js';
import type { Rewording } from '../signatures/rewordings.js';

/**
 * One side of a signature in {@link SignatureExplanation}: its count against all events of the side,
 * its levels and a few raw events.
 *
 * @example
 * ```ts
 * import type { SignatureSide } from 'logsift';
 * const share = (side: SignatureSide): string => `${side.count} of ${side.events} (${((100 * side.count) / Math.max(1, side.events)).toFixed(2)}%)`;
 * ```
 */
export interface SignatureSide {
  /** Events of the signature (for a rewording: of the template this side had). */
  count: number;
  /** All events of the side. */
  events: number;
  /** Events per level name. */
  levels: Partial<Record<Level, number>>;
  /** A few raw events. */
  examples: string[];
}

/**
 * Everything known about one signature of a comparison, as {@link explainSignature} returns it (and
 * `logsift compare --explain <id>` prints it through {@link renderExplanation}).
 *
 * @example
 * ```ts
 * import { compare, explainSignature, type Profile } from 'logsift';
 * let sides: [Profile, Profile] | undefined;
 * const report = await compare('baseline.log', 'canary.log', { onProfiles: (b, c) => (sides = [b, c]) });
 * const e = explainSignature(sides![0], sides![1], report.findings[0]!.id, {}, report);
 * console.log(e.template, e.baseline.count, e.canary.count, e.statistics.pValue, e.severity.severity, e.rules);
 * ```
 */
export interface SignatureExplanation {
  id: string;
  template: string;
  baseline: SignatureSide;
  canary: SignatureSide;
  /** When the signature rewords another (or is reworded): the pair, compared as one signature. */
  rewording?: Rewording;
  /** Exact tests and the rate ratio of the signature (of the pair's combined counts for a rewording). */
  statistics: RateComparison;
  /** The severity from the template and level, with the topics that decided it (before any rule). */
  severity: SeverityExplanation;
  /** Rules that applied (to either template of a rewording). */
  rules: string[];
  timeline?: Timeline;
  parameters: ParameterComparison[];
  /** Findings of the report about this signature (none when it did not change significantly). */
  findings: Finding[];
  /** The family of its findings, with the ids of the other findings in it. */
  family?: { index: number; label: string; findings: string[] };
}

function sideOf(entry: ProfileEntry | undefined, events: number, examples: number): SignatureSide {
  return { count: entry?.stats.count ?? 0, events, levels: { ...(entry?.stats.levels ?? {}) }, examples: entry?.stats.examples.items.slice(0, examples) ?? [] };
}

function findEntry(profiles: Profile[], id: string): ProfileEntry | undefined {
  const all = profiles.flatMap((p) => p.entries());
  const exact = all.find((e) => e.id === id);
  if (exact) return exact;
  const prefixed = [...new Map(all.filter((e) => id.length >= 4 && e.id.startsWith(id)).map((e) => [e.id, e])).values()];
  if (prefixed.length > 1) throw new UsageError(`signature id prefix '${id}' is ambiguous (${prefixed.length} signatures)`, 'E_EXPLAIN');
  return prefixed[0];
}

/**
 * Everything known about one signature of a comparison: both sides' counts, levels and examples, the
 * exact tests and rate ratio, its severity evidence, the rules that applied, timeline, parameter values,
 * the report's findings about it, its rewording partner and its family. `id` may be a unique prefix
 * (at least 4 characters). Throws a {@link UsageError} (`E_EXPLAIN`) when neither side has the signature.
 *
 * @example
 * ```ts
 * import { compare, explainSignature, renderExplanation, type Profile } from 'logsift';
 * let sides: [Profile, Profile] | undefined;
 * const report = await compare('base.log', 'canary.log', { onProfiles: (b, c) => (sides = [b, c]) });
 * console.log(renderExplanation(explainSignature(sides![0], sides![1], report.findings[0]!.id, {}, report)));
 * ```
 */
export function explainSignature(baseline: Profile, canary: Profile, id: string, options: CompareOptions = {}, report?: Report): SignatureExplanation {
  const r = report ?? compareProfiles(baseline, canary, options);
  const entry = findEntry([canary, baseline], id);
  if (!entry) throw new UsageError(`no signature with id '${id}' on either side (ids are in the report)`, 'E_EXPLAIN');
  const rewording = r.rewordings?.find((p) => p.baselineId === entry.id || p.canaryId === entry.id);
  const examples = options.examples ?? 3;
  const B = baseline.totals.events;
  const C = canary.totals.events;
  const byId = (p: Profile, sid: string | undefined) => (sid === undefined ? undefined : p.entries().find((e) => e.id === sid));
  // for a rewording: the baseline template's baseline side, the new template's canary side (plus what the old kept)
  const baseEntry = rewording ? byId(baseline, rewording.baselineId) : byId(baseline, entry.id);
  const canEntry = rewording ? byId(canary, rewording.canaryId) : byId(canary, entry.id);
  const oldLeft = rewording ? (byId(canary, rewording.baselineId)?.stats.count ?? 0) : 0;
  const statistics = compareRates(baseEntry?.stats.count ?? 0, B, (canEntry?.stats.count ?? 0) + oldLeft, C);
  const level = canEntry?.stats.dominantLevel() ?? baseEntry?.stats.dominantLevel();
  const rules = new RuleSet(options.rules);
  const applied = [entry, ...(rewording ? [baseEntry, canEntry] : [])]
    .filter((e): e is ProfileEntry => e !== undefined)
    .flatMap((e) => rules.evaluate(e.id, e.template).applied);
  const ids = new Set([entry.id, rewording?.baselineId, rewording?.canaryId].filter((x) => x !== undefined));
  const findings = r.findings.filter((f) => ids.has(f.id));
  const familyIndex = findings.find((f) => f.family !== undefined)?.family;
  const family = familyIndex === undefined ? undefined : r.families?.find((f) => f.index === familyIndex);
  const out: SignatureExplanation = {
    id: entry.id,
    template: entry.template,
    baseline: sideOf(baseEntry, B, examples),
    canary: { ...sideOf(canEntry, C, examples), count: (canEntry?.stats.count ?? 0) + oldLeft },
    statistics,
    severity: explainSeverity(entry.template, level === undefined ? {} : { level }),
    rules: [...new Set(applied)],
    parameters: topParameters(baseEntry?.stats, canEntry?.stats),
    findings,
  };
  if (rewording) out.rewording = rewording;
  const timeline = buildTimeline(baseline, canary, baseEntry?.stats, canEntry?.stats);
  if (timeline) out.timeline = timeline;
  if (family) out.family = { index: family.index, label: family.label, findings: family.findings };
  return out;
}
