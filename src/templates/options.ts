import type { Mask } from '../tokens/types.js';

/**
 * Options of {@link TemplateMiner}. Every option has a default in {@link defaultMinerOptions}.
 *
 * @example
 * ```ts
 * const miner = new TemplateMiner({ maxTemplates: 2000, masks: [{ name: 'order', pattern: /^ORD-\d+$/ }] });
 * ```
 */
export interface MinerOptions {
  /**
   * Most templates kept at once. Past it the least recently matched template is evicted
   * (ties: the one with fewer lines first), so memory stays bounded on any input. Default 20,000 (a service's
   * distinct statements fit; looking templates up costs little more with many, see docs/templates.md).
   */
  maxTemplates?: number;
  /**
   * A slot whose other tokens are equal becomes a variable once this many different words were
   * seen in it (`session closed for user root|cyrus|news` -> `<*>`); fewer stay separate events
   * (`Link error` vs `Link ok`). Default 3.
   */
  minDistinctValues?: number;
  /** Also allow the first token to become a variable by distinct words (it usually names the event). Default false. */
  variableFirstToken?: boolean;
  /**
   * How many extra tokens one variable may cover, so `user <*>` also fits `user John Smith`. Default 4. A quoted
   * variable (`reason="<*>"`) may cover up to 16 (its quotes bound the value); 0 turns both off.
   */
  maxVariableSpan?: number;
  /**
   * Entries of the cache from a line's masked shape to its template, and of recent messages (up to 2,048
   * characters, 4 million characters in all) with what mining them gave; each is cleared when full.
   * Default 50000.
   */
  maxCacheEntries?: number;
  /** Tokens kept per message; the rest of a longer message becomes one final variable. Default 256. */
  maxTokens?: number;
  /** Extra masks tried on each token before the built-in scanner; a match makes the token `<*>`. Default none. */
  masks?: readonly Mask[];
}

/**
 * {@link MinerOptions} with every field present (the type of `miner.options`).
 *
 * @example
 * ```ts
 * const opts: DefinedMinerOptions = { ...defaultMinerOptions, maxTemplates: 100 };
 * ```
 */
export type DefinedMinerOptions = Required<MinerOptions>;

/**
 * The defaults of {@link MinerOptions}: one configuration for every log (no per-system tuning).
 *
 * @example
 * ```ts
 * new TemplateMiner({ ...defaultMinerOptions, maxTemplates: 100 });
 * ```
 */
export const defaultMinerOptions: Readonly<DefinedMinerOptions> = Object.freeze({
  maxTemplates: 20_000,
  minDistinctValues: 3,
  variableFirstToken: false,
  maxVariableSpan: 4,
  maxCacheEntries: 50_000,
  maxTokens: 256,
  masks: [],
});
