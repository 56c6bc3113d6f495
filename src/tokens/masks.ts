import type { Mask } from './types.js';

const HEX = /^(0x)?[0-9a-f]+$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?$/;
const IPV6 = /^\[?[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\]?(:\d{1,5})?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PATH = /^(\/[^/\s]+)+\/?$|^[A-Za-z]:\\/;
const URL = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const DURATION = /^\d+(\.\d+)?(ns|us|µs|ms|s|sec|secs|m|min|h|d)$/;
const SIZE = /^\d+(\.\d+)?([KMGTP]i?B|B|kB|bytes?)$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$|^\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const NUMBER = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const KEY_VALUE = /^[A-Za-z_][\w.-]*[=:].+$/;
/** Longer tokens are not classified (undefined): a 10 MB token is a blob, not a value kind. */
const MAX_CLASSIFIED_LENGTH = 2048;

/**
 * The kinds of variable the built-in scanner recognizes, as data: a name and a `pattern`.
 * The miner's hot path does not run these regular expressions (its one-pass scanner encodes the
 * same shapes); they name a value's kind with {@link classifyToken}, document what is masked, and
 * can be reused or extended in {@link MinerOptions.masks}.
 *
 * @example
 * ```ts
 * import { builtinMasks } from 'logsift';
 * builtinMasks.map((m) => m.name); // ['uuid', 'ipv4', 'url', 'email', 'path', 'timestamp', ...]
 * ```
 */
export const builtinMasks: readonly Mask[] = Object.freeze([
  { name: 'uuid', pattern: UUID },
  { name: 'ipv4', pattern: IPV4 },
  { name: 'url', pattern: URL },
  { name: 'email', pattern: EMAIL },
  { name: 'path', pattern: PATH },
  { name: 'timestamp', pattern: TIMESTAMP },
  { name: 'duration', pattern: DURATION },
  { name: 'size', pattern: SIZE },
  { name: 'number', pattern: NUMBER },
  { name: 'ipv6', pattern: IPV6 },
  { name: 'hex', test: (t: string) => t.length >= 4 && HEX.test(t) && /\d/.test(t) },
  { name: 'kv', pattern: KEY_VALUE },
]);

/**
 * Names the kind of a token with the first matching mask (`masks` first, then
 * {@link builtinMasks}), or undefined (also for tokens over 2048 characters). Off the hot path:
 * for profiles and explanations.
 *
 * @example
 * ```ts
 * classifyToken('10.0.0.1:8080'); // 'ipv4'
 * classifyToken('250ms');         // 'duration'
 * classifyToken('hello');         // undefined
 * ```
 */
export function classifyToken(token: string, masks: readonly Mask[] = []): string | undefined {
  // Tokens come from untrusted logs: bound the work the regular expressions can be made to do.
  if (token.length > MAX_CLASSIFIED_LENGTH) return undefined;
  for (const m of [...masks, ...builtinMasks]) {
    if ('test' in m ? m.test(token) : wholeMatch(m.pattern, token)) return m.name;
  }
  return undefined;
}

/**
 * True when `pattern` matches the whole of `token`: it is run as `^(?:source)$` with its own flags but `g` and `y`
 * (compiled once per pattern), so every alternative and every length of a quantifier is tried, not only the leftmost
 * match (`/alpha|alphabet/` takes `alphabet`, `/ORD-\d+?/` takes `ORD-123`). Anchors of its own do no harm.
 */
export function wholeMatch(pattern: RegExp, token: string): boolean {
  let whole = anchored.get(pattern);
  if (whole === undefined) {
    whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
    anchored.set(pattern, whole);
  }
  return whole.test(token);
}
const anchored = new WeakMap<RegExp, RegExp>();
