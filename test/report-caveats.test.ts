import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Caveat, type Report, compare, parseRules, renderHtml, renderJson, renderMarkdown, renderText } from '../src/index.js';

const BASE = 'fixtures/sample/baseline.log';
const CANARY = 'fixtures/sample/canary.log';
const sample = readFileSync(BASE, 'utf8').split('\n').filter((l) => l !== '');

const SMALL = 'No findings, but a side has too few events for that to mean the logs match (see the warning).';
const UNLIKE = 'No findings, but the canary\u2019s events are mostly unlike the baseline\u2019s (see the warning).';
const RULES = 'No findings in what the rules left to compare (see the warning on what they ignored).';
const MATCH = 'No findings: the canary\u2019s logs match the baseline\u2019s.';

/** The no-findings line of the text, Markdown and HTML reports. */
function expectNote(report: Report, note: string): void {
  for (const out of [renderText(report), renderMarkdown(report), renderHtml(report)]) expect(out).toContain(note);
}

// twelve start-up statements the baseline wrote once each and the canary writes and nothing else
const steps = ['warmed', 'loaded', 'bound', 'opened', 'mapped', 'seeded', 'parsed', 'linked', 'pinned', 'tuned', 'armed', 'synced'];
const rare = steps.map((verb, k) => {
  const name = 'abcdefghijkl'[k]!;
  return `2026-11-20 13:59:58,0${String(k).padStart(2, '0')} INFO  [main] c.shop.Step${name} - phase ${name.repeat(3)} ${verb} cache zone`;
});

describe('Report.caveats', () => {
  it('a baseline too small to show anything new is baseline-small, and with no findings the report says a side has too few events', async () => {
    const r = await compare(['request 100 served in 12 ms'], Array.from({ length: 10 }, (_, k) => `request ${101 + k} served in ${10 + k} ms`));
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('marginal');
    expect(r.caveats).toEqual(['baseline-small']);
    expect(renderText(r)).toContain(SMALL);
    // the sample against itself has nothing to caveat
    const same = await compare(BASE, BASE);
    expect(same.caveats).toBeUndefined();
    expect(renderText(same)).toContain(MATCH);
  });

  it('a canary too small to show anything gone is canary-small, and with no findings the report says a side has too few events', async () => {
    const r = await compare(BASE, sample.slice(0, 5));
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('marginal');
    expect(r.caveats).toEqual(['canary-small']);
    expect(renderText(r)).toContain(SMALL);
    expect((await compare(BASE, CANARY)).caveats).toBeUndefined();
  });

  it('a canary mostly of signatures rare in the baseline is canary-unlike, and with no findings the report says so', async () => {
    const r = await compare([...rare, ...sample], rare, { includeDrops: false });
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('marginal');
    expect(r.caveats).toEqual(['canary-unlike']);
    expect(renderText(r)).toContain(UNLIKE);
    // the restart loop of compare-api.test.ts, which has findings, is one too
    const boot = [
      '2026-11-20 13:59:58,001 INFO  [main] c.shop.App - Starting ShopApplication v1.4.3 with PID 4242',
      '2026-11-20 13:59:58,502 INFO  [main] c.shop.Db - HikariPool-1 - Starting...',
      '2026-11-20 13:59:59,003 INFO  [main] c.shop.Db - HikariPool-1 - Start completed.',
    ];
    const loop = Array.from({ length: 6 }, (_, k) => boot.map((l) => l.replace('4242', String(5000 + k)))).flat();
    expect((await compare([...boot, ...sample], loop)).caveats).toEqual(['canary-unlike']);
  });

  it('ignore rules that left signatures out are rules-ignored, and with no findings the report says what was left to compare', async () => {
    const r = await compare(BASE, CANARY, { rules: parseRules({ rules: [{ pattern: '.', action: 'ignore', note: 'everything' }] }) });
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('pass');
    expect(r.caveats).toEqual(['rules-ignored']);
    expectNote(r, RULES);
  });

  it('the no-findings line follows the caveats, not the wording of the warnings', async () => {
    const plain = await compare(BASE, BASE);
    const cases: Array<[Caveat[], string]> = [[['baseline-small'], SMALL], [['canary-small'], SMALL], [['canary-unlike'], UNLIKE], [['rules-ignored'], RULES],
      [['rules-ignored', 'canary-small'], SMALL], [['rules-ignored', 'canary-unlike'], UNLIKE]];
    for (const [caveats, note] of cases) {
      // reworded warnings, and none at all
      expectNote({ ...plain, caveats, warnings: ['the comparison is weaker than it looks'] }, note);
      expectNote({ ...plain, caveats }, note);
    }
    // a warning worded as the comparison words it is not a caveat: a report without caveats has none
    const worded = 'canary: 5 events against the baseline\'s 600: too few to show any baseline signature as gone, so the verdict is marginal (inconclusive) at best';
    expectNote({ ...plain, warnings: [worded, 'rules: 1 signature ignored'] }, MATCH);
    // an empty side says so whatever the caveats
    expectNote({ ...plain, canary: { lines: 0, events: 0 }, caveats: ['canary-unlike'] }, 'No findings: a side has no events, so nothing was compared.');
  });

  it('renderJson carries the caveats; a caveat a later version adds is passed over, one that is not a string is refused', async () => {
    const r = await compare(BASE, sample.slice(0, 5));
    expect((JSON.parse(renderJson(r)) as Report).caveats).toEqual(['canary-small']);
    const later = { ...(await compare(BASE, BASE)), caveats: ['baseline-replayed'] } as unknown as Report;
    expect(JSON.parse(renderJson(later))).toMatchObject({ caveats: ['baseline-replayed'] });
    expect(renderText(later)).toContain(MATCH);
    expect(() => renderText({ ...r, caveats: [42] } as unknown as Report)).toThrow(/caveats should be an array of strings/);
    expect(() => renderJson({ ...r, caveats: 'canary-small' } as unknown as Report)).toThrow(/caveats should be an array of strings/);
  });
});
