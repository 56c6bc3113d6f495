import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Report, renderText } from '../src/index.js';

const load = (name: string): Report => JSON.parse(readFileSync(new URL(`../fixtures/report/${name}`, import.meta.url), 'utf8')) as Report;
const demo = load('demo.json');

describe('renderText', () => {
  it('lists every rewording it paired, both templates and the words changed, after the findings', () => {
    const rewordings = [{ baselineId: 'a', baselineTemplate: 'Order <*> placed by user <*>', canaryId: 'b', canaryTemplate: 'Order <*> created by user <*>', similarity: 0.8, sharedWords: 0.6, removed: ['placed'], added: ['created'] }];
    const out = renderText({ ...demo, rewordings, summary: { ...demo.summary!, rewordings: 1 } });
    const at = out.indexOf('REWORDINGS (1)');
    expect(at).toBeGreaterThan(out.lastIndexOf('ERROR'));
    expect(out.slice(at)).toContain('    Order <*> placed by user <*>\n -> Order <*> created by user <*>\n    removed: placed; added: created');
    expect(renderText(demo)).not.toContain('REWORDINGS');
  });


  it('with no findings, says the logs match only when no caveat says why they cannot be called matching', () => {
    const none = { ...demo, findings: [], families: [], summary: { ...demo.summary!, findings: 0, families: 0 }, verdict: 'marginal' as const, score: 62 };
    const { warnings: _, ...plain } = none;
    expect(renderText({ ...plain, verdict: 'pass', score: 100 })).toContain('No findings: the canary\u2019s logs match the baseline\u2019s.');
    const unlike = 'canary: 12 of its 12 events (100%) are of signatures rare or absent in the baseline (together 12 of its 612, 2.0%): the canary is not doing what the baseline did (a restart loop, no traffic, a logging change), so the verdict is marginal (inconclusive) at best';
    const out = renderText({ ...none, warnings: [unlike], caveats: ['canary-unlike'] });
    expect(out).toContain('No findings, but the canary\u2019s events are mostly unlike the baseline\u2019s (see the warning).');
    expect(out).not.toContain('logs match the baseline');
    const small = 'canary: 5 events against the baseline\'s 5,005: too few to show any baseline signature as gone (its most frequent one has 2,042 events; gone, it would need 3,001 to be significant), so the verdict is marginal (inconclusive) at best';
    expect(renderText({ ...none, warnings: [small], caveats: ['canary-small'] })).toContain('No findings, but a side has too few events for that to mean the logs match (see the warning).');
  });

  it('renderText(report) starts with the verdict and the score', () => {
    const [first, second] = renderText(demo).split('\n');
    expect(first).toBe('logsift: FAIL  score 18/100');
    expect(second).toContain('baseline 50,120 events (52,310 lines)');
  });

  it('renderText(report) groups findings by severity, critical first', () => {
    const out = renderText(demo);
    const at = ['CRITICAL (1)', 'ERROR (3)', 'WARNING (2)', 'INFO (2)'].map((h) => out.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('renderText(report) shows each finding with its reason, counts on both sides, rate ratio and one example', () => {
    const out = renderText(demo);
    expect(out).toContain('Failed requests are 13x more frequent in the canary');
    expect(out).toContain('baseline 31 (0.619/1k)  canary 402 (8.14/1k)  rate ratio 13.2 (95% CI 9.2\u201318.9)');
    expect(out).toContain('example (1 of 402):');
    expect(out).toContain('| \tat com.shop.checkout.CheckoutService.price(CheckoutService.java:88)');
  });

  it('renderText(report) writes no escape sequences unless color is asked for', () => {
    expect(renderText(demo)).not.toContain('\x1b');
    expect(renderText(demo, { color: true })).toContain('\x1b[31m');
  });

  it('renderText(report) shows control characters from logs as escapes, even in color', () => {
    const finding = { ...demo.findings[0], reason: 'title \x1b]0;pwned\x07 and \u202eevil', examples: ['red \x1b[31m line\r\nnext \x00'] } as Report['findings'][number];
    const colored = renderText({ ...demo, findings: [finding] }, { color: true });
    expect(colored).toContain('title \\x1b]0;pwned\\x07 and \\u202eevil');
    expect(colored).toContain('red \\x1b[31m line');
    expect(colored).toContain('next \\x00');
    expect(colored).not.toContain('\x1b]');
    expect(colored).not.toContain('\u202e');
    // Every raw ESC left is one of the renderer's own SGR color codes.
    expect(colored.replace(/\x1b\[[0-9;]*m/g, '')).not.toContain('\x1b');
  });

  it('renderText(report, { maxFindings }) summarizes the rest in one line each', () => {
    const out = renderText(demo, { maxFindings: 2 });
    expect(out).toContain('6 more findings');
    expect(out).toContain('  info     gone        64 -> 0        Legacy endpoint <*> called by <*>');
    expect(out).not.toContain('Payment declines now include');
  });

  it('renderText(report, { maxExampleLines }) cuts long examples and says how much was left out', () => {
    const out = renderText(demo, { maxExampleLines: 3 });
    expect(out).toContain('| ... 5 more lines');
  });

  it('renderText(report) puts a multi-line template on one line with a visible line-break mark', () => {
    const finding = { ...demo.findings[0], template: 'first <*>\nsecond' } as Report['findings'][number];
    expect(renderText({ ...demo, findings: [finding] })).toContain('first <*> \u23ce second');
  });
});
