/**
 * logsift: continuous verification of releases from their logs.
 *
 * Every public export is listed here explicitly; types are exported separately.
 * @packageDocumentation
 */
export { LogsiftError, isLogsiftError } from './errors/LogsiftError.js';
export type { LogsiftErrorOptions } from './errors/LogsiftError.js';
export { InputError, isInputError } from './errors/InputError.js';
export { UsageError, isUsageError } from './errors/UsageError.js';

export type { Level, LogEvent, ReadStats } from './records/types.js';
export type { Template, TemplateChange, MatchResult } from './templates/types.js';
export type {
  Verdict,
  Severity,
  FindingKind,
  Finding,
  SideSummary,
  Report,
  Timeline,
  ValueCount,
  ParameterComparison,
} from './compare/types.js';

export { exactRateTest } from './compare/stats/exactRateTest.js';
export type { RateAlternative } from './compare/stats/exactRateTest.js';
export { rateRatio, defaultRateRatioOptions } from './compare/stats/rateRatio.js';
export type { RateRatio, RateRatioOptions } from './compare/stats/rateRatio.js';
export { benjaminiHochberg } from './compare/stats/benjaminiHochberg.js';
export type { BenjaminiHochbergOptions } from './compare/stats/benjaminiHochberg.js';
export { compareRates } from './compare/stats/compareRates.js';
export type { RateComparison, RateDirection } from './compare/stats/compareRates.js';
export { passesEffectGates, defaultEffectGates } from './compare/stats/effectGates.js';
export type { EffectGates } from './compare/stats/effectGates.js';
