/**
 * Whether a memo (a cache of results the full computation gives anyway) is worth consulting: lookups are
 * judged in windows of `window` (or a little more, when hits come in a batch: recordMiss); after `poorWindows`
 * windows in a row whose share of hits is below `minHits / window`, the memo is skipped for `pause` lookups, then tried again, and one more poor window pauses it again. Used where
 * keeping an entry costs a copy that only pays when entries repeat (logs whose every line carries fresh ids
 * never repeat). Pausing changes speed, never output.
 */
export class MemoGate {
  #lookups = 0;
  #hits = 0;
  #paused = 0;
  #poor = 0;

  constructor(
    private readonly window: number,
    private readonly minHits: number,
    private readonly poorWindows: number,
    private readonly pause: number,
  ) {}

  /** False while paused: the memo is then neither consulted nor filled. */
  get active(): boolean {
    return this.#paused === 0;
  }

  /** Counts one lookup that the gate let through (`hit`: the memo had it). */
  record(hit: boolean): void {
    if (hit) this.#hits++;
    if (++this.#lookups < this.window) return;
    this.#poor = this.#hits * this.window < this.minHits * this.#lookups ? this.#poor + 1 : 0;
    if (this.#poor >= this.poorWindows) {
      this.#paused = this.pause;
      this.#poor = this.poorWindows - 1;
    }
    this.#lookups = 0;
    this.#hits = 0;
  }

  /**
   * {@link MemoGate.record} for `hits` lookups that found what they looked for, tallied by the caller since its last
   * call (so that a hit costs the caller an increment), then one that did not.
   */
  recordMiss(hits: number): void {
    this.#hits += hits;
    this.#lookups += hits;
    this.record(false);
  }

  /** True when this lookup should skip the memo (the gate is paused); counts the pause down. */
  skip(): boolean {
    if (this.#paused === 0) return false;
    this.#paused--;
    return true;
  }
}
