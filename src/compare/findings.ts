import type { Profile, ProfileEntry } from '../profile/profile.js';
import type { SignatureStats } from '../profile/signature-stats.js';
import { severityOf } from '../severity/severityOf.js';
import { maxSeverity } from '../severity/rank.js';
import { RuleSet, type RuleVerdict, type Rules } from './rules.js';
import { alignSignatures } from '../signatures/pairing.js';
import type { RewordingOptions } from '../signatures/rewordings.js';
import { familiesOf, type FamilyOptions } from '../signatures/families.js';
import { benjaminiHochberg } from './stats/benjaminiHochberg.js';
import { testRates } from './stats/testRates.js';
import { compareRates, type RateComparison } from './stats/compareRates.js';
import { enumSibling, type Sibling } from './siblings.js';
import { groupDigits } from './numbers.js';
import { paramFindings, paramTests } from './param.js';
import { repetitionDiscount } from './repetition.js';
import { combineRisks, defaultThresholds, findingRisk, sortFindings, verdictOf, type RiskInput, type Sensitivity, type VerdictThresholds } from './score.js';
import { levelSeverity } from '../severity/rank.js';
import type { Level } from '../records/types.js';
import { describeFinding } from './reason.js';
import { buildTimeline, topParameters } from './details.js';
import type { Caveat, Finding, FindingKind, PairedSignature, Report, Severity } from './types.js';

/** Least lower 95% bound of a spike's rate ratio: a chance doubling of a few dozen events has a lower bound near 1.2. */
const SPIKE_MIN_LOWER = 1.3;
/**
 * From this many canary occurrences needed for a new signature to be significant (a baseline about a tenth of
 * the canary's size: 5 when both sides are equal), the report warns that small new signatures cannot show.
 */
const LOW_POWER = 20;
/** A signature is rare in the baseline below this share of its events (for the canary-unlike-baseline check). */
const RARE_SHARE = 0.01;
/** The canary is unlike the baseline when at least this share of its events are of rare signatures... */
const UNLIKE_SHARE = 0.5;
/** ...and it has at least this many events. */
const UNLIKE_MIN_EVENTS = 10;

