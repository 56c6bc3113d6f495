import type { Level } from './types.js';

export const LEVELS = new Map<string, Level>();
/** The all-capitals spellings, which need no column separator after them. */
export const UPPER_LEVELS = new Map<string, Level>();
for (const [level, names] of [
  ['trace', ['trace', 'finest', 'finer', 'verbose']],
  ['debug', ['debug', 'dbg', 'fine', 'config']],
  ['info', ['info', 'information', 'informational', 'notice']],
  ['warn', ['warn', 'warning']],
  ['error', ['error', 'err', 'severe']],
  ['fatal', ['fatal', 'critical', 'crit', 'alert', 'emerg', 'emergency', 'panic']],
] as const) {
  for (const name of names) {
    LEVELS.set(name, level);
    LEVELS.set(name.toUpperCase(), level);
    UPPER_LEVELS.set(name.toUpperCase(), level);
    LEVELS.set(name[0]!.toUpperCase() + name.slice(1), level);
  }
}
/** Level names by length, lower-case, for {@link levelAt}. */
const BY_LENGTH: Array<Array<{ name: string; level: Level }>> = [];
for (const [name, level] of LEVELS) {
  if (name !== name.toLowerCase()) continue;
  (BY_LENGTH[name.length] ??= []).push({ name, level });
}

/** Set by {@link levelAt}: the word it matched was written in capitals (`WARN`, not `Warn`). */
export let levelWasUpper = false;

/**
 * The level named by the letters `s[from, to)` (at least two) as {@link LEVELS} spells them: lower case,
 * capitals, or a capital and lower case; else undefined. It is `LEVELS.get(s.slice(from, to))` without
 * the slice and the hashing, because it runs on header words of every line. {@link levelWasUpper} tells
 * whether the word was in capitals (the {@link UPPER_LEVELS} spelling).
 */
export function levelAt(s: string, from: number, to: number): Level | undefined {
  const candidates = BY_LENGTH[to - from];
  if (candidates === undefined || to - from < 2) return undefined;
  const head = s.charCodeAt(from);
  for (let k = 0; k < candidates.length; k++) {
    const { name, level } = candidates[k]!;
    if (name.charCodeAt(0) !== (head | 32)) continue;
    // after the first letter: all lower case, or all capitals
    let lower = true;
    let upper = true;
    let i = from + 1;
    for (; i < to; i++) {
      const c = s.charCodeAt(i);
      if ((c | 32) !== name.charCodeAt(i - from)) break;
      if (c >= 65 && c <= 90) lower = false;
      else upper = false;
    }
    if (i < to) continue;
    const capital = head >= 65 && head <= 90;
    levelWasUpper = upper && capital;
    return lower || levelWasUpper ? level : undefined;
  }
  return undefined;
}

export const LETTERS: Record<string, Level> = { V: 'trace', D: 'debug', I: 'info', W: 'warn', E: 'error', F: 'fatal', A: 'fatal' };

/**
 * Normalizes a level name as written by common loggers (`WARNING`, `err`, `Severe`, `CRIT`, `notice`)
 * or a one-letter level (`V D I W E F A` of Android and klog) to a {@link Level}.
 *
 * @example
 * ```ts
 * import { normalizeLevel } from 'logsift';
 * normalizeLevel('WARNING'); // 'warn'
 * normalizeLevel('E');       // 'error'
 * normalizeLevel('hello');   // undefined
 * ```
 */
export function normalizeLevel(name: string): Level | undefined {
  if (name.length === 1) return LETTERS[name.toUpperCase()];
  return LEVELS.get(name) ?? LEVELS.get(name.toLowerCase());
}

