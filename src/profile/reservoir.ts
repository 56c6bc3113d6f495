import { own } from '../tokens/own.js';

/**
 * A fixed-size uniform sample (Vitter's algorithm R) with a deterministic generator, so the same input
 * gives the same examples on every run. The first example is always kept: a reader wants to see the
 * first occurrence of a new event.
 */
export class Reservoir {
  readonly items: string[] = [];
  seen = 0;
  private state: number;

  constructor(
    readonly capacity: number,
    seed = 0x9e3779b9,
  ) {
    this.state = seed >>> 0 || 1;
  }

  add(item: string): void {
    this.seen++;
    // kept items are copies: an event's text is a slice of a read buffer it would keep alive
    if (this.items.length < this.capacity) {
      this.items.push(own(item));
      return;
    }
    // slot 0 keeps the first occurrence; sample the rest uniformly among later items
    const j = this.next() % (this.seen - 1);
    if (j < this.capacity - 1) this.items[j + 1] = own(item);
  }

  /** Adds another reservoir's items as if they had been seen after this one's. */
  absorb(items: readonly string[], seen: number): void {
    if (seen <= 0) return;
    const total = this.seen + seen;
    for (const item of items) {
      if (this.items.length < this.capacity) this.items.push(item);
      else if (this.next() % total < seen) this.items[1 + (this.next() % (this.capacity - 1 || 1))] = item;
    }
    this.seen = total;
  }

  private next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}
