import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Report, isInputError, renderHtml, renderJson, renderMarkdown, renderText } from '../src/index.js';

const load = (name: string): Report => JSON.parse(readFileSync(new URL(`../fixtures/report/${name}`, import.meta.url), 'utf8')) as Report;

function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
}

describe('renderJson', () => {
  it('renderJson(report) parses back to the same report', () => {
    const report = load('demo.json');
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('renderJson(report) writes the same bytes whatever order the input keys were in', () => {
    const report = load('demo.json');
    const shuffled = reversedKeys(report);
    expect(Object.keys(shuffled)[0]).toBe('findings');
    expect(renderJson(shuffled)).toBe(renderJson(report));
  });

  it('renderJson(report) puts schemaVersion, verdict and score first and finding keys in schema order', () => {
    const out = renderJson(reversedKeys(load('demo.json')));
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'verdict', 'score', 'baseline', 'canary', 'findings']);
    const finding = (parsed.findings as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    expect(Object.keys(finding).slice(0, 13)).toEqual([
      'id', 'kind', 'severity', 'template', 'baselineCount', 'canaryCount', 'risk', 'pValue', 'qValue',
      'rateRatio', 'rateRatioCI', 'reason', 'examples',
    ]);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('renderJson(report) keeps fields a producer added, after the known ones, sorted by name', () => {
    const report = { ...load('pass.json'), zeta: 1, alpha: { note: 'kept' } } as Report;
    const keys = Object.keys(JSON.parse(renderJson(report)) as object);
    expect(keys.slice(-2)).toEqual(['alpha', 'zeta']);
  });

  it('renderJson(report, { indent: 0 }) writes one line', () => {
    expect(renderJson(load('demo.json'), { indent: 0 }).trimEnd().includes('\n')).toBe(false);
  });

  it('renderJson(report) writes numbers JSON cannot hold as null', () => {
    const report = load('pass.json');
    const finding = { ...report.findings[0], rateRatio: Number.POSITIVE_INFINITY, pValue: Number.NaN } as Report['findings'][number];
    const parsed = JSON.parse(renderJson({ ...report, findings: [finding] })) as { findings: Array<Record<string, unknown>> };
    expect(parsed.findings[0]?.rateRatio).toBeNull();
    expect(parsed.findings[0]?.pValue).toBeNull();
  });
});

describe('every renderer checks the report it is given', () => {
  const renderers = { renderJson, renderText, renderMarkdown, renderHtml };
  const bad: Array<[string, unknown]> = [
    ['a future schema version', load('future-version.json')],
    ['null', null],
    ['an unknown verdict', { ...load('pass.json'), verdict: 'ok' }],
    ['a finding without examples', { ...load('pass.json'), findings: [{ ...load('pass.json').findings[0], examples: undefined }] }],
    ['a finding of an unknown kind', { ...load('pass.json'), findings: [{ ...load('pass.json').findings[0], kind: 'weird' }] }],
    ['a timeline that is not numbers', { ...load('pass.json'), findings: [{ ...load('pass.json').findings[0], timeline: { bucketMs: 1, baselineStart: 0, canaryStart: 0, baseline: ['x'], canary: [] } }] }],
  ];
  for (const [name, render] of Object.entries(renderers)) {
    for (const [what, value] of bad) {
      it(`${name} throws an InputError with code E_REPORT_SHAPE for ${what}`, () => {
        let caught: unknown;
        try {
          render(value as Report);
        } catch (error) {
          caught = error;
        }
        expect(isInputError(caught)).toBe(true);
        expect((caught as { code: string }).code).toBe('E_REPORT_SHAPE');
      });
    }
  }

  it('every renderer accepts a report with no findings and no events', () => {
    const empty = load('empty.json');
    expect(renderText(empty)).toContain('PASS');
    expect(renderText(empty)).toContain('No findings');
    expect(renderMarkdown(empty)).toContain('PASS');
    expect(renderMarkdown(empty)).toContain('No findings');
    expect(renderHtml(empty)).toContain('No findings');
    expect(JSON.parse(renderJson(empty))).toEqual(empty);
  });

  it('a report written by renderJson with NaN and Infinity (as null) renders again in every format', () => {
    const report = load('pass.json');
    const finding = { ...report.findings[0], rateRatioCI: [4.36, Number.POSITIVE_INFINITY], pValue: Number.NaN, risk: Number.NaN } as Report['findings'][number];
    const readBack = JSON.parse(renderJson({ ...report, findings: [finding] })) as Report;
    expect(readBack.findings[0]?.rateRatioCI).toEqual([4.36, null]);
    expect(renderText(readBack)).toContain('rate ratio 0.51 (95% CI 4.36\u2013\u221e)  p n/a');
    expect(renderMarkdown(readBack)).toContain('risk n/a');
    expect(renderHtml(readBack)).toContain('<dt>Risk</dt><dd>n/a / 100</dd>');
  });
});
