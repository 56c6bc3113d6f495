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

