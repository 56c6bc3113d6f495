import type { Severity } from '../compare/types.js';
import { UsageError } from '../errors/UsageError.js';
import type { Level } from '../records/types.js';
import { isPinnedStatus } from '../tokens/mask.js';
import { matchStatus, type MatchStatus } from './context.js';
import { levelSeverity, maxSeverity, severityRank } from './rank.js';
import { defaultSeverityTopics, type SeverityTopic } from './topics.js';

/**
 * Options of {@link severityOf} and {@link explainSeverity}: the level read from the logs, and the topics
 * to look for in the template.
 *
 * @example
 * ```ts
 * import { severityOf, type SeverityOptions } from 'logsift';
 * const options: SeverityOptions = { extraTopics: [{ name: 'circuit open', pattern: '\\bcircuit (?:breaker )?open', severity: 'error' }] };
 * severityOf('circuit breaker open for <*>', options); // 'error'
 * severityOf('Slow query <*> ms', { level: 'warn' });   // 'warning'
 * ```
 */
export interface SeverityOptions {
  /** Level read from the events' header or level field; it decides unless a critical topic raises it. */
  level?: Level;
  /** Topics to use instead of {@link defaultSeverityTopics}. */
  topics?: readonly SeverityTopic[];
  /** Topics added to `topics` (or to the defaults). */
  extraTopics?: readonly SeverityTopic[];
}

/**
 * One place a topic was found in a template, and how it was read.
 *
 * @example
 * ```ts
 * import { explainSeverity, type TopicMatch } from 'logsift';
 * const [match]: readonly TopicMatch[] = explainSeverity('panic recovered in <*>').matches;
 * // { topic: 'panic', severity: 'critical', text: 'panic', index: 0, status: 'mitigated' }
 * ```
 */
export interface TopicMatch {
  topic: string;
  severity: Severity;
  /** The matched text. */
  text: string;
  /** Character offset in the template. */
  index: number;
  /**
   * `asserted` counts; `mitigated` ("error corrected", "panic recovered") counts one step lower;
   * `negated` ("no errors"), `placeholder` ("<*> errors", "err=<*>") and `reference` (a path,
   * "error handler") do not count.
   */
  status: MatchStatus;
}

/**
 * A severity and the evidence for it, as {@link explainSeverity} returns it.
 *
 * @example
 * ```ts
 * import { explainSeverity, type SeverityExplanation } from 'logsift';
 * const e: SeverityExplanation = explainSeverity('panic recovered in <*>');
 * console.log(e.severity, e.source); // 'error' 'text': a recovered panic counts one step below critical
 * ```
 */
export interface SeverityExplanation {
  severity: Severity;
  /** `level` when the level decided, `text` when topics did, `default` when neither did (info). */
  source: 'level' | 'text' | 'default';
  /** Every topic match, in template order (frozen, like the explanation: results are shared from a cache). */
  matches: readonly TopicMatch[];
}

interface Compiled {
  topics: Array<{ topic: SeverityTopic; regex: RegExp; negatable: boolean }>;
  cache: Map<string, SeverityExplanation>;
}

const CACHE_LIMIT = 50_000;
// Trouble the template says was handled ("panic recovered", "error corrected", "failed, retrying") drops
// one step: a recovered panic is still an error, a corrected error still worth a warning.
const MITIGATED: Record<Severity, Severity> = { critical: 'error', error: 'warning', warning: 'warning', info: 'info' };
const SEVERITIES = new Set<unknown>(['critical', 'error', 'warning', 'info']);
const compiledByList = new WeakMap<readonly SeverityTopic[], Compiled>();
const compiledByPair = new WeakMap<readonly SeverityTopic[], WeakMap<readonly SeverityTopic[], Compiled>>();

function compile(list: readonly SeverityTopic[]): Compiled {
  const topics = list.map((topic) => {
    if (typeof topic?.pattern !== 'string' || !SEVERITIES.has(topic.severity)) {
      throw new UsageError(`severity topic "${String(topic?.name)}" needs a string pattern and a severity`, 'E_SEVERITY_TOPIC');
    }
    try {
      const flags = (topic.flags ?? 'i').replace('g', '') + 'g';
      return { topic, regex: new RegExp(topic.pattern, flags), negatable: topic.negatable ?? true };
    } catch (cause) {
      throw new UsageError(`severity topic "${topic.name}" has an invalid pattern`, 'E_SEVERITY_TOPIC', { cause });
    }
  });
  return { topics, cache: new Map() };
}

