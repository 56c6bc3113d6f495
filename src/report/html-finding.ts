/** The findings table and the per-finding detail cards of the HTML report. */
import type { Finding, ParameterComparison, Report, ValueCount } from '../compare/types.js';
import { escapeHtml } from './escape-html.js';
import { KIND_LABEL, SEVERITY_ORDER, formatCount, formatP, formatRate, formatRateRatio, formatRatio, ratePer1k, formatScore } from './format.js';
import { timelineSvg } from './html-svg.js';
import { oneLine, truncate } from './visible.js';

const e = escapeHtml;

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'an unknown time' : d.toISOString();
}

/** Sort key for a numeric cell: finite numbers as they are, infinities at the ends, NaN first. */
function sortValue(n: number): string {
  if (Number.isNaN(n)) return '-1e309';
  if (n === Infinity) return '1e308';
  if (n === -Infinity) return '-1e308';
  return String(n);
}

/** The template as code with each `<*>` variable highlighted and numbered. */
export function templateHtml(template: string): string {
  const parts = template.split('<*>');
  return parts
    .map((part, i) => (i === 0 ? e(part) : `<mark class="var" title="variable ${i}">&lt;*&gt;</mark>${e(part)}`))
    .join('');
}

function link(i: number, withCards: number, inner: string): string {
  return i < withCards ? `<a href="#f-${i + 1}">${inner}</a>` : inner;
}

/**
 * One row per finding; cells carry `data-v` sort keys read by the page script. `empty` is what the table says
 * when there is no finding (see noFindingsNote).
 */
export function findingsTable(ordered: readonly Finding[], withCards: number, empty: string): string {
  const num = (n: number, text: string): string => `<td class="num" data-v="${sortValue(n)}">${text}</td>`;
  const rows = ordered.map((f, i) => {
    const rank = SEVERITY_ORDER.indexOf(f.severity);
    return `<tr data-i="${i}" data-severity="${f.severity}">` +
      num(i + 1, String(i + 1)) +
      `<td data-v="${rank}"><span class="badge sev-${f.severity}">${f.severity}</span></td>` +
      `<td data-v="${f.kind}" class="kind">${f.kind}</td>` +
      `<td class="tpl" data-v="${e(f.template)}">${link(i, withCards, `<code>${templateHtml(truncate(f.template, 240))}</code>`)}</td>` +
      num(f.baselineCount, formatCount(f.baselineCount)) +
      num(f.canaryCount, formatCount(f.canaryCount)) +
      num(f.rateRatio, formatRatio(f.rateRatio)) +
      num(f.qValue, formatP(f.qValue)) +
      num(f.risk, formatScore(f.risk)) +
      '</tr>';
  });
  const th = (label: string, type: 'number' | 'text', cls = ''): string =>
    `<th scope="col"${cls ? ` class="${cls}"` : ''}><button type="button" data-type="${type}">${label}</button></th>`;
  const severities = SEVERITY_ORDER.map((s) => `<option value="${s}">${s}</option>`).join('');
  return `<div class="tools" id="table-tools" hidden>` +
    `<input id="filter" type="search" placeholder="Filter findings (template, kind, severity)" aria-label="Filter findings" autocomplete="off">` +
    `<select id="severity-filter" aria-label="Severity"><option value="">All severities</option>${severities}</select>` +
    `<span class="count" id="filter-count" aria-live="polite"></span></div>` +
    `<table id="findings-table"><thead><tr>${th('#', 'number', 'num')}${th('Severity', 'number')}${th('Kind', 'text')}` +
    `${th('Template', 'text')}${th('Baseline', 'number', 'num')}${th('Canary', 'number', 'num')}` +
    `${th('Rate ratio', 'number', 'num')}${th('q', 'number', 'num')}${th('Risk', 'number', 'num')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>` +
    (ordered.length === 0 ? `<p class="note">${escapeHtml(empty)}</p>` : '');
}