/** `1 event`, `2,000 events`. */
function plural(n: number, noun: string): string {
  return `${groupDigits(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Options of the comparison stage ({@link compareProfiles}, and {@link compare} with them); defaults in
 * {@link defaultCompareOptions}.
 *
 * @example
 * ```ts
 * import { compare, loadRules, type CompareOptions } from 'logsift';
 * const options: CompareOptions = { sensitivity: 'low', alpha: 0.01, minCount: 5, rules: await loadRules('logsift-rules.yaml'), families: false };
 * const report = await compare('baseline.log', 'canary.log', options);
 * ```
 */
export interface CompareOptions {
  /** How readily findings turn into risk (low, medium, high). */
  sensitivity?: Sensitivity;
  /** Verdict thresholds on the 0..100 score. */
  thresholds?: VerdictThresholds;
  /** False discovery rate for rate changes (Benjamini-Hochberg q-value threshold). */
  alpha?: number;
  /** Least canary events for a spike or a parameter finding. */
  minCount?: number;
  /** Least rate ratio (either direction) for a spike or a drop. */
  minRatio?: number;
  /** Rules: ignore, not-a-risk, must-keep and severity overrides. */
  rules?: Rules;
  /** Examples per finding. */
  examples?: number;
  /** Findings of kind drop and gone are reported only when significant or must-keep; set false to omit them entirely. */
  includeDrops?: boolean;
  /** Pairing of reworded templates across the versions (docs/signatures.md); false turns it off. */
  rewordings?: RewordingOptions | false;
  /** Families of the findings (k-means over template vectors); false turns them off. */
  families?: FamilyOptions | false;
}

/**
 * Default comparison options: medium sensitivity, pass at 75 and marginal at 50, a false discovery rate
 * of 0.05, at least 3 canary events and a 2x rate change for a spike, 3 examples per finding, drops included.
 *
 * @example
 * ```ts
 * import { compare, defaultCompareOptions } from 'logsift';
 * // twice as strict about chance as the default
 * const report = await compare('baseline.log', 'canary.log', { alpha: defaultCompareOptions.alpha / 2 });
 * ```
 */
export const defaultCompareOptions = {
  sensitivity: 'medium' as Sensitivity,
  thresholds: defaultThresholds,
  alpha: 0.05,
  minCount: 3,
  minRatio: 2,
  examples: 3,
  includeDrops: true,
};

interface Side {
  entry: ProfileEntry;
  stats: SignatureStats;
}

interface Candidate {
  id: string;
  template: string;
  base?: Side;
  canary?: Side;
  cmp: RateComparison;
  severity: Severity;
  notRisk: boolean;
  mustKeep: boolean;
  applied: string[];
  pairedWith?: PairedSignature;
}

interface Slot {
  base?: Side;
  canary?: Side;
  entry: ProfileEntry;
  /** Severity from the template and level, before any rule. */
  natural: Severity;
}

/** A rule on either template of a reworded pair applies to the pair. */
function bothVerdicts(a: RuleVerdict, b: RuleVerdict): RuleVerdict {
  const out: RuleVerdict = { ignore: a.ignore || b.ignore, notRisk: a.notRisk || b.notRisk, mustKeep: a.mustKeep || b.mustKeep, applied: [...a.applied, ...b.applied] };
  const severity = b.severity ?? a.severity;
  if (severity !== undefined) out.severity = severity;
  return out;
}

/**
 * Compares two profiles keyed by one miner (the canary's rebased onto the baseline's, see Profile.rebase, or
 * both mined by the same miner) and returns the report: per signature an exact
 * conditional test of the rates in both directions, Benjamini-Hochberg over all of them, findings with
 * risk and reason, a score and a verdict. {@link compare} reads and mines both sides and then calls this;
 * call it yourself to judge the same profiles again under other options without reading the logs again.
 *
 * @example
 * ```ts
 * import { compare, compareProfiles, type Profile } from 'logsift';
 * let sides: [Profile, Profile] | undefined;
 * const report = await compare('baseline.log', 'canary.log', { onProfiles: (b, c) => (sides = [b, c]) });
 * const strict = compareProfiles(sides![0], sides![1], { sensitivity: 'high' });
 * console.log(report.verdict, strict.verdict);
 * ```
 */
export function compareProfiles(baseline: Profile, canary: Profile, options: CompareOptions = {}): Report {
  const o = { ...defaultCompareOptions, ...options };
  const rules = new RuleSet(o.rules);
  const B = baseline.totals.events;
  const C = canary.totals.events;
  const repeat = repetitionDiscount(baseline, canary);
  const effB = repeat.effective(B, 'baseline');
  const effC = repeat.effective(C, 'canary');
  const rates = (b: number, c: number): RateComparison => compareRates(repeat.effective(b, 'baseline'), effB, repeat.effective(c, 'canary'), effC);
  // Joined by signature (template) id: each side holds a signature once (see Profile.entries), and a template can
  // be two clusters of the miner (one evicted at its cap, then made again by the other side's lines)
  const bySignature = new Map<string, { base?: Side; canary?: Side }>();
  for (const entry of baseline.entries()) bySignature.set(entry.id, { base: { entry, stats: entry.stats } });
  for (const entry of canary.entries()) {
    const slot = bySignature.get(entry.id) ?? {};
    slot.canary = { entry, stats: entry.stats };
    bySignature.set(entry.id, slot);
  }
  const sides = [...bySignature.values()];
  const levelOf = (s: { base?: Side; canary?: Side }): Level | undefined => s.canary?.stats.dominantLevel() ?? s.base?.stats.dominantLevel();
  const levelsSayNothing =
    uninformativeLevels(sides.map(levelOf)) &&
    // and the baseline itself writes failures under that level (`Info ... Failed to get next element`): a quiet
    // service whose window held only INFO lines keeps its levels
    sides.some((s) => s.base !== undefined && severityOf(s.base.entry.template) !== 'info');
  const slots: Slot[] = sides.map((s) => {
    const entry = (s.canary ?? s.base)!.entry;
    const level = levelsSayNothing ? undefined : levelOf(s);
    return { ...s, entry, natural: severityOf(entry.template, level === undefined ? {} : { level }) };
  });
  // A canary template that rewords a baseline template (same event, new words) is tested with it as one signature.
  const aligned =
    o.rewordings === false
      ? { pairs: [], rest: slots }
      : alignSignatures(slots, (s) => ({ id: s.entry.id, template: s.entry.template, severity: s.natural, baselineCount: s.base?.stats.count ?? 0, canaryCount: s.canary?.stats.count ?? 0 }), { baseline: B, canary: C }, o.rewordings);
  const candidates: Candidate[] = [];
  // Signatures the rules ignore leave the comparison, but the report says how many: rules that hide everything
  // must not read as "the logs match".
  const ignored = { signatures: 0, baseline: 0, canary: 0 };
  const add = (s: Slot, verdict: RuleVerdict, cmp: RateComparison, base?: Side, can?: Side, pairedWith?: PairedSignature): void => {
    if (verdict.ignore) {
      ignored.signatures++;
      ignored.baseline += base?.stats.count ?? 0;
      ignored.canary += can?.stats.count ?? 0;
      return;
    }
    candidates.push({
      id: s.entry.id,
      template: s.entry.template,
      ...(base ? { base } : {}),
      ...(can ? { canary: can } : {}),
      cmp,
      severity: verdict.severity ?? s.natural,
      notRisk: verdict.notRisk,
      mustKeep: verdict.mustKeep,
      applied: verdict.applied,
      ...(pairedWith ? { pairedWith } : {}),
    });
  };
  for (const s of aligned.rest) add(s, rules.evaluate(s.entry.id, s.entry.template), rates(s.base?.stats.count ?? 0, s.canary?.stats.count ?? 0), s.base, s.canary);
  for (const { baseline: old, canary: now, rewording } of aligned.pairs) {
    const verdict = bothVerdicts(rules.evaluate(old.entry.id, old.entry.template), rules.evaluate(now.entry.id, now.entry.template));
    const left = old.canary?.stats.count ?? 0;
    const cmp = rates(old.base!.stats.count, left + now.canary!.stats.count);
    const pairedWith = { id: old.entry.id, template: old.entry.template, baselineCount: old.base!.stats.count, canaryCount: left, similarity: rewording.similarity };
    add(now, verdict, cmp, old.base, now.canary, pairedWith);
  }

  // Exact tests, q-values per direction within two families (warning and above; info), leaving out signatures
  // too rare to ever be significant (Tarone): chatty INFO signatures do not dilute the error signatures.
  const tests = testRates(
    candidates.map((c) => ({ baselineCount: c.cmp.baselineCount, canaryCount: c.cmp.canaryCount, family: c.severity === 'info' ? 'info' : 'warning+' })),
    effB,
    effC,
    { alpha: o.alpha, intervals: 'findings' },
  );
  const m = candidates.length;
  const chance = goneMirror(candidates, effB > 0 ? effC / effB : 0);
  // parameter values: each tested on its own, Benjamini-Hochberg across every value of every signature
  const pTests = candidates.map((c) => (c.base && c.canary ? paramTests(c.base.stats, c.canary.stats, { minRatio: o.minRatio, effective: repeat.effective, totals: { baseline: B, canary: C } }) : []));
  const pq = benjaminiHochberg(pTests.flat().map((t) => t.p));
  let pqAt = 0;
  const paramQ = pTests.map((list) => list.map((t) => ({ ...t, q: pq[pqAt++]! })));
  const findings: Finding[] = [];
  // weak spikes and capped new signatures: inconclusive, so they count only as the largest risk
  const onlyAsMax = new Set<Finding>();
  const thirded = candidates.some(isThirded);
  const known = candidates.map((c) => ({ template: c.template, baselineCount: c.cmp.baselineCount }));
  for (let i = 0; i < m; i++) {
    const c = candidates[i]!;
    const b = c.cmp.baselineCount;
    const n = c.cmp.canaryCount;
    const qUp = tests[i]!.direction === 'increase' ? tests[i]!.qValue : 1;
    const qDown = tests[i]!.direction === 'decrease' ? tests[i]!.qValue : 1;
    let kind: FindingKind | undefined;
    if (b === 0 && n > 0) kind = 'novel';
    else if (n === 0 && b > 0) kind = o.includeDrops && (qDown < o.alpha || c.mustKeep) ? 'gone' : undefined;
    else if (c.cmp.direction === 'increase' && qUp < o.alpha && n >= o.minCount && shareRatio(c.cmp) >= o.minRatio && c.cmp.ratio.lower >= SPIKE_MIN_LOWER) kind = 'spike';
    else if (o.includeDrops && c.cmp.direction === 'decrease' && qDown < o.alpha && b >= o.minCount && c.cmp.ratio.estimate <= 1 / o.minRatio) kind = 'drop';
    const weakSpike = kind === undefined && isWeakSpike(c, n, o.alpha, thirded, qUp);
    if (weakSpike) kind = 'spike';
    // A statement that made a large share of the baseline and is absent from the canary (orders no longer placed, a
    // service that restarts before serving): worth a look even where no rule marks it must-keep.
    const weak =
      weakSpike ||
      (kind === 'gone' &&
        !c.mustKeep &&
        !c.notRisk &&
        qDown < o.alpha &&
        c.cmp.expectedCanaryCount >= GONE_MAJOR_EXPECTED &&
        b >= GONE_MAJOR_SHARE * B &&
        !replaced(c, candidates));
    const sibling = kind === 'novel' && (c.severity === 'info' || c.severity === 'warning') ? enumSibling(c.template, known) : undefined;
    if (kind !== undefined) {
      findings.push(makeFinding(c, kind, kind === 'gone' || kind === 'drop' ? qDown : qUp, o, chance, baseline, canary, undefined, sibling, weak, onlyAsMax));
    }
    if (c.base && c.canary && kind !== 'spike') {
      for (const pf of paramFindings(c.base.stats, c.canary.stats, paramQ[i]!, { minCount: o.minCount, alpha: o.alpha })) {
        const severity = maxSeverity(pf.severity, c.severity);
        const finding = makeFinding({ ...c, severity }, 'param', pf.pValue, o, chance, baseline, canary, pf);
        findings.push(finding);
      }
    }
  }
  const kept = findings.filter((f) => f.risk > 0 || f.severity !== 'info' || f.kind !== 'novel' || f.canaryCount >= o.minCount);
  sortFindings(kept);
  let score = combineRisks(kept.map((f) => (onlyAsMax.has(f) ? { ...f, pValue: 1 } : f)), o.alpha);
  const warnings = repeat.warning ? [repeat.warning] : [];
  // the conditions some of these warnings word, as codes: readers of the report go by these, never by the wording
  const caveats: Caveat[] = [];
  if (ignored.signatures > 0) {
    caveats.push('rules-ignored');
    warnings.push(
      `rules: ${plural(ignored.signatures, 'signature')} ignored (${groupDigits(ignored.baseline)} of ${groupDigits(B)} baseline and ${groupDigits(ignored.canary)} of ${groupDigits(C)} canary events), left out of the comparison`,
    );
  }
  // A side without events leaves nothing to compare with (logs not collected, a service that never started
  // logging): the verdict is marginal, inconclusive in Argo's terms, at best.
  // How often a signature new in the canary must occur to be significant on its own: the exact test's p for
  // 0 baseline and k canary occurrences is (effC / (effB + effC))^k. A baseline so small that not even the whole
  // canary as one new signature would be significant (a few events, blank lines, a log barely collected) can
  // show nothing as new: as inconclusive as an empty one.
  const needed = B > 0 && C > 0 ? Math.ceil(Math.log(o.alpha) / Math.log(effC / (effB + effC))) : 0;
  const powerless = B > 0 && C > 0 && needed > effC;
  // The mirror case: a canary so small that not even the baseline's most frequent signature, gone from it
  // entirely, would be significant (p for b baseline and 0 canary occurrences is (effB / (effB + effC))^b): five
  // lines against five thousand cannot show a drop of anything, and their pass would say only that nothing new
  // was in them.
  const neededGone = B > 0 && C > 0 ? Math.ceil(Math.log(o.alpha) / Math.log(effB / (effB + effC))) : 0;
  let largest = 0;
  // (comparison counts are already effective ones, repetition discounted)
  for (const c of candidates) largest = Math.max(largest, c.cmp.baselineCount);
  const canaryPowerless = !powerless && B > 0 && C > 0 && largest > 0 && largest < neededGone;
  // A canary whose events are mostly of signatures rare or absent in the baseline is not doing what the baseline did
  // (a restart loop writing its start-up lines over and over, a canary that serves no traffic, a rewrite of its
  // logging), even when each of those signatures is harmless on its own: the rare ones together, tested as one,
  // make up most of the canary and at least twice their baseline share at the lower 95% bound.
  let rareB = 0;
  let rareC = 0;
  for (const c of candidates) {
    // raw counts, as B and C are (rates() discounts repetition once, below)
    const b = c.base?.stats.count ?? 0;
    if (b < RARE_SHARE * B) {
      rareB += b;
      rareC += (c.canary?.stats.count ?? 0) + (c.pairedWith?.canaryCount ?? 0);
    }
  }
  const rare = rates(rareB, rareC);
  const unlike = !powerless && !canaryPowerless && B > 0 && C >= UNLIKE_MIN_EVENTS && rareC >= UNLIKE_SHARE * C && rare.pGreater < o.alpha && rare.ratio.lower >= 2;
  if (unlike) {
    caveats.push('canary-unlike');
    warnings.push(
      `canary: ${groupDigits(rareC)} of its ${plural(C, 'event')} (${percent(rareC, C)}) are of signatures rare or absent in the baseline (together ${groupDigits(rareB)} of its ${groupDigits(B)}, ${percent(rareB, B)}): the canary is not doing what the baseline did (a restart loop, no traffic, a logging change), so the verdict is marginal (inconclusive) at best`,
    );
  }
  if (B === 0 || C === 0 || powerless || canaryPowerless || unlike) {
    const { pass, marginal } = o.thresholds;
    score = Math.min(score, Math.max(0, Math.min(Math.floor((pass + marginal) / 2), pass - 1)));
    if (B === 0) warnings.push('baseline: no events were read, so every canary signature counts as new and nothing can be compared: the verdict is marginal (inconclusive) at best');
    if (C === 0) warnings.push('canary: no events were read, so there is nothing to judge: the verdict is marginal (inconclusive) at best');
    if (powerless) {
      caveats.push('baseline-small');
      warnings.push(
        `baseline: ${plural(B, 'event')} against the canary's ${groupDigits(C)}: too few to show any canary signature as new (one would need ${groupDigits(needed)} occurrences to be significant), so the verdict is marginal (inconclusive) at best`,
      );
    }
    if (canaryPowerless) {
      caveats.push('canary-small');
      warnings.push(
        `canary: ${plural(C, 'event')} against the baseline's ${groupDigits(B)}: too few to show any baseline signature as gone (its most frequent one has ${groupDigits(Math.round(largest))} events; gone, it would need ${groupDigits(neededGone)} to be significant), so the verdict is marginal (inconclusive) at best`,
      );
    }
  } else if (needed >= LOW_POWER) {
    warnings.push(`baseline: ${plural(B, 'event')} against the canary's ${groupDigits(C)}: a signature new in the canary is significant only from ${groupDigits(needed)} occurrences on`);
  }
  const grouped = o.families === false || kept.length === 0 ? undefined : familiesOf(kept, o.families);
  grouped?.family.forEach((f, i) => f !== undefined && (kept[i]!.family = f));
  return {
    schemaVersion: 1,
    verdict: verdictOf(score, o.thresholds),
    score,
    baseline: { lines: baseline.totals.lines, events: B },
    canary: { lines: canary.totals.lines, events: C },
    findings: kept,
    ...(aligned.pairs.length > 0 ? { rewordings: aligned.pairs.map((p) => p.rewording) } : {}),
    ...(grouped ? { families: grouped.families } : {}),
    summary: { findings: kept.length, families: grouped?.families.length ?? 0, rewordings: aligned.pairs.length },
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(caveats.length > 0 ? { caveats } : {}),
  };
}

