import { describe, expect, it } from 'vitest';
import { profile, Profile } from '../src/index.js';

const ts = (i: number): string => new Date(Date.UTC(2026, 10, 20, 14, 0, 0) + i * 1000).toISOString();
const unique = Array.from({ length: 3000 }, (_, i) => `${ts(i)} INFO [main] c.a.Cart - cart ${i} updated with ${i % 7} items`);
/** Every line four times: what a log resampled with replacement to 4x looks like. */
const fourTimes = unique.slice(0, 750).flatMap((l) => [l, l, l, l]);

describe('profile repetition (distinct events, HyperLogLog)', () => {
  it('is about 1 for distinct events and about 4 when every event is written four times', async () => {
    expect((await profile(unique)).repetition).toBeLessThan(1.1);
    const r = (await profile(fourTimes)).repetition;
    expect(r).toBeGreaterThan(3.6);
    expect(r).toBeLessThan(4.4);
  });

  it('survives a save and load, and a merge of two saved profiles counts shared events once', async () => {
    const p = await profile(fourTimes);
    const again = Profile.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
    expect(again.repetition).toBeCloseTo(p.repetition, 10);
    // the same 750 distinct events in both halves: merged, 3000 events of 750 distinct ones
    const merged = Profile.merge(await profile(fourTimes.slice(0, 1500)), await profile(fourTimes.slice(1500)));
    expect(merged.totals.events).toBe(3000);
    expect(merged.repetition).toBeGreaterThan(3.6);
  });
});
