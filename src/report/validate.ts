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

function num(o: Obj, key: string, path: string): void {
  if (typeof o[key] !== 'number') fail(`${path}.${key}`, 'a number');
}

function str(o: Obj, key: string, path: string): void {
  if (typeof o[key] !== 'string') fail(`${path}.${key}`, 'a string');
}

function numbers(v: unknown, path: string): void {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) fail(path, 'an array of numbers');
}

function valueCounts(v: unknown, path: string): void {
  if (!Array.isArray(v)) fail(path, 'an array');
  v.forEach((x, i) => {
    if (!isObj(x) || typeof x.value !== 'string' || typeof x.count !== 'number') fail(`${path}[${i}]`, '{ value: string, count: number }');
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
