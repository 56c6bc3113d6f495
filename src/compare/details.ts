import type { Profile } from '../profile/profile.js';
import type { SignatureStats } from '../profile/signature-stats.js';
import type { ParameterComparison, Timeline } from './types.js';

function series(profile: Profile, stats: SignatureStats | undefined, width: number): { start: number; counts: number[] } | undefined {
  const range = profile.timeRange;
  if (range === null) return undefined;
  const factor = Math.max(1, Math.round(width / profile.bucketMs));
  const first = Math.floor(range[0] / width);
  const last = Math.floor(range[1] / width);
  const counts = new Array<number>(last - first + 1).fill(0);
  if (stats) {
    for (const [b, c] of stats.buckets) {
      const k = Math.floor(b / factor) - first;
      if (k >= 0 && k < counts.length) counts[k]! += c;
    }
  }
  return { start: first * width, counts };
}

/** Counts per time bucket of one signature on both sides, at the coarser of the two resolutions. */
export function buildTimeline(baseline: Profile, canary: Profile, base?: SignatureStats, can?: SignatureStats): Timeline | undefined {
  const width = Math.max(baseline.bucketMs, canary.bucketMs);
  const b = series(baseline, base, width);
  const c = series(canary, can, width);
  if (!b || !c) return undefined;
  return { bucketMs: width, baselineStart: b.start, canaryStart: c.start, baseline: b.counts, canary: c.counts };
}

/** The top values of each variable (at most 8 variables, 5 values each) on both sides. */
export function topParameters(base?: SignatureStats, can?: SignatureStats): ParameterComparison[] {
  const n = Math.min(8, Math.max(base?.variables.length ?? 0, can?.variables.length ?? 0));
  const out: ParameterComparison[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      position: i,
      baseline: base?.variables[i]?.values.top(5) ?? [],
      canary: can?.variables[i]?.values.top(5) ?? [],
    });
  }
  return out;
}
