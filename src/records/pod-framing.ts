import type { Framer } from './framer.js';
import { LineOrigins, type OriginLabel } from './line-origins.js';
import type { LogEvent } from './types.js';

/**
 * Pods framed at once, at most: when a 17th pod shows up, the pod whose last line is the oldest is ended
 * (its open event emitted) and forgotten; a later line of it starts afresh. Memory stays bounded however many
 * pods the input holds.
 */
export const MAX_OPEN_PODS = 16;

/** One pod's (and container's) lines: a framer of their own, and where each of its lines came from. */
interface Lane {
  readonly framer: Framer;
  readonly origins: LineOrigins;
  /** The physical line last handed to this lane. */
  used: number;
}

/**
 * Framing of `kubectl logs --prefix` output, where the lines of several pods interleave: each pod and
 * container gets a framer of its own, so a stack trace's lines join the event of their pod. Events come out
 * as they are completed (an event ends when its pod's next event begins, or at the end of the input), so
 * across pods they are not in line order; their `lineNumber` is the physical line they began on and
 * `lineCount` counts their own lines.
 */
export class PodFraming {
  private readonly lanes = new Map<string, Lane>();
  private last: Lane | undefined;
  private readonly one: string[] = [''];

  constructor(private readonly root: Framer) {}

  /**
   * Frames one application line of `pod`/`container`; a line without a pod (blank, or without the prefix)
   * goes with the line before it.
   */
  line(text: string, physical: number, time: number, pod: string | undefined, container: string | undefined, out: LogEvent[]): void {
    let lane: Lane | undefined;
    if (pod === undefined) lane = this.last ?? this.open('', undefined, undefined, out);
    else {
      const key = `${pod}/${container ?? ''}`;
      lane = this.lanes.get(key) ?? this.open(key, pod, container, out);
    }
    lane.origins.add(physical, 1, time, undefined);
    lane.used = physical;
    this.last = lane;
    this.one[0] = text;
    const from = out.length;
    lane.framer.push(this.one, out);
    lane.origins.mend(out, from);
  }

  /** Ends every pod's open event; these last events come out in line order. */
  end(out: LogEvent[]): void {
    const from = out.length;
    for (const lane of this.lanes.values()) this.close(lane, out);
    this.lanes.clear();
    this.last = undefined;
    if (out.length - from > 1) {
      const tail = out.splice(from).sort((a, b) => a.lineNumber - b.lineNumber);
      for (const e of tail) out.push(e);
    }
  }

  private open(key: string, pod: string | undefined, container: string | undefined, out: LogEvent[]): Lane {
    if (this.lanes.size >= MAX_OPEN_PODS) {
      let oldest: [string, Lane] | undefined;
      for (const entry of this.lanes) if (oldest === undefined || entry[1].used < oldest[1].used) oldest = entry;
      this.lanes.delete(oldest![0]);
      this.close(oldest![1], out);
    }
    const lane: Lane = { framer: this.root.fork(), origins: new LineOrigins(labelPod(pod, container)), used: 0 };
    this.lanes.set(key, lane);
    return lane;
  }

  private close(lane: Lane, out: LogEvent[]): void {
    const from = out.length;
    lane.framer.end(out);
    lane.origins.mend(out, from);
  }
}

/** Pod and container as fields, for a lane that has a pod; the application's own fields of those names, if any, are kept. */
function labelPod(pod: string | undefined, container: string | undefined): OriginLabel | undefined {
  if (pod === undefined) return undefined;
  return (e) => {
    e.fields = { pod, container: container!, ...e.fields };
  };
}
