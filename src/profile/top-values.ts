/**
 * Bounded counts of the most frequent values (the Space-Saving algorithm of Metwally et al.):
 * at most `capacity` values are tracked; when a new value arrives and the table is full, it replaces the
 * value with the smallest count and inherits that count as its error bound. Counts are exact while fewer
 * than `capacity` distinct values have been seen, which `exact` reports.
 */
export class TopValues {
  private readonly counts = new Map<string, number>();
  /** Observations in total. */
  total = 0;
  /** False once a value was evicted: counts are then upper bounds. */
  exact = true;

  constructor(readonly capacity: number) {}

  add(value: string, n = 1): void {
    this.total += n;
    const c = this.counts.get(value);
    if (c !== undefined) {
      this.counts.set(value, c + n);
      return;
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(value, n);
      return;
    }
    this.exact = false;
    let minKey = '';
    let minCount = Infinity;
    for (const [k, v] of this.counts) {
      if (v < minCount) {
        minCount = v;
        minKey = k;
      }
    }
    this.counts.delete(minKey);
    this.counts.set(value, minCount + n);
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

  toJSON(): { capacity: number; total: number; exact: boolean; values: Array<[string, number]> } {
    return { capacity: this.capacity, total: this.total, exact: this.exact, values: [...this.counts] };
  }

  static fromJSON(json: { capacity: number; total: number; exact: boolean; values: Array<[string, number]> }): TopValues {
    const t = new TopValues(json.capacity);
    for (const [v, c] of json.values) t.counts.set(v, c);
    t.total = json.total;
    t.exact = json.exact;
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
