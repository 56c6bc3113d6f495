import type { Severity } from '../compare/types.js';
import type { Level } from '../records/types.js';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2, critical: 3 };

/**
 * Orders severities: info 0, warning 1, error 2, critical 3.
 *
 * @example
 * ```ts
 * import { severityRank } from 'logsift';
 * findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
 * ```
 */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/**
 * The more severe of two severities.
 *
 * @example
 * ```ts
 * import { maxSeverity } from 'logsift';
 * maxSeverity('warning', 'error'); // 'error'
 * ```
 */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[b] > RANK[a] ? b : a;
}

/**
 * The severity a log level stands for: fatal is critical, error is error, warn is warning, and
 * info, debug and trace are info.
 *
 * @example
 * ```ts
 * import { levelSeverity } from 'logsift';
 * levelSeverity('fatal'); // 'critical'
 * ```
 */
export function levelSeverity(level: Level): Severity {
  switch (level) {
    case 'fatal':
      return 'critical';
    case 'error':
      return 'error';
    case 'warn':
      return 'warning';
    default:
      return 'info';
  }
}
