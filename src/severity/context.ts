import { negatedByGrammar } from './grammar.js';

/**
 * How one topic match in a template is meant. Only `asserted` matches count toward severity (and
 * `mitigated` ones, one step lower).
 *
 * @example
 * ```ts
 * import { explainSeverity, type MatchStatus } from 'logsift';
 * const statuses: MatchStatus[] = explainSeverity('Job done: 0 errors, 2 warnings').matches.map((m) => m.status);
 * // ['negated', 'asserted']
 * ```
 */
export type MatchStatus = 'asserted' | 'mitigated' | 'negated' | 'placeholder' | 'reference';

const WINDOW = 48;

// "errors: 0", "error count: 0", "failed=0", "exception=null", "errors 0": a zero (or empty) value that
// ends there ("Error: null value in column" is not one).
const ZERO_AFTER =
  /^(?:\(s\))?(?:[ _-]?(?:count|counts|total|num|number))?(?:\s*[:=]\s*["']?(?:0+(?:\.0+)?|none|nil|null|false|zero|<nil>|""|'')|\s+0+)["']?(?=\s*$|\s*[,;()[\]{}&|]|\s+[\w.-]+\s*[=:])/i;
// "0 errors", "zero failures", "0 new errors", "no errors", "non-fatal"
const ZERO_BEFORE = /(?:^|[^\w.,:-])(?:(?:0|zero)\s+(?:[A-Za-z-]+\s+)?|no\s+|non-?)$/i;
// "<*> errors", "<*> ddr error(s)": a count whose value the template hides.
const COUNT_BEFORE = /<\*>\s+(?:[\w+-]+\s+){0,3}$/;
// "errors=<*>", "failed=<*>", "warnings: <*>"
const COUNT_AFTER_EQUALS = /^(?:\(s\))?(?:[ _-]?(?:count|counts|total))?\s*=\s*["']?<\*>/i;
const COUNT_AFTER_COLON = /^(?:\(s\))?(?:[ _-]?(?:count|counts|total))?\s*:\s*<\*>/i;
// "error handler", "exception support", "error latch is clear": the word names a thing, not an event.
const MODIFIER_AFTER =
  /^(?:\(s\))?\s+(?:handlers?|handling|support|reporting|registers?|latch(?:es)?|flags?|bits?|counters?|masks?|vectors?|logs?|logging|pages?|policy|policies|callbacks?|syndrome|table)\b/i;
// The template says the trouble was dealt with: "error(s) detected and corrected", "failed, retrying",
// "panic recovered".
const MITIGATION =
  /\b(?:corrected|correcting|to correct|recovered|recovering|recovery|resolved|ignored|ignoring|will retry|retrying|skipping|falling back)\b/i;
const MITIGATION_ALL = new RegExp(MITIGATION.source, 'gi');
// Words that can negate what follows in the same clause; the grammar check decides whether they do.
const NEGATION_CUE = /\b(?:no|not|never|without|none|nothing|neither|nor|cannot)\b|n't\b/i;
const CLAUSE_BREAK = /[:;,.!?()[\]{}|=]|\s-\s/g;

function isPlural(matched: string): boolean {
  return /(?:[^s]s|\(s\))$/i.test(matched);
}

/**
 * Decides whether a topic found at [start, end) of a template asserts trouble. Cheap string rules
 * cover zero counts, placeholders and paths; only a template with a negation word close before the
 * match pays for the grammar check (wink-nlp, cached per template).
 */
export function matchStatus(text: string, start: number, end: number, negatable: boolean): MatchStatus {
  const matched = text.slice(start, end);
  const prev = text[start - 1];
  const after = text.slice(end, end + WINDOW);
  // part of a path, file name or dotted identifier: /var/log/error.log, /api/errors
  // or an Objective-C selector part: "-[Foo fetch:error:]"
  if (prev === '/' || prev === '\\' || /^[.\/\\][A-Za-z]/.test(after) || (prev === ':' && after[0] === ':')) return 'reference';
  if (MODIFIER_AFTER.test(after)) return 'reference';
  if (!negatable) return 'asserted';
  const before = text.slice(Math.max(0, start - WINDOW), start);
  if (ZERO_AFTER.test(after) || ZERO_BEFORE.test(before)) return 'negated';
  const plural = isPlural(matched);
  if (plural && (COUNT_BEFORE.test(before) || COUNT_AFTER_COLON.test(after))) return 'placeholder';
  // a key whose value the template hides: "errors=<*>", "failed=<*>", logfmt "err=<*>" (mostly nil)
  if (COUNT_AFTER_EQUALS.test(after)) return 'placeholder';
  const clause = lastClause(before);
  if (NEGATION_CUE.test(clause) && negatedByGrammar(text, start)) return 'negated';
  if (isMitigated(text, start)) return 'mitigated';
  return 'asserted';
}

function lastClause(before: string): string {
  let cut = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) cut = m.index + m[0].length;
  return before.slice(cut);
}

// A mitigation word anywhere in the template counts, except right before the topic, where it names
// what failed: "recovery failed", "retrying failed".
function isMitigated(text: string, start: number): boolean {
  for (const m of text.matchAll(MITIGATION_ALL)) {
    const end = m.index + m[0].length;
    if (end <= start && /^\s*(?:[\w-]+\s+)?$/.test(text.slice(end, start))) continue;
    return true;
  }
  return false;
}