// Compiled topics and results are cached per topics list, so a profile with thousands of signatures
// (and the same template asked about again and again) pays for each distinct template once.
function compiledFor(options: SeverityOptions): Compiled {
  const base = options.topics ?? defaultSeverityTopics;
  const extra = options.extraTopics;
  if (extra === undefined || extra.length === 0) {
    let compiled = compiledByList.get(base);
    if (compiled === undefined) compiledByList.set(base, (compiled = compile(base)));
    return compiled;
  }
  let inner = compiledByPair.get(base);
  if (inner === undefined) compiledByPair.set(base, (inner = new WeakMap()));
  let compiled = inner.get(extra);
  if (compiled === undefined) inner.set(extra, (compiled = compile([...base, ...extra])));
  return compiled;
}

// A level written into the message itself ("Warning: ...", "[ERROR]", ":WARNING:") is a level like a
// header's, when no header level is known.
const EMBEDDED_LEVEL =
  /(?:^|[\s[(:|<])(?:(FATAL|CRITICAL|SEVERE|ERROR|WARN|WARNING|INFO|NOTICE|DEBUG|TRACE)(?=[\]:|)>]|\s*$|\s+-\s)|(Fatal|Critical|Error|Warning|Warn|Info|Debug)(?=\s*:|\]))|^(fatal|error|warning|warn)(?=:\s)/;
const LEVEL_WORDS: Record<string, Level> = {
  fatal: 'fatal', critical: 'fatal', severe: 'fatal', error: 'error', warn: 'warn', warning: 'warn',
  info: 'info', notice: 'info', debug: 'debug', trace: 'trace',
};

function embeddedLevel(template: string): Level | undefined {
  const m = EMBEDDED_LEVEL.exec(template);
  if (m === null) return undefined;
  return LEVEL_WORDS[(m[1] ?? m[2] ?? m[3]!).toLowerCase()];
}

/**
 * Severity of a template, with the evidence: which topics matched where, and which were discounted
 * as negated ("no errors found", "failed=0"), as values hidden by a placeholder ("<*> errors"), or as
 * part of a path ("/var/log/error.log").
 *
 * @example
 * ```ts
 * import { explainSeverity } from 'logsift';
 * explainSeverity('Job done: 0 errors, 2 warnings').severity; // 'warning'
 * ```
 */
export function explainSeverity(template: string, options: SeverityOptions = {}): SeverityExplanation {
  if (typeof template !== 'string') throw new UsageError('template must be a string', 'E_SEVERITY_INPUT');
  const compiled = compiledFor(options);
  const key = `${options.level ?? ''}\u0000${template}`;
  const hit = compiled.cache.get(key);
  if (hit !== undefined) return hit;
  // frozen: the same object is handed to every caller asking about this template
  const result = Object.freeze(classify(template, compiled, options.level));
  if (compiled.cache.size >= CACHE_LIMIT) compiled.cache.clear();
  compiled.cache.set(key, result);
  return result;
}

const OUTCOME_FIELD = /(?:^|\s)(?:[\w-]+\.)*(result|outcome|status|err|error)=(?:"([^"]*)"|([^\s"]+))(?=[\s,]|$)/gi;

/** Outcome values that say something failed (`result=DECLINED`, `status=timeout`). */
export const FAILURE_WORD =
  /^(?:declined|rejected|denied|failed|failure|fail|error|err|timeout|timed[ _-]?out|unavailable|refused|aborted|cancel(?:l)?ed|invalid|forbidden|unauthorized|conflict|exhausted|crash(?:ed)?|panic|oom|killed|down|unhealthy|degraded|false)$/i;
/** Outcome values that say nothing failed. */
export const HEALTHY_VALUE = /^(?:0|0\.0+|nil|null|none|ok|success|succeeded|true|healthy|up|approved|accepted|-|)$/i;

/**
 * The severity the outcome fields of a template give: an HTTP status (`status=503`,
 * `http.response.status_code=404`) 5xx error and 4xx warning; a failure word as a result or status
 * (`result=DECLINED`) or any error value other than a healthy one (`err=connection_refused`, not `err=nil`)
 * a warning. Placeholders say nothing.
 */
function outcomeSeverity(template: string): Severity | undefined {
  if (!template.includes('=')) return undefined;
  let out: Severity | undefined;
  for (const token of template.split(/\s+/)) {
    if (!isPinnedStatus(token)) continue;
    const c = token.charCodeAt(token.length - 3);
    if (c === 53) return 'error'; // 5xx
    if (c === 52) out = 'warning'; // 4xx
  }
  if (out !== undefined) return out;
  OUTCOME_FIELD.lastIndex = 0;
  for (const m of template.matchAll(OUTCOME_FIELD)) {
    const key = m[1]!.toLowerCase();
    const value = (m[2] ?? m[3]!).trim();
    if (value.includes('<') || /^\d/.test(value)) continue;
    if (FAILURE_WORD.test(value) || ((key === 'err' || key === 'error') && !HEALTHY_VALUE.test(value))) return 'warning';
  }
  return undefined;
}

