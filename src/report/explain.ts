import type { SignatureExplanation, SignatureSide } from '../compare/explain.js';
import { formatCount, formatP, formatRatio } from './format.js';
import { firstLines, oneLine, visibleControls } from './visible.js';

function side(name: string, s: SignatureSide): string {
  const levels = Object.entries(s.levels)
    .map(([l, n]) => `${l} ${formatCount(n)}`)
    .join(', ');
  const per1k = s.events > 0 ? ((s.count / s.events) * 1000).toPrecision(3) : '0';
  return `  ${name.padEnd(9)}${formatCount(s.count)} of ${formatCount(s.events)} events (${per1k}/1k)${levels ? `  levels: ${levels}` : ''}`;
}

function sparkline(counts: readonly number[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  const max = Math.max(0, ...counts);
  return counts.map((c) => (c === 0 ? '·' : bars[Math.min(7, Math.floor((c / max) * 7.999))])).join('');
}

/**
 * Renders a {@link SignatureExplanation} as plain text for a terminal (log text made visible and one
 * line per value, as in the text report).
 *
 * @example
 * ```ts
 * process.stdout.write(renderExplanation(explainSignature(base, canary, 'a1028743')));
 * ```
 */
export function renderExplanation(e: SignatureExplanation): string {
  const out: string[] = [];
  out.push(`signature ${e.id}`, `  ${oneLine(e.template)}`, '');
  out.push('counts');
  out.push(side('baseline', e.baseline), side('canary', e.canary));
  const st = e.statistics;
  out.push('', 'statistics');
  out.push(`  expected in the canary at the baseline rate: ${st.expectedCanaryCount.toFixed(1)}, observed ${formatCount(st.canaryCount)} (${st.direction})`);
  out.push(`  rate ratio ${formatRatio(st.ratio.estimate)} (95% CI ${formatRatio(st.ratio.lower)}-${formatRatio(st.ratio.upper)})  p(greater) ${formatP(st.pGreater)}  p(less) ${formatP(st.pLess)}`);
  const matches = e.severity.matches.map((m) => `${oneLine(m.text)}=${m.severity}${m.status === 'asserted' ? '' : ` (${m.status})`}`);
  out.push('', `severity ${e.severity.severity} (from ${e.severity.source}${matches.length ? `: ${matches.join(', ')}` : ''})`);
  out.push('', 'rules', ...(e.rules.length ? e.rules.map((r) => `  ${oneLine(r)}`) : ['  none applied']));
  if (e.rewording) {
    const w = e.rewording;
    out.push('', `rewording (similarity ${w.similarity.toFixed(2)}, shared words ${w.sharedWords.toFixed(2)}; compared as one signature)`);
    out.push(`  baseline ${w.baselineId}  ${oneLine(w.baselineTemplate)}`, `  canary   ${w.canaryId}  ${oneLine(w.canaryTemplate)}`);
    out.push(`  words removed: ${w.removed.map(oneLine).join(', ') || '-'}; added: ${w.added.map(oneLine).join(', ') || '-'}`);
  }
  if (e.family) out.push('', `family ${e.family.index} (${oneLine(e.family.label) || 'no shared words'}): ${e.family.findings.join(', ')}`);
  out.push('', 'findings', ...(e.findings.length ? e.findings.map((f) => `  ${f.kind} ${f.severity} risk ${f.risk}: ${oneLine(f.reason)}`) : ['  none (no significant change)']));
  if (e.timeline) {
    const t = e.timeline;
    out.push('', `timeline (buckets of ${Math.round(t.bucketMs / 1000)} s)`, `  baseline ${sparkline(t.baseline)}`, `  canary   ${sparkline(t.canary)}`);
  }
  if (e.parameters.length) {
    out.push('', 'parameters (top values: baseline | canary)');
    for (const p of e.parameters) {
      const fmt = (vs: ReadonlyArray<{ value: string; count: number }>) => vs.map((v) => `${oneLine(v.value)} (${formatCount(v.count)})`).join(', ') || '-';
      out.push(`  <*>${p.position + 1}: ${fmt(p.baseline)} | ${fmt(p.canary)}`);
    }
  }
  for (const [name, s] of [['baseline', e.baseline], ['canary', e.canary]] as const) {
    if (s.examples.length === 0) continue;
    out.push('', `${name} examples`);
    for (const ex of s.examples) {
      const { text, omitted } = firstLines(visibleControls(ex), 10);
      out.push(...text.split('\n').map((l) => `  | ${l}`), ...(omitted ? [`  | ... ${omitted} more lines`] : []));
    }
  }
  return out.join('\n') + '\n';
}
