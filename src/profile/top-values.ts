/**
 * Bounded counts of the most frequent values, a lazily pruned variant of Space-Saving (Metwally et al.):
 * up to `2 x capacity` values are held; when full, the table is cut back to the `capacity` largest and the
 * largest count dropped becomes the floor that every newly seen value starts from (so a count is never an
 * underestimate, and overestimates by at most the floor). Pruning in batches keeps an insert O(1) amortized,
 * which matters for variables that take a new value on every event (ids). Counts are exact while nothing was
 * pruned, which `exact` reports.
 */
export class TopValues {
  private readonly counts = new Map<string, number>();
  /** Observations in total. */
  total = 0;
  /** False once values were pruned: counts are then upper bounds. */
  exact = true;
  /** Count a newly seen value starts from (0 until the first prune). */
  private floor = 0;

  constructor(readonly capacity: number) {}

  add(value: string, n = 1): void {
    this.total += n;
    const c = this.counts.get(value);
    if (c !== undefined) {
      this.counts.set(value, c + n);
      return;
    }
    this.counts.set(value, this.floor + n);
    if (this.counts.size >= 2 * this.capacity) this.prune();
  }

  private prune(keep = this.capacity): void {
    const sorted = [...this.counts].sort((a, b) => b[1] - a[1]);
    if (sorted.length <= keep) return;
    this.floor = Math.max(this.floor, sorted[keep]?.[1] ?? 0);
    this.exact = false;
    this.counts.clear();
    for (let i = 0; i < keep; i++) this.counts.set(sorted[i]![0], sorted[i]![1]);
  }

  /** Keeps only the `keep` largest counts (for a table that will not grow any more). */
  shrink(keep: number): void {
    this.prune(Math.min(keep, this.capacity));
  }

  /** The largest count held. */
  maxCount(): number {
    let max = 0;
    for (const c of this.counts.values()) if (c > max) max = c;
    return max;
  }

  has(value: string): boolean {
    return this.counts.has(value);
  }

  get(value: string): number {
    return this.counts.get(value) ?? 0;
  }

  get size(): number {
    return this.counts.size;
  }

  /** Values by decreasing count (ties by value, for stable output). */
  top(limit = this.capacity): Array<{ value: string; count: number }> {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit)
      .map(([value, count]) => ({ value, count }));
  }

  toJSON(): { capacity: number; total: number; exact: boolean; floor?: number; values: Array<[string, number]> } {
    return { capacity: this.capacity, total: this.total, exact: this.exact, floor: this.floor, values: this.top() .map((v) => [v.value, v.count]) };
  }

  static fromJSON(json: { capacity: number; total: number; exact: boolean; floor?: number; values: Array<[string, number]> }): TopValues {
    const t = new TopValues(json.capacity);
    for (const [v, c] of json.values) t.counts.set(String(v), Number(c));
    t.total = json.total;
    t.exact = json.exact;
    t.floor = json.floor ?? 0;
    return t;
  }

  /** Adds every count of `other` (exactness is kept only if both were exact and nothing is evicted). */
  merge(other: TopValues): void {
    const total = this.total + other.total;
    const exact = this.exact && other.exact;
    for (const { value, count } of other.top()) this.add(value, count);
    this.total = total;
    this.exact = this.exact && exact;
  }
}
