import type { Severity } from '../compare/types.js';

/**
 * A phrase that marks a template's severity: data, not code (like Drain3's masking rules), so a rules
 * file can add or replace topics.
 *
 * @example
 * ```ts
 * import { severityOf, type SeverityTopic } from 'logsift';
 * const fraud: SeverityTopic = { name: 'fraud', pattern: '\\bfraud(?:ulent)?\\b', severity: 'critical', negatable: false };
 * severityOf('no fraud check for <*>', { extraTopics: [fraud] }); // 'critical': negation does not cancel it
 * ```
 */
export interface SeverityTopic {
  /** Short name used in explanations, e.g. `'OutOfMemoryError'`. */
  name: string;
  /** Regular expression source (JSON/YAML friendly); matched against the template text. */
  pattern: string;
  /** RegExp flags (`g` is always added). Default `'i'`; use `''` for case-sensitive words like `SEVERE`. */
  flags?: string;
  severity: Severity;
  /**
   * Whether negation and zero counts cancel a match ("no errors", "failed=0"). Default true. Set false
   * for phrases that are trouble however they are worded.
   */
  negatable?: boolean;
}

/**
 * The default topics (after OpsMx's errorTopics and common log conventions). Highest severity wins.
 * Extend with `extraTopics`, or replace with `topics`, in {@link SeverityOptions}.
 *
 * @example
 * ```ts
 * import { defaultSeverityTopics, severityOf } from 'logsift';
 * const topics = [...defaultSeverityTopics, { name: 'circuit open', pattern: '\\bcircuit (?:breaker )?open', severity: 'error' as const }];
 * severityOf('circuit breaker open for <*>', { topics }); // 'error'
 * ```
 */
