import type { ScanState } from '../tokens/scanner.js';
import type { Cluster } from './store.js';

/**
 * How a message scanned (the fast scanner's saved state, or the general path's tokens), plus what
 * later steps learned about it: the shape-cache entry it was verified against, and its parameters
 * for one version of one cluster. Both are exact for an equal message, so reusing them changes nothing.
 */
export type ScannedLine = (
  | { state: ScanState; hash?: undefined; raw?: undefined; masked?: undefined }
  | { state?: undefined; hash: number; raw: string[]; masked: string[] }
) & {
  verified: object | undefined;
  cluster: Cluster | undefined;
  version: number;
  params: string[] | undefined;
};

/** Messages longer than this are not remembered: they rarely repeat and would dominate the memory bound. */
const MAX_MESSAGE = 512;

/**
 * Scans of recent messages, keyed by the message text: a message seen before (a heartbeat, a
 * `Connection closed`) skips tokenizing and masking. Bounded by entries and by characters held;
 * cleared when either bound is reached, so memory stays flat on any input. Keys are copied so a
 * remembered message never keeps the larger string it was sliced from alive.
 */
export class LineCache {
  readonly #map = new Map<string, ScannedLine>();
  #chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  get(message: string): ScannedLine | undefined {
    return message.length > MAX_MESSAGE ? undefined : this.#map.get(message);
  }

  /** Remembers the scan of `message`; returns it, or undefined when the message is too long to keep. */
  set(message: string, line: ScannedLine): ScannedLine | undefined {
    if (message.length > MAX_MESSAGE) return undefined;
    if (this.#map.size >= this.maxEntries || this.#chars + message.length > this.maxChars) {
      this.#map.clear();
      this.#chars = 0;
    }
    this.#chars += message.length;
    // Slicing a concatenation flattens it into a new string of the message's length alone.
    this.#map.set((' ' + message).slice(1), line);
    return line;
  }
}
