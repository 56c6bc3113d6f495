import type { Report } from '../compare/types.js';
import { assertReport } from './validate.js';

/**
 * Options of {@link renderJson}.
 *
 * @example
 * ```ts
 * const oneLine = renderJson(report, { indent: 0 });
 * ```
 */
export interface JsonReportOptions {
  /** Spaces of indentation; 0 writes one line. Default 2. */
  indent?: number;
}

/** Key order of each object of the schema; objects not described here get their keys sorted. */
interface Shape {
  keys: readonly string[];
  children?: Record<string, Shape>;
}

const VALUE_COUNT: Shape = { keys: ['value', 'count'] };
const FINDING: Shape = {
  keys: [
    'id', 'kind', 'severity', 'template', 'baselineCount', 'canaryCount', 'risk', 'pValue', 'qValue',
    'rateRatio', 'rateRatioCI', 'reason', 'examples', 'exampleCount', 'level', 'param', 'parameters', 'timeline',
  ],
  children: {
    param: { keys: ['position', 'values'], children: { values: VALUE_COUNT } },
    parameters: { keys: ['position', 'baseline', 'canary'], children: { baseline: VALUE_COUNT, canary: VALUE_COUNT } },
    timeline: { keys: ['bucketMs', 'baselineStart', 'canaryStart', 'baseline', 'canary'] },
  },
};
const SIDE: Shape = { keys: ['lines', 'events'] };
const REPORT: Shape = {
  keys: ['schemaVersion', 'verdict', 'score', 'baseline', 'canary', 'findings'],
  children: { baseline: SIDE, canary: SIDE, findings: FINDING },
};
const UNKNOWN: Shape = { keys: [] };

// Known keys first in schema order, then any keys a later producer added, sorted: the same report
// always gives the same bytes, and nothing a producer put in is dropped.
function stable(value: unknown, shape: Shape): unknown {
  if (Array.isArray(value)) return value.map((v) => stable(v, shape));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const extra = Object.keys(source).filter((k) => !shape.keys.includes(k)).sort();
  const out: Record<string, unknown> = {};
  for (const key of [...shape.keys, ...extra]) {
    if (source[key] !== undefined) out[key] = stable(source[key], shape.children?.[key] ?? UNKNOWN);
  }
  return out;
}

/**
 * Renders a {@link Report} as stable JSON (schema version 1, documented in docs/reports.md):
 * keys always in schema order (fields a producer added follow, sorted), findings in the report's
 * order, a trailing newline. Numbers that JSON cannot hold (NaN, Infinity) are written as `null`.
 *
 * @throws InputError (`E_REPORT_SHAPE`) when `report` is not a schema-version-1 report.
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { renderJson } from 'logsift';
 * const report = JSON.parse(readFileSync('fixtures/report/demo.json', 'utf8'));
 * writeFileSync('test-output/report.json', renderJson(report));
 * ```
 */
export function renderJson(report: Report, options: JsonReportOptions = {}): string {
  assertReport(report);
  return `${JSON.stringify(stable(report, REPORT), null, options.indent ?? 2)}\n`;
}
