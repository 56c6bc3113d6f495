import type { LogEvent } from './types.js';

/** Gives an event the tag of the line it began on (as a field, say); called once for each event mended. */
export type OriginLabel = (event: LogEvent, tag: string | undefined) => void;

/**
 * Where each line handed to a framer came from, for the lines not yet in an emitted event: the physical
 * line it began on, how many physical lines it spans (more than one when pieces were joined), the
 * wrapper's time (NaN for none) and a tag such as the stream. The framer numbers the lines it is given
 * from 1, one to one with {@link LineOrigins.add}; {@link LineOrigins.mend} maps its events back.
 */
export class LineOrigins {
  private readonly firsts: number[] = [];
  private readonly spans: number[] = [];
  private readonly times: number[] = [];
  private readonly tags: Array<string | undefined> = [];
  /** The framer's number for the first line held. */
  private base = 1;

  constructor(private readonly label?: OriginLabel) {}

  /** Records the origin of the next line handed to the framer. */
  add(first: number, span: number, time: number, tag: string | undefined): void {
    this.firsts.push(first);
    this.spans.push(span);
    this.times.push(time);
    this.tags.push(tag);
  }

  /**
   * Events framed since `out[from]` get the physical line they began on, the physical lines they span,
   * the wrapper's time when they have none of their own, and the label of their first line's tag; the
   * lines they consumed are then forgotten.
   */
  mend(out: LogEvent[], from: number): void {
    if (from === out.length) return;
    let next = this.base;
    for (let k = from; k < out.length; k++) {
      const e = out[k]!;
      const i = e.lineNumber - this.base;
      let physicalLines = 0;
      for (let j = i; j < i + e.lineCount; j++) physicalLines += this.spans[j]!;
      next = e.lineNumber + e.lineCount;
      e.lineNumber = this.firsts[i]!;
      e.lineCount = physicalLines;
      const time = this.times[i]!;
      if (e.timestamp === undefined && !Number.isNaN(time)) e.timestamp = time;
      this.label?.(e, this.tags[i]);
    }
    const done = next - this.base;
    this.firsts.splice(0, done);
    this.spans.splice(0, done);
    this.times.splice(0, done);
    this.tags.splice(0, done);
    this.base = next;
  }
}