/**
 * How many signatures vanished from the canary with at least a given (volume-scaled) baseline count, per
 * severity. By symmetry between the two sides, signatures that disappear by chance estimate how many appear by
 * chance: a baseline full of rare, unstable events (BGL, Mac) has many gone ones, a clean baseline has none.
 */
function percent(part: number, whole: number): string {
  const p = (100 * part) / whole;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

function goneMirror(candidates: readonly Candidate[], scale: number): Record<Severity, number[]> {
  const out: Record<Severity, number[]> = { critical: [], error: [], warning: [], info: [] };
  for (const c of candidates) {
    if (c.cmp.canaryCount === 0 && c.cmp.baselineCount > 0) out[c.severity].push(c.cmp.baselineCount * scale);
  }
  return out;
}

function chanceCount(mirror: Record<Severity, number[]>, severity: Severity, count: number): number {
  let n = 0;
  for (const b of mirror[severity]) if (b >= count) n++;
  return n;
}

function makeFinding(
  c: Candidate,
  kind: FindingKind,
  qValue: number,
  o: typeof defaultCompareOptions & CompareOptions,
  chance: Record<Severity, number[]>,
  baseline: Profile,
  canary: Profile,
  param?: ReturnType<typeof paramFindings>[number],
  sibling?: Sibling,
  weak = false,
  onlyAsMax?: Set<Finding>,
): Finding {
  const count = param ? param.count : kind === 'gone' || kind === 'drop' ? c.cmp.baselineCount : c.cmp.canaryCount;
  const riskInput: RiskInput = {
    kind,
    severity: c.severity,
    count,
    rateRatio: param ? param.ratio : kind === 'spike' ? shareRatio(c.cmp) : c.cmp.ratio.estimate,
    qValue,
    pValue: param ? param.pValue : kind === 'gone' || kind === 'drop' ? c.cmp.pLess : c.cmp.pGreater,
    alpha: o.alpha,
    mustKeep: c.mustKeep,
    sensitivity: o.sensitivity,
    ...(param?.fresh ? { fresh: true } : {}),
    ...(weak ? { weak: true } : {}),
  };
  let risk = c.notRisk ? 0 : findingRisk(riskInput);
  let chanceNote: string | undefined;
  let capped = false;
  // One-off novel events are expected when the baseline itself is full of one-off events.
  const mirrored = kind === 'novel' ? chanceCount(chance, c.severity, count) : 0;
  // below the minimum count only: from minCount events on, a new signature stands on its own significance; a
  // critical one keeps its weight (marginal at medium sensitivity): one OutOfMemoryError is worth a look even in a
  // log whose baseline had one-off critical lines of its own
  if (mirrored > 0 && count < o.minCount && c.cmp.pGreater > o.alpha && c.severity !== 'critical') {
    risk = Math.min(risk, 2);
    chanceNote = `as many ${c.severity} signatures went the other way (${mirrored} seen only in the baseline, as often), so chance explains it`;
  }
  // A log whose baseline had many signatures of this severity that the canary lacks (BGL's dozens of rare FATAL
  // statements, each logged in a burst) has new ones on the canary side just as often: short of strong evidence
  // of its own, a new signature there is worth a look, not a failure.
  const vanished = kind === 'novel' ? chance[c.severity].length : 0;
  if (vanished >= VOLATILE_MIN_VANISHED && !c.mustKeep && !c.notRisk && c.cmp.pGreater > o.alpha / 10) {
    const held = findingRisk({ ...riskInput, held: true });
    if (held < risk) {
      risk = held;
      chanceNote = `${vanished} ${c.severity} signatures of the baseline are absent from the canary, so such signatures come and go in this log by chance, and this one is not strong enough to fail it on its own`;
      capped = true;
    }
  }
  // A few events of a statement the baseline logged with another enumerated word ('DELETE' where it logged
  // 'GET'): a value the statement had not shown yet, which takes stronger evidence than a few events to matter.
  if (sibling !== undefined && !c.mustKeep && c.cmp.pGreater > o.alpha / 10) {
    risk = Math.min(risk, 2);
    chanceNote = `the baseline logged the same statement with '${sibling.was}' instead of '${sibling.now}' (${sibling.baselineCount === 1 ? 'once' : `${groupDigits(sibling.baselineCount)} times`}: "${sibling.template}"), so this is a new value of it more than a new event`;
  }
  // An error statement written about three times as often, significant on its own only: inconclusive (marginal).
  let weakNote: string | undefined;
  if (weak && !c.notRisk && kind === 'gone') {
    const share = Math.round((100 * c.cmp.baselineCount) / Math.max(1, baseline.totals.events));
    weakNote = `it was ${share}% of the baseline's events, so its absence asks for a look (a rule can mark it must-keep, to fail the canary, or not a risk)`;
  } else if (weak && !c.notRisk) {
    const growth = shareRatio(c.cmp);
    // significant, only short of a spike's growth: the counts are not what is small
    const shortOfGrowth = qValue < o.alpha && growth < o.minRatio;
    const why =
      shortOfGrowth
        ? `${growth.toFixed(2)}x the baseline's rate (q=${qValue.toPrecision(2)}) is a real rise, but less than the ${o.minRatio}x a spike needs`
        : qValue < o.alpha
        ? `its rate ratio's 95% interval reaches down to ${c.cmp.ratio.lower.toFixed(2)}x`
        : c.cmp.pGreater > o.alpha / 2
          ? `three times the baseline's rate, but p=${c.cmp.pGreater.toPrecision(2)} even for this signature alone`
          : `p=${c.cmp.pGreater.toPrecision(2)} for this signature alone, not significant once every signature tested is accounted for (q=${qValue.toPrecision(2)})`;
    weakNote = `${shortOfGrowth ? '' : 'the counts are small: '}${why}, so it asks for a look rather than failing the canary`;
  }
  const examplesFrom = kind === 'gone' || kind === 'drop' ? c.base : c.canary;
  const examples = param ? param.examples : (examplesFrom?.stats.examples.items.slice(0, o.examples) ?? []);
  const finding: Finding = {
    id: c.id,
    kind,
    // fewer or no events of a signature is informative, whatever that signature's severity (its level stays in
    // `level`), unless the rules say it must keep firing
    severity: (kind === 'drop' || kind === 'gone') && !c.mustKeep ? 'info' : c.severity,
    template: c.template,
    baselineCount: (c.pairedWith ? c.pairedWith.baselineCount : c.base?.stats.count) ?? 0,
    canaryCount: (c.pairedWith ? c.pairedWith.canaryCount : 0) + (c.canary?.stats.count ?? 0),
    risk,
    pValue: param ? param.pValue : kind === 'gone' || kind === 'drop' ? c.cmp.pLess : c.cmp.pGreater,
    qValue,
    rateRatio: c.cmp.ratio.estimate,
    rateRatioCI: [c.cmp.ratio.lower, c.cmp.ratio.upper],
    reason: '',
    examples,
    exampleCount: examplesFrom?.stats.examples.seen ?? 0,
  };
  const level = c.canary?.stats.dominantLevel() ?? c.base?.stats.dominantLevel();
  if (level !== undefined) finding.level = level;
  if (param) finding.param = { position: param.position, values: param.values, ...(param.also ? { also: param.also } : {}), ...(param.fresh ? { fresh: true } : {}) };
  if (c.pairedWith) finding.pairedWith = c.pairedWith;
  const timeline = buildTimeline(baseline, canary, c.base?.stats, c.canary?.stats);
  if (timeline) finding.timeline = timeline;
  const parameters = topParameters(c.base?.stats, c.canary?.stats);
  if (parameters.length > 0) finding.parameters = parameters;
  finding.reason = describeFinding(finding, { baselineEvents: baseline.totals.events, canaryEvents: canary.totals.events, notRisk: c.notRisk, rules: c.applied, ...(chanceNote ? { chanceNote } : {}), ...(weakNote ? { weakNote } : {}) });
  if (c.pairedWith) finding.reason += `; reworded from "${c.pairedWith.template}" (counted together)`;
  // inconclusive findings (a weak spike, a held new signature) count only as the largest risk
  if (weak || capped) onlyAsMax?.add(finding);
  return finding;
}

/**
 * True when the levels of the events may carry no information: every signature that has a level has the same
 * one, and it is info or lower (a Windows CBS log writes `Info` on every line, `Failed ...` ones included). The
 * caller also asks for failures written under that level in the baseline; severity then comes from the text,
 * as for logs without levels. Needs a few signatures: two or three may agree by chance.
 */
function uninformativeLevels(levels: ReadonlyArray<Level | undefined>): boolean {
  let only: Level | undefined;
  let withLevel = 0;
  for (const level of levels) {
    if (level === undefined) continue;
    if (only !== undefined && level !== only) return false;
    only = level;
    withLevel++;
  }
  return only !== undefined && withLevel >= MIN_SIGNATURES_FOR_LEVELS && levelSeverity(only) === 'info';
}

/**
 * A weak spike, not a spike (not significant once every signature is accounted for, or an interval too wide) but worth
 * a look (marginal):
 * - a warning or worse whose rise is significant (q < alpha) with a rate ratio of at least 1.5 at its lower 95% bound
 *   and 5 canary events, short of a spike's twofold growth: 1000 -> 1800 errors;
 * - an error or critical signature, present in the baseline, at least 2.5x as frequent in the canary with at least 5
 *   events and significant on its own (one-sided p <= alpha / 2): an error statement that went 6 -> 18;
 * - a warning or worse written three times as often as in the baseline (to within half an event), from at least 3
 *   baseline and 6 canary events, even where the counts are too small to be significant (3 -> 9, p = 0.07), unless
 *   some warning or worse went the other way as far (`thirded`): then chance explains both.
 */
function isWeakSpike(c: Candidate, canaryCount: number, alpha: number, thirded: boolean, qValue: number): boolean {
  if (c.notRisk || c.cmp.direction !== 'increase' || c.cmp.baselineCount === 0) return false;
  const severe = c.severity === 'error' || c.severity === 'critical';
  // Significant across every signature and at least 1.5x with 95% confidence, but short of a spike's twofold
  // growth (1000 -> 1800 errors): a real rise of something that went wrong, too small to fail a canary on, too sure
  // to leave out while a tripling on three events is reported. (On the interval's estimate instead of its lower
  // bound, random splits of real logs, whose events come in bursts, gave such rises: 31 -> 49 HDFS exceptions.)
  if ((severe || c.severity === 'warning') && qValue < alpha && canaryCount >= WEAK_SPIKE_MIN_COUNT && c.cmp.ratio.lower >= ELEVATED_MIN_RATIO) return true;
  if (severe && canaryCount >= WEAK_SPIKE_MIN_COUNT && c.cmp.ratio.estimate >= WEAK_SPIKE_MIN_RATIO && c.cmp.pGreater <= alpha / 2) return true;
  // Tripled: a warning or worse written at three times its baseline rate, on counts too small to be significant
  // (3 -> 9). Counts are whole events, so "three times" allows half an event of rounding.
  // Where some warning or worse went the other way as far (written a third as often), chance does that here.
  return (
    !thirded &&
    (severe || c.severity === 'warning') &&
    c.cmp.baselineCount >= TRIPLED_MIN_BASELINE &&
    canaryCount >= TRIPLED_MIN_COUNT &&
    canaryCount + 0.5 >= TRIPLED * c.cmp.expectedCanaryCount
  );
}
/**
 * True when a signature new in the canary, of the same severity, took about the place of `gone` (its count within a
 * factor of two of what `gone` would have had): a statement reworded past what the alignment pairs (`stock reserved`
 * -> `registered reserved`), not a statement that stopped.
 */
function replaced(gone: Candidate, candidates: readonly Candidate[]): boolean {
  const expected = gone.cmp.expectedCanaryCount;
  return candidates.some((x) => x.cmp.baselineCount === 0 && x.severity === gone.severity && x.cmp.canaryCount >= expected / 2 && x.cmp.canaryCount <= expected * 2);
}

/** The mirror image of a tripled signature: a warning or worse written a third as often in the canary as before. */
function isThirded(c: Candidate): boolean {
  if (c.severity === 'info' || c.cmp.canaryTotal === 0) return false;
  const b = c.cmp.baselineCount;
  const n = c.cmp.canaryCount;
  return n >= TRIPLED_MIN_BASELINE && b >= TRIPLED_MIN_COUNT && b + 0.5 >= (TRIPLED * n * c.cmp.baselineTotal) / c.cmp.canaryTotal;
}
/** Signatures of one severity seen only in the baseline from which new ones in the canary need strong evidence to fail it. */
const VOLATILE_MIN_VANISHED = 5;
const WEAK_SPIKE_MIN_COUNT = 5;
const WEAK_SPIKE_MIN_RATIO = 2.5;
/** A signature gone from the canary weighs as a weak finding (marginal) from this share of the baseline's events... */
const GONE_MAJOR_SHARE = 0.02;
/**
 * ...and this many events expected in the canary at the baseline's rate: statements come in bursts, so a few dozen
 * baseline events missing from a canary a quarter of the size (6 expected) is what a random subsample does.
 */
const GONE_MAJOR_EXPECTED = 20;
/** Least lower 95% bound of the rate ratio of a significant rise of a warning or worse reported as a weak spike. */
const ELEVATED_MIN_RATIO = 1.5;
const TRIPLED = 3;
const TRIPLED_MIN_BASELINE = 3;
const TRIPLED_MIN_COUNT = 6;

/** Signatures with a level before a single level everywhere is taken to say nothing. */
const MIN_SIGNATURES_FOR_LEVELS = 8;

/**
 * The growth of a spike, for its minRatio gate and its risk: how much the signature grew against all other events,
 * (c / (C - c)) / (b / (B - b)), when larger than the rate ratio. For a rare signature the two agree; for one that is
 * a large share of a side it is larger, because the extra events swell the canary's total too (a signature that was a
 * quarter of the log and is written 10x as often shows a rate ratio of 3, but grew 8x against everything else).
 */
function shareRatio(cmp: RateComparison): number {
  const rate = cmp.ratio.estimate;
  const restB = cmp.baselineTotal - cmp.baselineCount;
  const restC = cmp.canaryTotal - cmp.canaryCount;
  if (!(restB > 0 && restC > 0 && cmp.baselineCount > 0)) return rate;
  return Math.max(rate, (cmp.canaryCount / restC) / (cmp.baselineCount / restB));
}
