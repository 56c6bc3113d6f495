import type { Finding } from './types.js';
import { groupDigits } from './numbers.js';

/** What a reason may mention besides the finding itself. */
export interface ReasonContext {
  baselineEvents: number;
  canaryEvents: number;
  notRisk: boolean;
  rules: string[];
  chanceNote?: string;
  /** Why a weak spike is not conclusive. */
  weakNote?: string;
}

const fmt = (n: number): string => groupDigits(n);
const times = (r: number): string => (r >= 10 ? r.toFixed(0) : r.toFixed(1)) + 'x';
const p = (x: number): string => (x < 1e-4 ? x.toExponential(0) : x.toPrecision(2));

/** One line, in words a release engineer understands, saying why the finding exists and how sure we are. */
export function describeFinding(f: Finding, ctx: ReasonContext): string {
  const sev = f.severity === 'info' ? '' : `${f.severity} `;
  let text: string;
  switch (f.kind) {
    case 'novel':
      text = `New ${sev}event: ${fmt(f.canaryCount)} in the canary, never seen in ${fmt(ctx.baselineEvents)} baseline events (p=${p(f.pValue)})`;
      break;
    case 'spike':
      text = `${times(f.rateRatio)} more frequent in the canary: ${fmt(f.canaryCount)} vs ${fmt(f.baselineCount)} in the baseline, rate ratio ${times(f.rateRatio)} (95% CI ${times(f.rateRatioCI?.[0] ?? f.rateRatio)}-${times(f.rateRatioCI?.[1] ?? f.rateRatio)}, q=${p(f.qValue)})`;
      break;
    case 'drop':
      text = `${times(1 / f.rateRatio)} less frequent in the canary: ${fmt(f.canaryCount)} vs ${fmt(f.baselineCount)} in the baseline (q=${p(f.qValue)})`;
      break;
    case 'gone':
      text = `Gone from the canary: ${fmt(f.baselineCount)} baseline events, none in ${fmt(ctx.canaryEvents)} canary events (q=${p(f.qValue)})`;
      break;
    case 'param': {
      const vals = (f.param?.values ?? []).slice(0, 3).map((v) => `${v.value} (${fmt(v.count)})`).join(', ');
      const also = f.param?.also?.length ? ` (and ${f.param.also.map((a) => a + 1).join(', ')}, same values)` : '';
      const how = f.param?.fresh ? 'the baseline never showed there' : 'more often than in the baseline';
      text = `Variable ${(f.param?.position ?? 0) + 1}${also} takes ${sev}values ${how}: ${vals} (p=${p(f.pValue)})`;
      break;
    }
  }
  if (ctx.chanceNote) text += `; low risk: ${ctx.chanceNote}`;
  if (ctx.weakNote) text += `; not conclusive: ${ctx.weakNote}`;
  if (ctx.notRisk) text += '; marked not a risk by the rules';
  else if (ctx.rules.length > 0) text += `; rules: ${ctx.rules.join(', ')}`;
  return text;
}
