import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Finding, type Report, renderHtml, renderMarkdown, renderText } from '../src/index.js';
import { visibleControls } from '../src/report/visible.js';

const demo = JSON.parse(readFileSync(new URL('../fixtures/report/demo.json', import.meta.url), 'utf8')) as Report;

// Strings a log line could hold, biased towards what breaks HTML, Markdown and terminals.
const FRAGMENTS = [
  '<', '>', '&', '"', "'", '`', '```', '~~~', '<script>', '</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>',
  'javascript:', '[a](b)', '![i](http://x.example/y.png)', '<http://x.example>', '@here', '#1', 'http://x.example', 'www.x.example',
  'a@b.example', '|', '\n', '\r\n', '\r', '\\', '*', '_', '$x$', '</details>', '<details open>', '<!--', '-->', '&amp;', '&#60;',
  '\u202e', '\u2028', '\x1b[31m', '\x1b]0;t\x07', '\x00', '\t', ' ', '    ', 'a', '1.', '- ', '# ', '> ', '<*>', '<style>', '</textarea>',
];
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }).map((parts) => parts.join('')),
);

function reportWith(s: string): Report {
  const base = demo.findings[1] as Finding;
  const finding: Finding = {
    ...base,
    id: s,
    severity: 'critical',
    risk: 100,
    template: `${s} <*> ${s}`,
    reason: s,
    examples: [s, `${s}\n${s}`],
    param: { position: 0, values: [{ value: s, count: 2 }] },
    parameters: [{ position: 0, baseline: [{ value: s, count: 1 }], canary: [{ value: `${s}!`, count: 3 }] }],
  };
  const rewording = { baselineId: 'a', baselineTemplate: `${s} <*>`, canaryId: 'b', canaryTemplate: `<*> ${s}`, similarity: 0.9, sharedWords: 0.8, removed: [s], added: [s, 'x'] };
  return { ...demo, findings: [finding, { ...(demo.findings[0] as Finding), template: s }], rewordings: [rewording] };
}

// Tags and attributes the HTML renderer itself writes; anything else came from log text.
const TAGS = new Set(('html head meta title link style body header div p h1 h2 h3 h4 span dl dt dd ul li a svg path line circle text g rect ' +
  'polyline main section input select option table thead tbody tr th td button code mark article figure figcaption caption pre details summary footer script').split(' '));
const ATTRS = new Set(('class id href lang charset http-equiv content name rel viewbox width height role aria-label aria-live d x1 y1 x2 y2 cx cy r x y ' +
  'text-anchor rx points type placeholder autocomplete value data-type data-v data-i data-severity scope title hidden').split(' '));
const TAG = /^<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*(?:="[^"<>]*")?)*)\s*\/?>/;

function checkMarkup(html: string): void {
  const body = html.replace(/^<!doctype html>\n/, '');
  for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
    const m = TAG.exec(body.slice(at, at + 2000));
    if (!m) throw new Error(`a '<' that is not one of the renderer's tags: ${JSON.stringify(body.slice(at, at + 60))}`);
    const name = (m[1] as string).toLowerCase();
    if (!TAGS.has(name)) throw new Error(`unexpected tag <${name}>`);
    for (const a of (m[2] as string).matchAll(/([a-zA-Z][a-zA-Z0-9:-]*)(?:="([^"]*)")?/g)) {
      const attr = (a[1] as string).toLowerCase();
      if (!ATTRS.has(attr)) throw new Error(`unexpected attribute ${attr} on <${name}>`);
      if (attr === 'href' && !/^(#f-\d+|data:,)$/.test(a[2] ?? '')) throw new Error(`unexpected link ${a[2]}`);
    }
  }
  expect(body.match(/<script/g)?.length).toBe(1);
}

const decode = (s: string): string => s.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] as string);

describe('log text cannot become markup', () => {
  it('renderHtml: for any string in the template, reason, examples and values, every < in the page is one of the renderer\u2019s own tags', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const html = renderHtml(reportWith(s), { title: s, baselineLabel: s, canaryLabel: s });
        checkMarkup(html);
        const pres = [...html.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => decode(m[1] as string));
        expect(pres).toContain(visibleControls(s));
        expect(pres).toContain(visibleControls(`${s}\n${s}`));
      }),
      { numRuns: 300 },
    );
  });

  it('renderMarkdown: for any string in the template, reason, examples and values, the rendered Markdown has no link, image or HTML from it', () => {
    type Md = { render(src: string): string; linkify: { set(o: object): void } };
    const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (o: object) => Md;
    const md = new MarkdownIt({ html: true, linkify: true });
    md.linkify.set({ fuzzyLink: false });
    const allowed = new Set(['code', 'details', 'em', 'h2', 'h3', 'h4', 'p', 'pre', 'strong', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr']);
    fc.assert(
      fc.property(hostile, (s) => {
        const out = renderMarkdown(reportWith(s), { title: s, maxFindings: 1 });
        const html = md.render(out);
        const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => (m[1] as string).toLowerCase());
        expect(tags.filter((t) => !allowed.has(t))).toEqual([]);
        const prose = html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
        expect(prose).not.toMatch(/@[a-z0-9]|#[0-9a-z]|https?:\/\/|www\./i);
        const blocks = [...html.matchAll(/<pre><code class="language-text">([\s\S]*?)<\/code><\/pre>/g)].map((m) => decode(m[1] as string));
        expect(blocks).toContain(`${visibleControls(s)}\n`);
        expect(blocks).toContain(`${visibleControls(`${s}\n${s}`)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('renderText: for any string in the report, the only escape sequences are the renderer\u2019s colors', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = renderText(reportWith(s), { color: true });
        expect(out.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 300 },
    );
  });
});
