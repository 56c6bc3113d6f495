import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TemplateMiner, detectPrefix } from '../src/index.js';

// The miner remembers recent messages so a repeat skips scanning and fitting. These tests pin down that
// remembering changes nothing a caller can see.
const sshd = readFileSync(new URL('../fixtures/templates/sshd.log', import.meta.url), 'utf8').trim().split('\n');
const app = readFileSync(new URL('../fixtures/sample/app.log', import.meta.url), 'utf8').trim().split('\n').map((l) => detectPrefix(l).message);

/** What a caller sees of one add: template, change and parameters. */
const seen = (miner: TemplateMiner, message: string) => {
  const r = miner.add(message);
  return { id: r.template.id, clusterId: r.template.clusterId, text: r.template.text, count: r.template.count, change: r.change, params: r.params };
};

describe('repeated messages', () => {
  it('a repeated message gets what a miner that cannot remember messages gives', () => {
    // A user mask that never matches turns the message memory off (user masks may be impure) and
    // takes the general tokenizer; the answers must still be the same, line by line.
    const stream = [...sshd, ...app, ...sshd, ...app, ...sshd.slice().reverse(), ...app];
    const remembering = new TemplateMiner();
    const forgetting = new TemplateMiner({ masks: [{ name: 'never', test: () => false }] });
    for (const message of stream) expect(seen(remembering, message)).toEqual(seen(forgetting, message));
    expect(remembering.templates()).toEqual(forgetting.templates());
  });

  it('pausing the memory on messages that never repeat, and resuming it, changes no answer', () => {
    // 10,000 messages that each carry a fresh id give the memory almost no hits, so it pauses; the repeats
    // after them (and during the pause) must get the same answers as from a miner that never remembers.
    const unique = Array.from({ length: 10_000 }, (_, i) => `request ${(i * 7919).toString(36)}x done in ${i % 97} ms`);
    const stream = [...sshd, ...unique, ...sshd, ...app, ...unique.slice(0, 3000), ...Array.from({ length: 60 }, () => [...sshd, ...app]).flat(), ...sshd];
    const remembering = new TemplateMiner();
    const forgetting = new TemplateMiner({ masks: [{ name: 'never', test: () => false }] });
    for (const message of stream) expect(seen(remembering, message)).toEqual(seen(forgetting, message));
    expect(remembering.templates()).toEqual(forgetting.templates());
  });

  it('not adding messages with fresh values while constant ones keep the memory busy changes no answer', () => {
    // Constant messages keep being found, so the memory stays on; the messages with a variable each carry a fresh
    // id, so after two windows of 4,096 of them with next to none found, none is added for the next 32k of them.
    // Repeats of such messages from before that pause (still held), from during it (not held) and from after it
    // must get the answers of a miner that never remembers.
    const constants = ['heartbeat ok', 'cache flushed', 'worker idle', 'queue empty', 'sync complete'];
    const fresh = (i: number) => `request ${(i * 7919).toString(36)}x done in ${i % 97} ms`;
    const stream: string[] = [];
    const run = (from: number, to: number, repeats: number[] = []) => {
      for (let i = from; i < to; i++) {
        stream.push(fresh(i));
        if (i % 2 === 0) stream.push(constants[i % constants.length]!);
        if (i % 16 === 0 && repeats.length > 0) stream.push(fresh(repeats[(i / 16) % repeats.length]!));
      }
    };
    const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);
    run(0, 12_000);
    run(12_000, 46_000, [...range(0, 500), ...range(12_000, 500)]);
    run(46_000, 50_000, [...range(20_000, 200), ...range(46_000, 200), ...range(0, 200)]);
    const remembering = new TemplateMiner();
    const forgetting = new TemplateMiner({ masks: [{ name: 'never', test: () => false }] });
    for (const message of stream) expect(seen(remembering, message)).toEqual(seen(forgetting, message));
    expect(remembering.templates()).toEqual(forgetting.templates());
  });

  it('changing the parameters array returned for a message does not change the next answer for it', () => {
    const miner = new TemplateMiner();
    const message = 'Failed password for root from 10.0.0.1 port 22 ssh2';
    for (let i = 0; i < 5; i++) {
      const params = miner.add(message).params;
      expect(params).toEqual(['root', '10.0.0.1', '22']);
      params.push('tampered');
      params[0] = 'x';
    }
  });

  it('a repeat after its template was generalized reports the generalized template and its parameters', () => {
    const miner = new TemplateMiner();
    const first = 'session opened for user alice by uid 0';
    miner.add(first);
    miner.add(first);
    for (const user of ['bob', 'carol', 'dave', 'erin', 'frank']) miner.add(`session opened for user ${user} by uid 0`);
    const generalized = miner.templates().find((t) => t.text.startsWith('session opened'))!;
    expect(generalized.text).toBe('session opened for user <*> by uid <*>');
    const again = miner.add(first);
    expect(again.template.text).toBe(generalized.text);
    expect(again.params).toEqual(['alice', '0']);
  });
});