// Words after a participle that make it a predicate ("failed to", "refused by"), not an adjective before a noun.
const PREDICATE_FOLLOWER =
  /^(?:to|for|with|on|in|at|by|after|before|while|during|because|due|when|and|or|but|from|of|since|again|twice|permanently|silently|unexpectedly|as|so|then|now|here|there)$/;
const NEXT_WORD = /^\s+([a-z][a-z-]*)(?![\w=:<'"(])/;

/** True when an asserted error topic reads as a statement that something failed, not as an adjective. */
function statedFailure(template: string, matches: readonly TopicMatch[]): boolean {
  for (const m of matches) {
    if (m.status !== 'asserted' || m.severity !== 'error') continue;
    if (!/ed$/i.test(m.text)) return true;
    const next = NEXT_WORD.exec(template.slice(m.index + m.text.length, m.index + m.text.length + 40));
    if (next === null || PREDICATE_FOLLOWER.test(next[1]!)) return true;
  }
  return false;
}

function classify(template: string, compiled: Compiled, level: Level | undefined): SeverityExplanation {
  const matches: TopicMatch[] = [];
  let fromText: Severity | undefined;
  for (const { topic, regex, negatable } of compiled.topics) {
    regex.lastIndex = 0;
    for (const m of template.matchAll(regex)) {
      if (m[0].length === 0) continue;
      const status = matchStatus(template, m.index, m.index + m[0].length, negatable);
      matches.push({ topic: topic.name, severity: topic.severity, text: m[0], index: m.index, status });
      const counted = status === 'asserted' ? topic.severity : status === 'mitigated' ? MITIGATED[topic.severity] : undefined;
      if (counted !== undefined) fromText = fromText === undefined ? counted : maxSeverity(fromText, counted);
    }
  }
  matches.sort((a, b) => a.index - b.index);
  for (const m of matches) Object.freeze(m);
  Object.freeze(matches);
  const given = level !== undefined;
  level ??= embeddedLevel(template);
  if (level !== undefined) {
    const byLevel = levelSeverity(level);
    // A critical topic outranks the level: an OutOfMemoryError logged at INFO is still critical.
    if (fromText === 'critical' && severityRank(byLevel) < severityRank('critical')) {
      return { severity: 'critical', source: 'text', matches };
    }
    // An event logged at WARN whose text says something failed (an exception, failed, refused, denied, timed out)
    // is an error: the level says the service carried on, the text that an operation did not succeed (at INFO a
    // warning, below). A level the message writes itself keeps it (`Warning: we failed to ...`): its author
    // classified that very sentence.
    if (given && byLevel === 'warning' && fromText === 'error') return { severity: 'error', source: 'text', matches };
    // So does an outcome field: `request completed status=503` or `result=DECLINED` at INFO is a failure.
    const outcome = outcomeSeverity(template);
    if (outcome !== undefined && severityRank(outcome) > severityRank(byLevel)) return { severity: outcome, source: 'text', matches };
    // An INFO event whose text plainly says an operation failed (`Health check FAILED`, `Failed to open <*>`,
    // `Connection to <*> refused`) is a warning: the level says the service carried on, so not an error, but a
    // new or spiking one is not routine. Handled failures keep INFO (`refused, retrying`: mitigated), and so does a
    // participle that only describes a noun (`list of failed maps`, `loading failed entries`). DEBUG and TRACE stay
    // info: they are written for the developer, failures included.
    if (given && level === 'info' && statedFailure(template, matches)) return { severity: 'warning', source: 'text', matches };
    return { severity: byLevel, source: 'level', matches };
  }
  if (fromText !== undefined) return { severity: fromText, source: 'text', matches };
  return { severity: 'info', source: 'default', matches };
}

/**
 * Severity of a template: from the level when one is known (a critical topic in the text still raises
 * it, an error topic raises a given warn level to error and a given info level to warning), otherwise from topics
 * in the text (see
 * {@link defaultSeverityTopics}), reading negation and zero counts: "0 errors", "no errors found",
 * "error count: 0", "without error", "failed=0" are not errors. Works on templates with `<*>` placeholders;
 * results are cached per template text.
 *
 * @example
 * ```ts
 * import { severityOf } from 'logsift';
 * severityOf('java.lang.OutOfMemoryError: Java heap space');   // 'critical'
 * severityOf('Connection to <*> refused');                     // 'error'
 * severityOf('Sync finished, no errors found');                // 'info'
 * severityOf('Slow query <*> ms', { level: 'warn' });          // 'warning'
 * severityOf('Health check FAILED', { level: 'info' });       // 'warning'
 * ```
 */
export function severityOf(template: string, options: SeverityOptions = {}): Severity {
  return explainSeverity(template, options).severity;
}
