/**
 * The report's charts as inline SVG strings: no script, no external resource, colors from the
 * page's stylesheet (classes), so they print and pass a `default-src 'none'` policy.
 */
import type { Finding, Report, Timeline, Verdict } from '../compare/types.js';
import { escapeHtml } from './escape-html.js';
import { formatRate, ratePer1k } from './format.js';
import { oneLine, truncate } from './visible.js';

/**
 * Score thresholds of the HTML report gauge's colored zones (fail below `marginal`, pass from `pass`).
 *
 * @example
 * ```ts
 * renderHtml(report, { thresholds: { pass: 80, marginal: 60 } });
 * ```
 */
export interface GaugeThresholds {
  /** Lowest passing score. */
  pass: number;
  /** Lowest marginal score. */
  marginal: number;
}

const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();
const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Number.isFinite(n) ? n : lo));

function gaugePoint(score: number, radius: number): [number, number] {
  const angle = Math.PI * (1 - clamp(score, 0, 100) / 100);
  return [100 + radius * Math.cos(angle), 100 - radius * Math.sin(angle)];
}

function arc(from: number, to: number, radius: number, cls: string): string {
  const [x0, y0] = gaugePoint(from, radius);
  const [x1, y1] = gaugePoint(to, radius);
  return `<path class="${cls}" d="M${r1(x0)} ${r1(y0)}A${radius} ${radius} 0 0 1 ${r1(x1)} ${r1(y1)}"/>`;
}

/** A half-circle gauge of the score (0 left, 100 right) over fail/marginal/pass zones. */
export function gaugeSvg(score: number, verdict: Verdict, t: GaugeThresholds): string {
  const known = Number.isFinite(score);
  const s = clamp(score, 0, 100);
  const [nx, ny] = gaugePoint(s, 80);
  const label = known ? String(Math.round(s)) : 'n/a';
  return [
    `<svg class="gauge" viewBox="0 0 200 118" width="200" height="118" role="img" aria-label="Score ${label} of 100, verdict ${verdict}">`,
    `<title>Score ${label} of 100</title>`,
    arc(0, t.marginal, 80, 'zone zone-fail'),
    arc(t.marginal, t.pass, 80, 'zone zone-marginal'),
    arc(t.pass, 100, 80, 'zone zone-pass'),
    known && s > 0 ? arc(0, s, 80, `value value-${verdict}`) : '',
    known ? `<circle class="marker marker-${verdict}" cx="${r1(nx)}" cy="${r1(ny)}" r="9"/>` : '',
    `<text class="gauge-score" x="100" y="96" text-anchor="middle">${label}</text>`,
    '<text class="gauge-min" x="20" y="116" text-anchor="middle">0</text>',
    '<text class="gauge-max" x="180" y="116" text-anchor="middle">100</text>',
    '</svg>',
  ].join('');
}

/**
 * Grouped horizontal bars: baseline and canary rate (events per 1k events of each side) of the
 * given findings, one row each, on one linear scale.
 */
export function rateBarsSvg(findings: readonly Finding[], report: Report): string {
  const rows = findings.map((f) => ({
    f,
    b: ratePer1k(f.baselineCount, report.baseline),
    c: ratePer1k(f.canaryCount, report.canary),
  }));
  const max = Math.max(1e-9, ...rows.flatMap((r) => [r.b, r.c].filter(Number.isFinite)));
  const labelW = 430;
  const barW = 480;
  const rowH = 40;
  const height = rows.length * rowH + 8;
  const bar = (v: number, y: number, cls: string): string => {
    const w = Number.isFinite(v) && v > 0 ? Math.max(1.5, (v / max) * barW) : 0;
    return `<rect class="${cls}" x="${labelW}" y="${y}" width="${r1(w)}" height="13" rx="2"/>` +
      `<text class="bar-value" x="${r1(labelW + w + 6)}" y="${y + 11}">${formatRate(v)}</text>`;
  };
  const body = rows.map((r, i) => {
    const y = i * rowH + 6;
    const label = escapeHtml(oneLine(truncate(r.f.template, 56)));
    return `<g class="bar-row sev-${r.f.severity}"><title>${escapeHtml(oneLine(truncate(r.f.template, 300)))}</title>` +
      `<text class="bar-label" x="${labelW - 22}" y="${y + 19}" text-anchor="end">${label}</text>` +
      `<circle class="sev-dot" cx="${labelW - 11}" cy="${y + 15}" r="4.5"/>` +
      bar(r.b, y, 'bar-baseline') + bar(r.c, y + 15, 'bar-canary') + '</g>';
  });
  return `<svg class="rate-bars" viewBox="0 0 1000 ${height}" width="1000" height="${height}" role="img" aria-label="Baseline and canary rates per 1,000 events of the top ${rows.length} signatures">` +
    `<line class="axis" x1="${labelW}" y1="0" x2="${labelW}" y2="${height}"/>${body.join('')}</svg>`;
}

function series(values: readonly number[], n: number, max: number, cls: string): string {
  if (values.length === 0) return '';
  const x = (i: number): number => 36 + (n <= 1 ? 0 : (i / (n - 1)) * 554);
  const y = (v: number): number => 96 - (clamp(v, 0, max) / max) * 84;
  const pts = values.map((v, i) => `${r1(x(i))},${r1(y(v))}`);
  const area = `M${r1(x(0))},96L${pts.join('L')}L${r1(x(values.length - 1))},96Z`;
  return `<path class="area ${cls}" d="${area}"/><polyline class="line ${cls}" points="${pts.join(' ')}"/>`;
}

function duration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}

/**
 * Counts per time bucket of one signature on both sides, each side from its own start (the
 * baseline and the canary usually ran at different times), on one shared count axis.
 */
export function timelineSvg(t: Timeline): string {
  const n = Math.max(t.baseline.length, t.canary.length, 1);
  // A loop, not Math.max(...values): long timelines would overflow the argument list.
  let max = 1;
  for (const v of [t.baseline, t.canary].flat()) if (Number.isFinite(v) && v > max) max = v;
  const span = duration(t.bucketMs * n);
  return `<svg class="timeline" viewBox="0 0 600 118" width="100%" role="img" aria-label="Counts per ${duration(t.bucketMs)} bucket, baseline and canary">` +
    `<line class="axis" x1="36" y1="96" x2="590" y2="96"/><line class="axis" x1="36" y1="10" x2="36" y2="96"/>` +
    `<text class="tick" x="30" y="16" text-anchor="end">${max}</text><text class="tick" x="30" y="98" text-anchor="end">0</text>` +
    series(t.baseline, n, max, 'tl-baseline') + series(t.canary, n, max, 'tl-canary') +
    `<text class="tick" x="36" y="112">start</text><text class="tick" x="590" y="112" text-anchor="end">+${span}</text></svg>`;
}
