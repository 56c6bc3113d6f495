import type { Caveat, Finding, FindingKind, Report, Severity, SideSummary, Verdict } from '../compare/types.js';
import { groupDigits } from '../compare/numbers.js';

/** Severities from the most to the least serious; the order findings are grouped in. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'error', 'warning', 'info'];

/** Words a release engineer reads for each finding kind. */
export const KIND_LABEL: Record<FindingKind, string> = {
  novel: 'new in canary',
  spike: 'more frequent',
  param: 'new parameter values',
  drop: 'less frequent',
  gone: 'gone in canary',
};

/** Headline word for each verdict. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  pass: 'PASS',
  marginal: 'MARGINAL',
  fail: 'FAIL',
};

/** An integer count with thousands separators, e.g. `12,345` (en-US on every machine: tests and diffs depend on it). */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? groupDigits(n, 0) : 'n/a';
}

/** A 0..100 score or risk, rounded; `n/a` when the producer sent no number. */
export function formatScore(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)) : 'n/a';
}

/** A p- or q-value: fixed notation down to 0.001, scientific below. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p === 0) return '0';
  if (p >= 0.001) return p.toFixed(p >= 0.1 ? 2 : 3);
  return p.toExponential(1);
}

/** A ratio with three significant digits (`1.50`, `12.3`, `850`), or `n/a`. */
export function formatRatio(r: number): string {
  if (Number.isNaN(r)) return 'n/a';
  if (r === Infinity) return '\u221e';
  if (r === 0) return '0';
  if (r >= 1000) return groupDigits(r, 0);
  return Number(r.toPrecision(3)).toString();
}

/** Events of this signature per 1,000 events of its side; `NaN` when the side has no events. */
export function ratePer1k(count: number, side: SideSummary): number {
  return side.events > 0 ? (count / side.events) * 1000 : Number.NaN;
}

/** A rate per 1k events with three significant digits (`0.62`, `29.4`, `187`), or `<0.01`. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return 'n/a';
  if (rate === 0) return '0';
  if (rate < 0.01) return '<0.01';
  return rate >= 1000 ? groupDigits(rate, 0) : Number(rate.toPrecision(3)).toString();
}

/** `rate ratio 3.10 (95% CI 2.01–4.77)` style text, CI only when present. */
export function formatRateRatio(f: Finding): string {
  const ci = f.rateRatioCI ? ` (95% CI ${formatRatio(f.rateRatioCI[0])}\u2013${formatRatio(f.rateRatioCI[1])})` : '';
  return `${formatRatio(f.rateRatio)}${ci}`;
}

/**
 * Findings ordered for reading: by severity (critical first), then by risk (highest first),
 * keeping the report's own order for ties.
 */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  const rank = (s: Severity): number => SEVERITY_ORDER.indexOf(s);
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity) || b.finding.risk - a.finding.risk || a.index - b.index)
    .map((x) => x.finding);
}

/** How many findings each severity has, e.g. `1 critical, 2 error`. */
export function severityCounts(report: Report): string {
  const parts = SEVERITY_ORDER.map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** `12,000 events (12,345 lines)`. */
export function formatSide(side: SideSummary): string {
  return `${formatCount(side.events)} events (${formatCount(side.lines)} lines)`;
}

/**
 * What a report with no findings says: that the logs match, that a side had no events, or, from the report's
 * caveats (never the wording of its warnings), why no findings does not mean they match. A report without
 * caveats (one saved before they existed) has none.
 */
export function noFindingsNote(report: Pick<Report, 'baseline' | 'canary' | 'caveats'>): string {
  const has = (c: Caveat): boolean => report.caveats?.includes(c) === true;
  if (report.baseline.events === 0 || report.canary.events === 0) return 'No findings: a side has no events, so nothing was compared.';
  if (has('baseline-small') || has('canary-small')) return 'No findings, but a side has too few events for that to mean the logs match (see the warning).';
  if (has('canary-unlike')) return 'No findings, but the canary\u2019s events are mostly unlike the baseline\u2019s (see the warning).';
  if (has('rules-ignored')) return 'No findings in what the rules left to compare (see the warning on what they ignored).';
  if (has('templates-evicted')) return 'No findings, but the miner evicted templates, so the comparison is less exact (see the warning).';
  return 'No findings: the canary\u2019s logs match the baseline\u2019s.';
}
