import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type Report, renderMarkdown } from '../src/index.js';

const load = (name: string): Report => JSON.parse(readFileSync(new URL(`../fixtures/report/${name}`, import.meta.url), 'utf8')) as Report;
const demo = load('demo.json');

// markdown-it (a CommonMark + GFM-tables parser, present through typedoc) shows what a Markdown
// viewer would make of the output. Raw HTML and autolinks are on, as on GitHub.
type Md = { render(src: string): string; linkify: { set(o: object): void } };
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (o: object) => Md;
const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false });

const ALLOWED_TAGS = new Set(['code', 'details', 'em', 'h2', 'h3', 'h4', 'p', 'pre', 'strong', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr']);
const tagsOf = (html: string): Set<string> => new Set([...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => (m[1] as string).toLowerCase()));

describe('renderMarkdown', () => {
  it('lists every rewording it paired in a table, templates as code', () => {
    const rewordings = [{ baselineId: 'a', baselineTemplate: 'Order <*> placed | by <*>', canaryId: 'b', canaryTemplate: 'Order <*> created | by <*>', similarity: 0.8, sharedWords: 0.6, removed: ['placed'], added: ['created'] }];
    const out = renderMarkdown({ ...demo, rewordings });
    expect(out).toContain('### Rewordings paired (1)');
    expect(out).toContain('| `Order <*> placed \\| by <*>` | `Order <*> created \\| by <*>` | `placed` | `created` |');
    expect(renderMarkdown(demo)).not.toContain('Rewordings paired (');
  });

  it('renderMarkdown(report) starts with the verdict and the score', () => {
    const out = renderMarkdown(demo);
    expect(out.split('\n')[0]).toBe('## \u274c logsift: FAIL \u2014 score 18/100');
    expect(out).toContain('**Verdict:** fail \u00b7 **Score:** 18/100');
  });

  it('renderMarkdown(report) groups findings under severity headings, critical first', () => {
    const out = renderMarkdown(demo);
    const at = ['### Critical (1)', '### Error (3)', '### Warning (2)', '### Info (2)'].map((h) => out.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('renderMarkdown(report) gives each finding its reason, counts on both sides, rate ratio and one example', () => {
    const out = renderMarkdown(demo);
    expect(out).toContain('Failed requests are 13x more frequent in the canary \\(402 vs 31\\)');
    expect(out).toContain('Baseline **31** (0.619 per 1k events) \u2192 canary **402** (8.14 per 1k events) \u00b7 rate ratio **13.2 (95% CI 9.2\u201318.9)**');
    expect(out).toContain('```text\n2026-11-30T14:03:12.118Z ERROR');
  });

  it('renderMarkdown(report) collapses further examples and findings in <details>', () => {
    const html = md.render(renderMarkdown(demo, { maxFindings: 3 }));
    expect(html).toContain('<summary>5 more findings</summary>');
    expect(html).toContain('<summary>1 more example (42 seen)</summary>');
    expect(html).toMatch(/<td><code>Legacy endpoint &lt;\*&gt; called by &lt;\*&gt;<\/code><\/td>/);
  });

  it('renderMarkdown(report) renders hostile log text without links, images, HTML or mentions', () => {
    const html = md.render(renderMarkdown(demo, { maxFindings: 3 }));
    expect([...tagsOf(html)].filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(html).not.toMatch(/<a\s|<img|<script|<b[\s>]/i);
    const prose = html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
    expect(prose).not.toMatch(/@[a-z]/i);
    expect(prose).not.toMatch(/#[0-9]/);
    expect(prose).not.toMatch(/https?:\/\//);
    expect(prose).toContain('@\u200beveryone');
  });

  it('renderMarkdown(report) fences an example with more backticks than it contains, so it cannot close the block', () => {
    const out = renderMarkdown(demo, { maxFindings: 3 });
    expect(out).toContain('````text\nlogin failed for user=javascript:window.__pwned=6 ```\n</details>\n');
    const html = md.render(out);
    expect(html).toContain('<code class="language-text">login failed for user=javascript:window.__pwned=6 ```\n&lt;/details&gt;\n&lt;img src=https://evil.example/p.png&gt;');
  });

  it('renderMarkdown(report) keeps a pipe inside a table cell from splitting the row', () => {
    const finding = { ...demo.findings[7], template: 'a | b `c` | d' } as Report['findings'][number];
    const html = md.render(renderMarkdown({ ...demo, findings: [demo.findings[0] as Report['findings'][number], finding] }, { maxFindings: 1 }));
    expect(html).toContain('<td><code>a | b `c` | d</code></td>');
  });

  it('renderMarkdown(report, { maxExampleLines }) cuts long examples and says how much was left out', () => {
    expect(renderMarkdown(demo, { maxExampleLines: 2 })).toContain('*\u2026 6 more lines not shown*');
  });

  it('renderMarkdown(report, { title }) escapes the title like log text', () => {
    expect(renderMarkdown(demo, { title: '[x](http://e.example)' }).split('\n')[0]).toBe('## \u274c \\[x\\]\\(http:/\u200b/e.example\\): FAIL \u2014 score 18/100');
  });

  it('renderMarkdown(report, { maxExampleChars }) cuts a very long example line and says how much was left out', () => {
    const finding = { ...demo.findings[1], examples: ['x'.repeat(5000)] } as Report['findings'][number];
    const out = renderMarkdown({ ...demo, findings: [finding] }, { maxExampleChars: 100 });
    expect(out).toContain(`\`\`\`text\n${'x'.repeat(99)}\u2026\n\`\`\``);
    expect(out).toContain('*\u2026 4,901 more characters not shown*');
  });

  it('renderMarkdown(report, { maxTableRows }) counts the findings it does not list', () => {
    const out = renderMarkdown(demo, { maxFindings: 2, maxTableRows: 3 });
    expect(out).toContain('<summary>6 more findings</summary>');
    expect(out.match(/^\| (critical|error|warning|info) \|/gm)?.length).toBe(3);
    expect(out).toContain('*\u2026 and 3 more, listed in the JSON and HTML reports.*');
  });
});