function valueTable(p: ParameterComparison, labels: { baseline: string; canary: string }): string {
  const byValue = new Map<string, { b: number; c: number }>();
  const add = (list: ValueCount[], side: 'b' | 'c'): void => {
    for (const v of list) {
      const row = byValue.get(v.value) ?? { b: 0, c: 0 };
      row[side] += v.count;
      byValue.set(v.value, row);
    }
  };
  add(p.baseline, 'b');
  add(p.canary, 'c');
  const rows = [...byValue.entries()]
    .sort((x, y) => y[1].c - x[1].c || y[1].b - x[1].b)
    .map(([value, n]) => {
      const isNew = n.b === 0 && n.c > 0 && p.baseline.length > 0;
      return `<tr><td><code>${e(oneLine(truncate(value, 200)))}</code>${isNew ? '<span class="new">new</span>' : ''}</td>` +
        `<td class="num">${formatCount(n.b)}</td><td class="num">${formatCount(n.c)}</td></tr>`;
    });
  return `<table><caption>Variable ${p.position + 1}</caption><thead><tr><th>Value</th><th class="num">${e(labels.baseline)}</th>` +
    `<th class="num">${e(labels.canary)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function parameterSection(f: Finding, labels: { baseline: string; canary: string }): string {
  const tables = (f.parameters ?? []).map((p) => valueTable(p, labels));
  if (f.param && f.param.values.length > 0 && !(f.parameters ?? []).some((p) => p.position === f.param?.position)) {
    tables.unshift(valueTable({ position: f.param.position, baseline: [], canary: f.param.values }, labels));
  }
  return tables.length === 0 ? '' : `<h4>Parameters</h4><div class="params">${tables.join('')}</div>`;
}

function examplesSection(f: Finding): string {
  if (f.examples.length === 0) return '';
  const seen = Math.max(f.exampleCount ?? f.examples.length, f.examples.length);
  const pre = (x: string): string => `<pre><code>${e(x)}</code></pre>`;
  const [first, ...rest] = f.examples;
  const more = rest.length > 0 ? `<details><summary>${rest.length} more example${rest.length > 1 ? 's' : ''}</summary>${rest.map(pre).join('')}</details>` : '';
  return `<h4>Examples <span class="kind">(${f.examples.length} kept of ${formatCount(seen)} seen)</span></h4>${pre(first as string)}${more}`;
}

/** A detail card: template, reason, statistics, timeline, parameter values, examples. */
export function findingCard(f: Finding, n: number, report: Report, labels: { baseline: string; canary: string }): string {
  const rateB = formatRate(ratePer1k(f.baselineCount, report.baseline));
  const rateC = formatRate(ratePer1k(f.canaryCount, report.canary));
  const stats = [
    [e(labels.baseline), `${formatCount(f.baselineCount)} <span class="kind">(${rateB} per 1k events)</span>`],
    [e(labels.canary), `${formatCount(f.canaryCount)} <span class="kind">(${rateC} per 1k events)</span>`],
    ['Rate ratio', formatRateRatio(f)],
    ['p-value', formatP(f.pValue)],
    ['q-value (BH)', formatP(f.qValue)],
    ['Risk', `${formatScore(f.risk)} / 100`],
    ['Signature', `<code>${e(f.id)}</code>`],
  ].map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
  // A timeline whose buckets are all empty says nothing (the counted events had no timestamps).
  const hasTimeline = f.timeline !== undefined && [...f.timeline.baseline, ...f.timeline.canary].some((c) => c > 0);
  const timeline = hasTimeline && f.timeline
    ? `<figure>${timelineSvg(f.timeline)}<figcaption><span class="key key-baseline"></span>${e(labels.baseline)} from ${iso(f.timeline.baselineStart)} ` +
      `&nbsp; <span class="key key-canary"></span>${e(labels.canary)} from ${iso(f.timeline.canaryStart)}</figcaption></figure>`
    : '<p class="note">No timeline: the events had no timestamps.</p>';
  return `<article class="finding sev-${f.severity}" id="f-${n}" data-severity="${f.severity}">` +
    `<div class="finding-head"><span class="badge sev-${f.severity}">${f.severity}</span>` +
    `<span class="kind">#${n} \u00b7 ${f.kind} \u00b7 ${KIND_LABEL[f.kind]}</span></div>` +
    `<h3><code>${templateHtml(f.template)}</code></h3><p class="reason">${e(f.reason)}</p>` +
    `<div class="grid"><dl class="stats">${stats}</dl>${timeline}</div>` +
    parameterSection(f, labels) + examplesSection(f) + '</article>';
}
