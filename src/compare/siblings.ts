import { FAILURE_WORD } from '../severity/severityOf.js';

/** An all-capitals word (`GET`, `PUT`, `DELETE`, `ACTIVE`), optionally quoted or bracketed, as a template token. */
const ENUM_TOKEN = /^(['"([{]?)([A-Z]{2,12})(['")\]}]?[,.;:]?)$/;

/**
 * A template seen in the baseline that a canary-only template repeats but for one all-capitals word
 * (`Request method 'DELETE' is not supported` next to `... 'GET' ...`), with the words on each side.
 */
export interface Sibling {
  template: string;
  baselineCount: number;
  /** The sibling's word and the new template's word at the one position where they differ. */
  was: string;
  now: string;
}

/**
 * The baseline template that `template` (seen only in the canary) differs from in exactly one all-capitals
 * word, the same quoting around it: a statement that logs an enumerated value (an HTTP method, a state) and
 * was never generalized because it took few values. Undefined when there is none, or when the new word is a
 * failure word (`FAILED`, `DENIED`, `DOWN`): a new outcome is news, a new method or state name is not by itself.
 */
export function enumSibling(template: string, others: ReadonlyArray<{ template: string; baselineCount: number }>): Sibling | undefined {
  const mine = template.split(' ');
  let best: Sibling | undefined;
  for (const other of others) {
    if (other.baselineCount === 0 || other.template === template) continue;
    const theirs = other.template.split(' ');
    if (theirs.length !== mine.length) continue;
    let at = -1;
    for (let i = 0; i < mine.length; i++) {
      if (mine[i] === theirs[i]) continue;
      if (at >= 0) {
        at = -2;
        break;
      }
      at = i;
    }
    if (at < 0) continue;
    const a = ENUM_TOKEN.exec(mine[at]!);
    const b = ENUM_TOKEN.exec(theirs[at]!);
    if (a === null || b === null || a[1] !== b[1] || a[3] !== b[3] || FAILURE_WORD.test(a[2]!)) continue;
    if (best === undefined || other.baselineCount > best.baselineCount) {
      best = { template: other.template, baselineCount: other.baselineCount, was: b[2]!, now: a[2]! };
    }
  }
  return best;
}
