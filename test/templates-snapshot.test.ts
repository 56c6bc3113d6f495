import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Profile, TemplateMiner, isInputError, profile, templateMatches } from '../src/index.js';

const sshd = readFileSync(new URL('../fixtures/templates/sshd.log', import.meta.url), 'utf8').trim().split('\n');

function mined(lines: readonly string[], options = {}) {
  const miner = new TemplateMiner(options);
  for (const line of lines) miner.add(line);
  return miner;
}

describe('templates: snapshot, restore, merge and bounded memory', () => {
  it('a snapshot survives JSON and restores the same templates, ids and counts', () => {
    const miner = mined(sshd);
    const json = JSON.stringify(miner.snapshot());
    const restored = TemplateMiner.restore(JSON.parse(json));
    expect(restored.templates()).toEqual(miner.templates());
    const next = 'Connection closed by 10.1.1.1 [preauth]';
    expect(restored.add(next).template.id).toBe(miner.add(next).template.id);
    expect(restored.snapshot()).toEqual(miner.snapshot());
  });

  it('tokens with a no-break space or another Unicode space (part of a token, as the scanner splits) survive a snapshot and a merge', () => {
    const lines = ['price\u00a0total is 12 EUR', 'price\u00a0total is 13 EUR', 'line\u2028sep ok', 'zero\ufeffwidth ok'];
    const miner = mined(lines);
    const snap = JSON.parse(JSON.stringify(miner.snapshot())) as unknown;
    const again = TemplateMiner.restore(snap);
    expect(again.templates().map((t) => t.text)).toEqual(miner.templates().map((t) => t.text));
    const other = mined(['price\u00a0total is 14 EUR']);
    other.merge(miner.snapshot());
    expect(other.match('price\u00a0total is 99 EUR')?.template.text).toBe('price\u00a0total is <*> EUR');
  });

  it('a snapshot whose token holds a tab or a space is rejected as malformed', () => {
    const snap = mined(['a b c']).snapshot();
    snap.clusters[0]!.tokens[0] = 'a\tb';
    expect(() => TemplateMiner.restore(snap)).toThrow(/spaces or control characters/);
  });

  it('a restored miner still answers templateOf for ids that were merged before the snapshot', () => {
    const miner = new TemplateMiner();
    const ids = ['root', 'cyrus', 'news', 'admin'].map((u) => miner.add(`session closed for user ${u}`).template.clusterId);
    const restored = TemplateMiner.restore(JSON.parse(JSON.stringify(miner.snapshot())));
    for (const id of ids) expect(restored.templateOf(id).text).toBe('session closed for user <*>');
  });

  it('merge feeds the other miner templates in with their counts', () => {
    const a = mined(sshd.slice(0, 10));
    const b = mined(sshd.slice(10));
    a.merge(b.snapshot());
    const templates = a.templates();
    expect(templates.reduce((s, t) => s + t.count, 0)).toBe(sshd.length);
    for (const line of sshd) expect(templates.some((t) => templateMatches(t.text, line))).toBe(true);
    expect(templates.map((t) => t.text)).toEqual(expect.arrayContaining(['Invalid user <*> from <*>', 'Connection closed by <*> [preauth]']));
  });

  it('merge keeps the covering rule: a specific template with more lines than the general one covering it stays apart, whatever the cluster ids', () => {
    const disks = (first: boolean, specific: number) => {
      const miner = new TemplateMiner();
      if (first) miner.add('Disk sdb full on hostB'); // the general template gets the lower cluster id
      for (let i = 0; i < specific; i++) miner.add('Disk sda full on hostA');
      for (const h of ['hostB', 'hostC', 'hostD']) for (const d of ['sdb', 'sdc', 'sdd']) miner.add(`Disk ${d} full on ${h}`);
      return miner;
    };
    const view = (m: TemplateMiner) => m.templates().map((t) => `${t.text} x${t.count}`).sort();
    for (const first of [true, false]) {
      const a = disks(first, 20);
      expect(view(a)).toEqual(first ? ['Disk <*> full on <*> x10', 'Disk sda full on hostA x20'] : ['Disk <*> full on <*> x9', 'Disk sda full on hostA x20']);
      // into an empty miner: the same templates as the source
      const empty = new TemplateMiner();
      empty.merge(a.snapshot());
      expect(view(empty)).toEqual(view(a));
      // two such shards: the general template still holds fewer lines, so they stay apart
      const both = disks(first, 20);
      both.merge(a.snapshot());
      expect(view(both)).toEqual(view(a).map((t) => t.replace(/x(\d+)$/, (_, n: string) => `x${2 * Number(n)}`)));
      // a shard whose general template has more lines: together it outgrows the specific one, which joins it
      const general = new TemplateMiner();
      for (let i = 0; i < 40; i++) general.add(`Disk sd${'bcde'[i % 4]} full on host${'BCDE'[i % 3]}`);
      general.merge(a.snapshot());
      expect(view(general)).toEqual([`Disk <*> full on <*> x${first ? 70 : 69}`]);
    }
  });

  it('findTemplate finds a merged template whose run of variables became one list variable', async () => {
    const a = mined(['BLOCK* ask 10.0.0.1:50010 to delete blk_1 blk_2']);
    const b = mined(['BLOCK* ask 10.0.0.3:50010 to delete blk_5 blk_6 blk_7']);
    const theirs = b.templates().map((t) => t.text);
    expect(theirs).toEqual(['BLOCK* ask <*>:<*> to delete <*> <*> <*>']);
    a.merge(b.snapshot());
    expect(a.templates().map((t) => `${t.text} x${t.count}`)).toEqual(['BLOCK* ask <*>:<*> to delete <*> x2']);
    for (const text of [...theirs, 'BLOCK* ask <*>:<*> to delete <*> <*>']) {
      expect(a.findTemplate(text)?.text).toBe('BLOCK* ask <*>:<*> to delete <*>');
    }
    expect(a.findTemplate('BLOCK* ask <*>:<*> to keep <*> <*> <*>')).toBeUndefined();
    // Profile.merge places the other profile's signatures by findTemplate: nothing is added to the miner again
    const merged = Profile.merge(
      await profile(['BLOCK* ask 10.0.0.1:50010 to delete blk_1 blk_2']),
      await profile(['BLOCK* ask 10.0.0.3:50010 to delete blk_5 blk_6 blk_7']),
    );
    expect(merged.entries().map((e) => [e.template, e.stats.count])).toEqual([['BLOCK* ask <*>:<*> to delete <*>', 2]]);
    expect(merged.miner.templates().map((t) => `${t.text} x${t.count}`)).toEqual(['BLOCK* ask <*>:<*> to delete <*> x2']);
  });

  it('findTemplate finds where merge put each of the other miner templates, partly variable tokens included', () => {
    const other = mined([
      ...['USD', 'GBP', 'PLN', 'SEK', 'CHF', 'NOK'].map((c, i) => `FX rate ${c}/EUR = 0.9${i}`),
      ...sshd,
    ]);
    const texts = other.templates().map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['FX rate <*>/EUR = <*>', 'Invalid user <*> from <*>']));
    const here = mined(sshd.slice(0, 10));
    here.merge(other.snapshot());
    const live = new Set(here.templates().map((t) => t.clusterId));
    for (const text of texts) {
      const found = here.findTemplate(text);
      expect(found, text).toBeDefined();
      expect(live.has(found!.clusterId)).toBe(true);
      expect(templateMatches(found!.text, text)).toBe(true);
    }
    // scanned as a message, the rendered template is masked again and fits nothing
    expect(here.match('FX rate <*>/EUR = <*>')).toBeUndefined();
    expect(here.findTemplate('FX rate <*>/USD = <*>')).toBeUndefined();
    expect(new TemplateMiner().findTemplate('')).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a wrong format', { format: 'other', version: 1 }],
    ['an unknown version', { ...new TemplateMiner().snapshot(), version: 2 }],
    ['tokens with spaces', { ...new TemplateMiner().snapshot(), clusters: [{ id: 1, tokens: ['a b'], count: 1, lastSeen: 1 }] }],
    ['a negative count', { ...new TemplateMiner().snapshot(), clusters: [{ id: 1, tokens: ['a'], count: -1, lastSeen: 1 }] }],
    [
      'duplicate ids',
      {
        ...new TemplateMiner().snapshot(),
        clusters: [
          { id: 1, tokens: ['a'], count: 1, lastSeen: 1 },
          { id: 1, tokens: ['b'], count: 1, lastSeen: 1 },
        ],
      },
    ],
    ['bad options', { ...new TemplateMiner().snapshot(), options: { maxTemplates: 'many' } }],
    ['a bad forward entry', { ...new TemplateMiner().snapshot(), forward: [[1]] }],
  ])('restore rejects %s with an InputError', (_why, data) => {
    let error: unknown;
    try {
      TemplateMiner.restore(data);
    } catch (e) {
      error = e;
    }
    expect(isInputError(error)).toBe(true);
    expect(() => new TemplateMiner().merge(data as never)).toThrow();
  });

  it('the template cap evicts the least recently matched templates and keeps memory bounded', () => {
    const miner = new TemplateMiner({ maxTemplates: 20, maxCacheEntries: 100 });
    const words = (i: number) => i.toString(36).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);
    const hot = 'heartbeat ok from the scheduler';
    let lastId = 0;
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      miner.add(hot);
      const r = miner.add(`event ${words(i)} ${words(i * 7)} happened ${words(i * 13)}`);
      lastId = r.template.clusterId;
      seen.add(r.template.text);
    }
    expect(seen.size).toBeGreaterThan(1000);
    const templates = miner.templates();
    expect(templates.length).toBeLessThanOrEqual(20);
    expect(templates.map((t) => t.text)).toContain(hot);
    const snap = miner.snapshot();
    expect(snap.clusters.length).toBeLessThanOrEqual(20);
    expect(snap.forward.length).toBeLessThanOrEqual(4 * 20 + 64);
    expect(miner.templateOf(lastId).count).toBeGreaterThan(0);
    // A long evicted id either still answers from the bounded history or fails with an InputError.
    try {
      expect(typeof miner.templateOf(2).text).toBe('string');
    } catch (e) {
      expect(isInputError(e)).toBe(true);
    }
  });

  it('at the template cap, new templates are generalized before anything is evicted', () => {
    // 30 statements, then 40 variants of one statement that consolidation merges into one template: with a cap of
    // 50, evicting before consolidating would drop the oldest statements to make room for variants about to merge
    const miner = new TemplateMiner({ maxTemplates: 50 });
    const letters = (i: number) => i.toString(36).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);
    const statements = Array.from({ length: 30 }, (_, i) => `worker ${letters(i + 100)} reached stage ${letters(i + 300)} of the pipeline`);
    for (const s of statements) miner.add(s);
    for (let i = 0; i < 40; i++) miner.add(`session opened for user ${letters(i * 37 + 1000)} by the login service`);
    const texts = miner.templates().map((t) => t.text);
    for (const s of statements) expect(texts).toContain(s);
    expect(texts).toContain('session opened for user <*> by the login service');
  });

  it('memory stays flat once templates stop appearing', () => {
    const miner = new TemplateMiner();
    for (const line of sshd) miner.add(line);
    const size = JSON.stringify(miner.snapshot().clusters.map((c) => c.tokens)).length;
    for (let round = 0; round < 50; round++) for (const line of sshd) miner.add(line);
    expect(JSON.stringify(miner.snapshot().clusters.map((c) => c.tokens)).length).toBe(size);
    expect(miner.templates().reduce((s, t) => s + t.count, 0)).toBe(sshd.length * 51);
  });
});
