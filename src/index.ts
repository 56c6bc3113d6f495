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
export { SourceError, isSourceError } from './sources/SourceError.js';
export type { SourceErrorCode, SourceErrorDetails } from './sources/SourceError.js';

export { querySource, collectEvents, sourceSpec } from './sources/query.js';
export type { SourceSpec, SourceFlags, CollectOptions } from './sources/query.js';
export type { SourcePlatform, SourceEvent, SourceSummary, SourceEvents, SourceOptions, RetryOptions, Clock, FieldMap } from './sources/types.js';
export type { SplunkOptions } from './sources/splunk.js';
export type { ElasticOptions } from './sources/elastic.js';
export type { SumoOptions } from './sources/sumo.js';
export type { SumoDeployment } from './sources/sumo-api.js';
export type { LokiOptions } from './sources/loki.js';

export type { Level, LogEvent, ReadStats } from './records/types.js';
export { compileLogFormat } from './records/format.js';
export type { LogFormat, ParsedLine } from './records/format.js';
export { readLineBatches, readLines, defaultReadOptions } from './records/reader.js';
export type { LineInput, ReadOptions, LineBatches, Lines } from './records/reader.js';
export { detectPrefix, normalizeLevel } from './records/prefix.js';
export type { Prefix } from './records/prefix.js';
export type { ExceptionInfo } from './records/types.js';
export { createEventParser, parseEvents, readEventBatches, readEvents, defaultEventOptions } from './records/events.js';
export type { EventOptions, EventParser, EventBatches, Events } from './records/events.js';
export type { ContainerLog } from './records/container-log.js';
export { defaultStructuredFields } from './records/structured.js';
export type { StructuredFieldOptions } from './records/structured.js';
export type { Template, TemplateChange, MatchResult } from './templates/types.js';
export { TemplateMiner } from './templates/miner.js';
export { defaultMinerOptions } from './templates/options.js';
export type { MinerOptions, DefinedMinerOptions } from './templates/options.js';
export type { MinerSnapshot, SnapshotCluster } from './templates/snapshot.js';
export { templateMatches } from './templates/glob.js';
export { fnv1a64 } from './templates/hash.js';
export { signatureId, normalizeTemplate } from './signatures/id.js';
export { TemplateVectors, constantWords, variableRoles, sharedWords } from './signatures/vectors.js';
export { findRewordings, defaultRewordingOptions } from './signatures/rewordings.js';
export type { AlignmentInput, RewordingOptions, Rewording } from './signatures/rewordings.js';
export { alignSignatures } from './signatures/pairing.js';
export type { Alignment } from './signatures/pairing.js';
export { groupFamilies, familiesOf, defaultFamilyOptions } from './signatures/families.js';
export type { FamilyOptions, Family, FamilyGrouping, RecordFamilies } from './signatures/families.js';
export { tokenize, maskTokens } from './tokens/tokenize.js';
export { maskToken } from './tokens/mask.js';
export { builtinMasks, classifyToken } from './tokens/masks.js';
export { WILDCARD } from './tokens/types.js';
export type { Mask } from './tokens/types.js';
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
  Caveat,
} from './compare/types.js';
export type { PairedSignature, FindingFamily, ReportSummary } from './compare/types.js';

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

export { renderJson } from './report/json.js';
export type { JsonReportOptions } from './report/json.js';
export { renderText, defaultTextReportOptions } from './report/text.js';
export type { TextReportOptions } from './report/text.js';
export { renderMarkdown, defaultMarkdownReportOptions } from './report/markdown.js';
export type { MarkdownReportOptions } from './report/markdown.js';
export { renderHtml, defaultHtmlReportOptions } from './report/html.js';
export type { HtmlReportOptions } from './report/html.js';
export type { GaugeThresholds } from './report/html-svg.js';

export { severityOf, explainSeverity } from './severity/severityOf.js';
export type { SeverityOptions, SeverityExplanation, TopicMatch } from './severity/severityOf.js';
export type { MatchStatus } from './severity/context.js';
export { defaultSeverityTopics } from './severity/topics.js';
export type { SeverityTopic } from './severity/topics.js';
export { severityRank, maxSeverity, levelSeverity } from './severity/rank.js';

export { compare } from './compare/compare.js';
export { explainSignature } from './compare/explain.js';
export type { SignatureExplanation, SignatureSide } from './compare/explain.js';
export { renderExplanation } from './report/explain.js';
export type { CompareRunOptions } from './compare/compare.js';
export { THREADS_FROM_BYTES } from './profile/threads.js';
export type { ThreadMode } from './profile/threads.js';
export { compareProfiles, defaultCompareOptions } from './compare/findings.js';
export type { CompareOptions } from './compare/findings.js';
export { combineRisks, findingRisk, verdictOf, defaultThresholds, severityWeight } from './compare/score.js';
export type { Sensitivity, VerdictThresholds, RiskInput } from './compare/score.js';
export { parseRules, loadRules, RuleSet } from './compare/rules.js';
export type { Rule, Rules, RuleAction, RuleVerdict } from './compare/rules.js';
export { profile } from './profile/build.js';
export { signatureText } from './signatures/text.js';
export type { LogSource, ProfileBuildOptions } from './profile/build.js';
export { Profile, defaultProfileOptions } from './profile/profile.js';
export type { ProfileOptions, ProfileJson, ProfileTotals, ProfileEntry } from './profile/profile.js';
export { SignatureStats, VariableStats } from './profile/signature-stats.js';
export type { NumericSummary, StatsLimits } from './profile/signature-stats.js';
export { testRates } from './compare/stats/testRates.js';
export type { RateTest, RateTestOptions, SignatureCounts } from './compare/stats/testRates.js';
export { minimumPValue, taroneBenjaminiHochberg } from './compare/stats/discreteFdr.js';

export { verify } from './serve/verify.js';
export type { VerifyOptions, VerifySide } from './serve/verify.js';
export { parseTime } from './serve/time.js';
export { startVerifyServer, defaultServeOptions } from './serve/server.js';
export type { ServeOptions, VerifyServer } from './serve/server.js';
export { parseVerifyRequest } from './serve/request.js';
export type { VerifyRequest } from './serve/request.js';
