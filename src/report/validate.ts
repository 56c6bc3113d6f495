import type { Report } from '../compare/types.js';
import { InputError } from '../errors/InputError.js';

const VERDICTS = new Set(['pass', 'marginal', 'fail']);
const KINDS = new Set(['novel', 'spike', 'param', 'drop', 'gone']);
const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);

type Obj = Record<string, unknown>;

function fail(path: string, expected: string): never {
  throw new InputError(`invalid report: ${path} should be ${expected}`, 'E_REPORT_SHAPE');
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// JSON has no NaN or Infinity: renderJson writes them as null, so null is read back as "no number".
const isNum = (v: unknown): boolean => typeof v === 'number' || v === null;

function num(o: Obj, key: string, path: string): void {
  if (!isNum(o[key])) fail(`${path}.${key}`, 'a number');
}

function str(o: Obj, key: string, path: string): void {
  if (typeof o[key] !== 'string') fail(`${path}.${key}`, 'a string');
}

function numbers(v: unknown, path: string): void {
  if (!Array.isArray(v) || !v.every(isNum)) fail(path, 'an array of numbers');
}

function valueCounts(v: unknown, path: string): void {
  if (!Array.isArray(v)) fail(path, 'an array');
  v.forEach((x, i) => {
    if (!isObj(x) || typeof x.value !== 'string' || !isNum(x.count)) fail(`${path}[${i}]`, '{ value: string, count: number }');
  });
}

function checkOptional(f: Obj, path: string): void {
  if (f.rateRatioCI !== undefined) {
    numbers(f.rateRatioCI, `${path}.rateRatioCI`);
    if ((f.rateRatioCI as number[]).length !== 2) fail(`${path}.rateRatioCI`, 'a pair [low, high]');
  }
  if (f.exampleCount !== undefined) num(f, 'exampleCount', path);
  if (f.param !== undefined) {
    if (!isObj(f.param)) fail(`${path}.param`, 'an object');
    num(f.param, 'position', `${path}.param`);
    valueCounts(f.param.values, `${path}.param.values`);
    if (f.param.also !== undefined && !(Array.isArray(f.param.also) && f.param.also.every((a) => typeof a === 'number' && Number.isInteger(a) && a >= 0))) {
      fail(`${path}.param.also`, 'an array of non-negative integers');
    }
    if (f.param.fresh !== undefined && typeof f.param.fresh !== 'boolean') fail(`${path}.param.fresh`, 'a boolean');
  }
  if (f.timeline !== undefined) {
    const t = f.timeline;
    if (!isObj(t)) fail(`${path}.timeline`, 'an object');
    for (const k of ['bucketMs', 'baselineStart', 'canaryStart']) num(t, k, `${path}.timeline`);
    numbers(t.baseline, `${path}.timeline.baseline`);
    numbers(t.canary, `${path}.timeline.canary`);
  }
  if (f.parameters !== undefined) {
    if (!Array.isArray(f.parameters)) fail(`${path}.parameters`, 'an array');
    f.parameters.forEach((p, i) => {
      const pp = `${path}.parameters[${i}]`;
      if (!isObj(p)) fail(pp, 'an object');
      num(p, 'position', pp);
      valueCounts(p.baseline, `${pp}.baseline`);
      valueCounts(p.canary, `${pp}.canary`);
    });
  }
}

/**
 * Checks that `value` has the shape of a schema-version-1 {@link Report} before a renderer
 * trusts it (reports are also loaded from JSON files, which may be hand-edited or truncated).
 * Throws an `InputError` (code `E_REPORT_SHAPE`) naming the first field that is wrong.
 */
export function assertReport(value: unknown): asserts value is Report {
  if (!isObj(value)) fail('report', 'an object');
  if (value.schemaVersion !== 1) fail('schemaVersion', '1');
  if (typeof value.verdict !== 'string' || !VERDICTS.has(value.verdict)) fail('verdict', 'pass, marginal or fail');
  num(value, 'score', 'report');
  for (const side of ['baseline', 'canary']) {
    const s = value[side];
    if (!isObj(s)) fail(side, 'an object');
    num(s, 'lines', side);
    num(s, 'events', side);
  }
  if (!Array.isArray(value.findings)) fail('findings', 'an array');
  if (value.warnings !== undefined && (!Array.isArray(value.warnings) || !value.warnings.every((w: unknown) => typeof w === 'string'))) {
    fail('warnings', 'an array of strings');
  }
  // any string: a caveat a later version adds is passed over, not refused
  if (value.caveats !== undefined && (!Array.isArray(value.caveats) || !value.caveats.every((c: unknown) => typeof c === 'string'))) {
    fail('caveats', 'an array of strings');
  }
  value.findings.forEach((f, i) => {
    const path = `findings[${i}]`;
    if (!isObj(f)) fail(path, 'an object');
    for (const k of ['id', 'template', 'reason']) str(f, k, path);
    if (typeof f.kind !== 'string' || !KINDS.has(f.kind)) fail(`${path}.kind`, 'novel, spike, param, drop or gone');
    if (typeof f.severity !== 'string' || !SEVERITIES.has(f.severity)) fail(`${path}.severity`, 'critical, error, warning or info');
    for (const k of ['baselineCount', 'canaryCount', 'risk', 'pValue', 'qValue', 'rateRatio']) num(f, k, path);
    if (!Array.isArray(f.examples) || !f.examples.every((e) => typeof e === 'string')) fail(`${path}.examples`, 'an array of strings');
    checkOptional(f, path);
  });
}

const n = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

function numbersOf(v: unknown[]): number[] {
  return v.map(n);
}

function valueCountsOf(v: Array<{ value: string; count: unknown }>): Array<{ value: string; count: number }> {
  return v.map((x) => ({ value: x.value, count: n(x.count) }));
}

/**
 * Checks `value` (see {@link assertReport}) and returns a copy in which every number is a number:
 * `null` (how JSON stores NaN and Infinity) becomes NaN, and a missing upper confidence bound
 * becomes Infinity (an unbounded ratio: the baseline never saw the signature).
 */
export function readReport(value: unknown): Report {
  assertReport(value);
  const r = value as unknown as Obj & { findings: Obj[]; baseline: Obj; canary: Obj };
  const side = (o: Obj): Report['baseline'] => ({ lines: n(o.lines), events: n(o.events) });
  return {
    ...value,
    score: n(r.score),
    baseline: side(r.baseline),
    canary: side(r.canary),
    findings: r.findings.map((f) => {
      const out = { ...f, baselineCount: n(f.baselineCount), canaryCount: n(f.canaryCount), risk: n(f.risk),
        pValue: n(f.pValue), qValue: n(f.qValue), rateRatio: n(f.rateRatio) } as Obj;
      if (Array.isArray(f.rateRatioCI)) {
        const [lo, hi] = f.rateRatioCI as unknown[];
        out.rateRatioCI = [n(lo), hi === null ? Number.POSITIVE_INFINITY : n(hi)];
      }
      if (isObj(f.param)) out.param = { ...f.param, values: valueCountsOf(f.param.values as Array<{ value: string; count: unknown }>) };
      if (isObj(f.timeline)) {
        const t = f.timeline;
        out.timeline = { bucketMs: n(t.bucketMs), baselineStart: n(t.baselineStart), canaryStart: n(t.canaryStart),
          baseline: numbersOf(t.baseline as unknown[]), canary: numbersOf(t.canary as unknown[]) };
      }
      if (Array.isArray(f.parameters)) {
        out.parameters = (f.parameters as Obj[]).map((p) => ({ position: n(p.position),
          baseline: valueCountsOf(p.baseline as Array<{ value: string; count: unknown }>),
          canary: valueCountsOf(p.canary as Array<{ value: string; count: unknown }>) }));
      }
      return out as unknown as Report['findings'][number];
    }),
  };
}
