import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, renderText, type Report } from '../src/index.js';

const base = JSON.parse(readFileSync('fixtures/report/pass.json', 'utf8')) as Report;
const report: Report = { ...base, warnings: ['canary: Splunk returned 50,000 events, the --max-events cap: <b>the rest</b> was not read [x](http://evil)'] };

describe('report warnings (truncated or partial reads)', () => {
  it('renderText shows each warning before the findings', () => {
    const out = renderText(report);
    expect(out.indexOf('warning: canary: Splunk returned 50,000')).toBeGreaterThan(-1);
  });
  it('renderMarkdown shows each warning as an escaped quote', () => {
    const out = renderMarkdown(report);
    expect(out).toMatch(/> \*\*Warning:\*\* canary: Splunk returned/);
    expect(out).not.toContain('<b>');
    expect(out).not.toContain('[x](http://evil)');
  });
  it('renderHtml shows each warning escaped', () => {
    const out = renderHtml(report);
    expect(out).toContain('<strong>Warning:</strong> canary: Splunk returned 50,000 events');
    expect(out).toContain('&lt;b&gt;the rest&lt;/b&gt;');
  });
  it('rejects warnings that are not strings', () => {
    expect(() => renderText({ ...base, warnings: [42] } as unknown as Report)).toThrow(/warnings/);
  });
  it('a report without warnings shows none', () => {
    expect(renderText(base)).not.toMatch(/^warning:/m);
    expect(renderHtml(base)).not.toContain('class="warning"');
  });
});