export const defaultSeverityTopics: readonly SeverityTopic[] = Object.freeze([
  // critical: the process or machine is in trouble
  { name: 'OutOfMemoryError', pattern: '\\bOutOfMemoryError\\b|\\bout of memory\\b|\\boom[- ]kill(?:er|ed)?\\b|\\bstd::bad_alloc\\b|\\bMemoryError\\b', severity: 'critical' },
  { name: 'StackOverflowError', pattern: '\\bStackOverflowError\\b|\\bstack overflow\\b', severity: 'critical' },
  { name: 'NullPointerException', pattern: '\\bNullPointerException\\b', flags: '', severity: 'critical' },
  // and the same bug in Python and JavaScript: a method called on None / undefined
  {
    name: 'null dereference',
    pattern:
      "\\b(?:null|nil)(?:[ -]pointer)? dereference\\b|'NoneType' object (?:has no attribute|is not (?:subscriptable|callable|iterable))|\\bCannot read propert(?:y|ies) of (?:null|undefined)\\b",
    severity: 'critical',
  },
  { name: 'panic', pattern: '\\bpanic(?:ked|king)?\\b', severity: 'critical' },
  { name: 'segfault', pattern: '\\bsegfault\\b|\\bsegmentation (?:fault|violation)\\b|\\bSIGSEGV\\b|\\bcore dumped\\b', severity: 'critical' },
  { name: 'FATAL', pattern: '\\bfatal\\b', severity: 'critical' },
  // a C++ program ended by an exception nobody caught (std::terminate aborts the process)
  { name: 'terminate', pattern: '\\bterminate called (?:after throwing|without an active exception)\\b', severity: 'critical' },
  { name: 'SEVERE', pattern: '\\bSEVERE\\b', flags: '', severity: 'critical' },
  // error: something went wrong
  { name: 'exception', pattern: '\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b', flags: '', severity: 'error' },
  { name: 'exception', pattern: '\\bexception\\(s\\)|\\bexceptions?\\b', severity: 'error' },
  { name: 'Traceback', pattern: '\\bTraceback\\b', flags: '', severity: 'error' },
  { name: 'ERROR', pattern: '\\berrors?\\(s\\)|\\berr(?:or|ors)?\\b', severity: 'error' },
  { name: 'failed', pattern: '\\bfail(?:s|ed|ure|ures|ing)?\\b', severity: 'error' },
  { name: 'refused', pattern: '\\brefused\\b', severity: 'error' },
  {
    name: 'connection lost',
    pattern: '\\b(?:connection|link|session|socket)s?\\s+(?:was\\s+|has been\\s+)?(?:lost|reset|dropped|severed)\\b|\\breset by peer\\b|\\blost\\s+(?:the\\s+|its\\s+)?(?:connection|link|session)\\b',
    severity: 'error',
  },
  // ENOMEM's "Cannot allocate memory", a pool or buffer that could not be had
  { name: 'allocation failed', pattern: "\\b(?:unable to|cannot|can't|could not|couldn't|failed to) allocate\\b|\\ballocation failed\\b", severity: 'error' },
  { name: 'giving up', pattern: '\\bgiv(?:e|es|ing) up\\b|\\bgave up\\b', severity: 'error' },
  { name: 'corrupt', pattern: '\\bcorrupt(?:ed|ion)?\\b|\\b(?:checksum|crc|digest)\\s+(?:mismatch|error|failure)\\b', severity: 'error' },
  // "timeout=30", "timeout <*> ms", "timeout of <*>" name a setting; "timed out" is an event
  { name: 'timeout', pattern: '\\btimed[ -]?out\\b|\\btimeouts?\\b(?!\\s*(?:[=:]|of\\b)?\\s*(?:\\d|<\\*>))', severity: 'error' },
  { name: 'denied', pattern: '\\bdenied\\b|\\bforbidden\\b|\\bunauthori[sz]ed\\b', severity: 'error' },
  { name: 'assertion', pattern: '\\bassert(?:ion)?s? failed\\b|\\bASSERT(?:ION)?\\b', flags: '', severity: 'error' },
  { name: 'aborted', pattern: '\\babort(?:ed|ing)\\b', severity: 'error' },
  { name: 'crashed', pattern: '\\bcrash(?:ed|es|ing)?\\b', severity: 'error' },
  {
    name: '5xx status',
    pattern:
      '\\b(?:status|http|response|return)(?:[ _-]?code)?\\s*[:=]?\\s*\\(?5\\d\\d\\b|\\bHTTP/\\d(?:\\.\\d)?"?\\s+5\\d\\d\\b|"\\s+5\\d\\d\\s' +
      '|\\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\\s+\\S+\\s+5\\d\\d\\b',
    severity: 'error',
  },
  // client errors: a spike of 4xx is worth a look, one 404 is not trouble
  {
    name: '4xx status',
    pattern:
      '\\b(?:status|http|response|return)(?:[ _-]?code)?\\s*[:=]?\\s*\\(?4\\d\\d\\b|\\bHTTP/\\d(?:\\.\\d)?"?\\s+4\\d\\d\\b|"\\s+4\\d\\d\\s' +
      '|\\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\\s+\\S+\\s+4\\d\\d\\b',
    severity: 'warning',
  },
  // warning: degraded or worth a look
  { name: 'WARN', pattern: '\\bwarning\\(s\\)|\\bwarn(?:ing|ings)?\\b', severity: 'warning' },
  { name: 'retrying', pattern: '\\bretrying\\b|\\bretried\\b|\\bwill retry\\b', severity: 'warning' },
  // a rejected input or login (`Invalid user admin`, `invalid token`): a few are noise, many are trouble
  { name: 'invalid', pattern: '\\binvalid\\b', severity: 'warning' },
  { name: 'deprecated', pattern: '\\bdeprecat(?:ed|ion)\\b', severity: 'warning' },
  { name: 'exceeded', pattern: '\\b(?:quota|limit|capacity)\\s+(?:was\\s+|has been\\s+)?exceeded\\b|\\bexceed(?:ed|s|ing)\\s+(?:the\\s+|its\\s+)?(?:quota|limit|capacity)\\b', severity: 'warning' },
  { name: 'unable', pattern: '\\bunable to\\b|\\bcould not\\b|\\bcan ?not\\b|\\bcan\'t\\b|\\bcouldn\'t\\b', severity: 'warning', negatable: false },
] satisfies SeverityTopic[]);
