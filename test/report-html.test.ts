import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Finding, type Report, renderHtml } from '../src/index.js';

const load = (name: string): Report => JSON.parse(readFileSync(new URL(`../fixtures/report/${name}`, import.meta.url), 'utf8')) as Report;
const demo = load('demo.json');
const html = renderHtml(demo);
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

describe('renderHtml', () => {
  it('lists every rewording it paired, templates escaped', () => {
    const rewordings = [{ baselineId: 'a', baselineTemplate: 'Order <*> placed by <b>', canaryId: 'b', canaryTemplate: 'Order <*> created by <b>', similarity: 0.8, sharedWords: 0.6, removed: ['placed'], added: ['created'] }];
    const html = renderHtml({ ...demo, rewordings });
    expect(html).toContain('<h2>Rewordings paired (1)</h2>');
    expect(html).toContain('<td><code>Order &lt;*&gt; placed by &lt;b&gt;</code></td><td><code>Order &lt;*&gt; created by &lt;b&gt;</code></td><td><code>placed</code></td><td><code>created</code></td>');
    expect(renderHtml(demo)).not.toContain('id="rewordings"');
  });

  it('renderHtml(report) opens with the verdict, the score and a gauge, before the charts and the table', () => {
    const at = ['<svg class="gauge"', 'id="verdict">FAIL<', 'score 18/100', '<svg class="rate-bars"', '<table id="findings-table"'].map((s) => html.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('<title>FAIL \u00b7 logsift report</title>');
  });

  it('renderHtml(report) carries a strict CSP that allows exactly its own inline style and script by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(csp.split('; ')).toEqual([
      "default-src 'none'", `style-src 'sha256-${sha256(style)}'`, `script-src 'sha256-${sha256(script)}'`,
      'img-src data:', "base-uri 'none'", "form-action 'none'",
    ]);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('renderHtml(report) references nothing outside the file', () => {
    // Inside tags only: log text may say "src=" as long as it stays text.
    const tags = (html.match(/<[a-zA-Z][^>]*>/g) ?? []).map((t) => t.replace(/="[^"]*"/g, '=""'));
    expect(tags.filter((t) => /\s(src|srcset|action|formaction|background|poster|on[a-z]+|style)=/i.test(t))).toEqual([]);
    expect(/@import|@font-face|url\(/i.test(html)).toBe(false);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.every((h) => /^#f-\d+$|^data:,$/.test(h ?? ''))).toBe(true);
  });

  it('renderHtml(report) shows log lines with <script>, onerror and javascript: as text', () => {
    expect(html.match(/<script/g)?.length).toBe(1);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt; login failed for user=');
    expect(html).toContain('from &quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
    expect(html).toContain('javascript:window.__pwned=6');
    expect(html).not.toContain('<img');
  });

  it('renderHtml(report) highlights each <*> variable of a template', () => {
    expect(html).toContain('<code>Request to <mark class="var" title="variable 1">&lt;*&gt;</mark> failed with status <mark class="var" title="variable 2">&lt;*&gt;</mark>');
  });

  it('renderHtml(report) draws a timeline only for findings whose events had timestamps', () => {
    const withTimeline = demo.findings.filter((f) => f.timeline).length;
    expect(withTimeline).toBe(4);
    expect(html.match(/<svg class="timeline"/g)?.length).toBe(withTimeline);
    expect(html.match(/No timeline: the events had no timestamps/g)?.length).toBe(demo.findings.length - withTimeline);
  });

  it('renderHtml(report) draws baseline and canary rate bars for the top signatures', () => {
    expect(html.match(/<g class="bar-row/g)?.length).toBe(8);
    expect(renderHtml(demo, { topSignatures: 3 }).match(/<g class="bar-row/g)?.length).toBe(3);
    // 402 of 49,406 canary events is 8.14 per 1k; 31 of 50,120 baseline events is 0.619.
    expect(html).toMatch(/class="bar-baseline"[^>]*\/><text class="bar-value"[^>]*>0.619<\/text><rect class="bar-canary"[^>]*\/><text class="bar-value"[^>]*>8.14</);
  });

  it('renderHtml(report) lists parameter values of both sides and marks values new in the canary', () => {
    expect(html).toContain('<tr><td><code>503</code><span class="new">new</span></td><td class="num">0</td><td class="num">371</td></tr>');
    expect(html).toContain('<tr><td><code>500</code></td><td class="num">25</td><td class="num">31</td></tr>');
  });

  it('renderHtml(report) shows multi-line examples whole', () => {
    const npe = demo.findings[0]?.examples[0] ?? '';
    expect(npe.split('\n').length).toBe(8);
    expect(html).toContain(`<pre><code>${npe.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code></pre>`);
  });

  it('renderHtml(report) gives the statistics of each finding: counts, rates, rate ratio with CI, p and q', () => {
    expect(html).toContain('<dt>Rate ratio</dt><dd>13.2 (95% CI 9.2\u201318.9)</dd><dt>p-value</dt><dd>4.0e-90</dd><dt>q-value (BH)</dt><dd>9.6e-89</dd>');
    expect(html).toContain('<dd>402 <span class="kind">(8.14 per 1k events)</span></dd>');
  });

  it('renderHtml(report) has a findings table with sortable columns and a filter, one row per finding', () => {
    const rows = html.match(/<tr data-i="\d+" data-severity="[a-z]+">/g) ?? [];
    expect(rows.length).toBe(demo.findings.length);
    expect(html.match(/<th scope="col"[^>]*><button type="button"/g)?.length).toBe(9);
    expect(html).toContain('<input id="filter" type="search"');
  });

  it('renderHtml(report) has print styles', () => {
    expect(html).toContain('@media print{');
  });

  it('renderHtml(report, options) uses the given side labels and title, escaped', () => {
    const out = renderHtml(demo, { baselineLabel: 'v1 <old>', canaryLabel: 'v2 "new"', title: 'Checkout & co' });
    expect(out).toContain('<dt>v1 &lt;old&gt;</dt>');
    expect(out).toContain('v2 &quot;new&quot;');
    expect(out).toContain('<title>FAIL \u00b7 Checkout &amp; co</title>');
  });

  it('renderHtml(report) is the same for the same report', () => {
    expect(renderHtml(structuredClone(demo))).toBe(html);
  });

  it('renderHtml(report) survives numbers a producer should not send (NaN, Infinity, bad timestamps)', () => {
    const odd: Finding = {
      ...(demo.findings[1] as Finding),
      rateRatio: Number.POSITIVE_INFINITY, pValue: Number.NaN, risk: Number.NaN,
      timeline: { bucketMs: 60_000, baselineStart: Number.NaN, canaryStart: 8.64e16, baseline: [], canary: [Number.NaN, 2] },
    };
    const out = renderHtml({ ...demo, score: Number.NaN, findings: [odd] });
    expect(out).toContain('from an unknown time');
    expect(out).not.toMatch(/="[^"]*NaN/);
  });

  it('renderHtml(report, { maxDetails }) gives cards to the most serious findings and still lists all in the table', () => {
    const out = renderHtml(demo, { maxDetails: 2 });
    expect(out.match(/<article class="finding/g)?.length).toBe(2);
    expect(out.match(/<tr data-i=/g)?.length).toBe(8);
    expect(out.match(/<a href="#f-\d+"><code>/g)?.length).toBe(2);
    expect(out).toContain('6 less serious findings have no detail card here');
  });

  it('renderHtml(report) draws no timeline whose buckets are all empty', () => {
    const flat: Finding = { ...(demo.findings[1] as Finding), timeline: { bucketMs: 60_000, baselineStart: 0, canaryStart: 0, baseline: [0, 0], canary: [0, 0, 0] } };
    const out = renderHtml({ ...demo, findings: [flat] });
    expect(out).not.toContain('<svg class="timeline"');
    expect(out).toContain('No timeline: the events had no timestamps.');
  });
});
