import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderText, type Report } from '../src/index.js';

const demo = JSON.parse(readFileSync('fixtures/report/demo.json', 'utf8')) as Report;
const first = demo.findings[0]!;
const report: Report = {
  ...demo,
  findings: [{ ...first, pairedWith: { id: 'abc123', template: 'Order <*> placed by <*> <img src=x onerror=alert(1)>', baselineCount: 40, canaryCount: 2, similarity: 0.82 } }, ...demo.findings.slice(1)],
  summary: { findings: demo.findings.length, families: 2, rewordings: 1 },
};

describe('reports show rewordings and families', () => {
  it('renderText names the reworded baseline template and the summary counts', () => {
    const out = renderText(report);
    expect(out).toContain('reworded from: Order <*> placed by <*>');
    expect(out).toMatch(/2 families, 1 rewordings paired/);
  });
  it('renderMarkdown puts the old template in a code span and the counts in the header', () => {
    const out = renderMarkdown(report);
    expect(out).toContain('Rewords the baseline template `Order <*> placed by <*> <img src=x onerror=alert(1)>`');
    expect(out).toContain('**Families:** 2');
    expect(out).toContain('**Rewordings paired:** 1');
  });
});
