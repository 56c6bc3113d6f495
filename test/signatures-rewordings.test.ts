import { describe, expect, it } from 'vitest';
import { findRewordings, type AlignmentInput } from '../src/index.js';

const totals = { baseline: 10_000, canary: 10_000 };

function sig(id: string, template: string, baselineCount: number, canaryCount: number, severity = 'info'): AlignmentInput {
  return { id, template, severity, baselineCount, canaryCount };
}

describe('findRewordings', () => {
  it('findRewordings pairs a canary template with the baseline template whose words it changed and whose rate it took over', () => {
    const pairs = findRewordings(
      [
        sig('old', 'Order <*> placed by user <*> total=<*> <*> in <*>ms', 1200, 0),
        sig('new', 'Order <*> created by user <*> total=<*> <*> in <*>ms', 0, 1180),
        sig('other', 'Cache refreshed for region <*>', 500, 510),
      ],
      totals,
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ baselineId: 'old', canaryId: 'new', removed: ['placed'], added: ['created'] });
    expect(pairs[0]!.similarity).toBeGreaterThan(0.5);
    expect(pairs[0]!.similarity).toBeLessThan(1);
  });

  it('findRewordings scales the expected count by the canary volume', () => {
    const pairs = findRewordings([sig('old', 'Reserved <*> units of <*> in warehouse <*>', 400, 0), sig('new', 'Held <*> units of <*> in warehouse <*>', 0, 1600)], {
      baseline: 10_000,
      canary: 40_000,
    });
    expect(pairs.map((p) => p.canaryId)).toEqual(['new']);
  });

  it('findRewordings does not pair when the baseline template kept its rate (a new event with similar words)', () => {
    const pairs = findRewordings(
      [sig('old', 'Connected to shard <*> of cluster <*> in <*>ms', 800, 790), sig('new', 'Connected to replica <*> of cluster <*> in <*>ms', 0, 40)],
      totals,
    );
    expect(pairs).toEqual([]);
  });

  it('findRewordings does not pair a new error with an error that fell when the changed words describe trouble', () => {
    const pairs = findRewordings(
      [
        sig('old', 'Charge for order <*> failed: gateway busy code=<*>', 30, 0, 'error'),
        sig('new', 'Charge for order <*> failed: gateway timeout code=<*>', 0, 30, 'error'),
      ],
      totals,
    );
    expect(pairs).toEqual([]);
  });

  it('findRewordings pairs a statement with itself plus an aside at its end (variables then differ in number), unless the aside names trouble', () => {
    const before = 'Failed to send confirmation email to <*>: timeout after <*> ms';
    const pairs = findRewordings([sig('old', before, 30, 0, 'error'), sig('new', `${before} (attempt <*> of <*>)`, 0, 32, 'error')], totals);
    expect(pairs).toMatchObject([{ baselineId: 'old', canaryId: 'new', removed: [], added: ['attempt', 'of'] }]);
    expect(findRewordings([sig('old', before, 30, 0, 'error'), sig('new', `${before} (caused by <*> exception)`, 0, 32, 'error')], totals)).toEqual([]);
    // words added in the middle with another variable: a different statement
    expect(findRewordings([sig('old', 'Order <*> placed by user <*>', 900, 0), sig('new', 'Order <*> placed for shop <*> by user <*>', 0, 900)], totals)).toEqual([]);
  });

  it('findRewordings never pairs a statement with its negation, nor a change of words that names a shortage', () => {
    for (const [before, after] of [
      ['Connection to replica <*> established in <*> ms', 'Connection to replica <*> not established in <*> ms'],
      ['Connection to replica <*> established in <*> ms', 'Connection to replica <*> could not be established in <*> ms'],
      ['Health check OK for <*>', 'Health check NOT OK for <*>'],
      ['Payment <*> authorized for order <*>', "Payment <*> wasn't authorized for order <*>"],
      ['Inventory low for SKU <*> in warehouse <*>', 'Inventory exhausted for SKU <*> in warehouse <*>'],
    ]) {
      expect(findRewordings([sig('old', before!, 900, 0), sig('new', after!, 0, 900)], totals)).toEqual([]);
    }
    // the same statement reworded with its negation kept is still a rewording
    const kept = findRewordings([sig('old', 'Replica <*> not reachable from node <*>', 900, 0), sig('new', 'Replica <*> not reachable from host <*>', 0, 900)], totals);
    expect(kept).toHaveLength(1);
  });

  it('findRewordings does not pair templates of different severity (an INFO statement replaced by an ERROR one)', () => {
    const pairs = findRewordings(
      [sig('old', 'Payment <*> settled for order <*>', 300, 0, 'info'), sig('new', 'Payment <*> rolled back for order <*>', 0, 300, 'error')],
      totals,
    );
    expect(pairs).toEqual([]);
  });

  it('findRewordings does not pair when the new count is far from what the baseline template lost', () => {
    const pairs = findRewordings([sig('old', 'Order <*> placed by user <*>', 1000, 0), sig('new', 'Order <*> created by user <*>', 0, 40)], totals);
    expect(pairs).toEqual([]);
  });

  it('findRewordings requires the same variables in the same roles', () => {
    const pairs = findRewordings([sig('old', 'Order <*> placed by user <*> total=<*>', 1000, 0), sig('new', 'Order <*> created by user <*> items <*> <*>', 0, 1000)], totals);
    expect(pairs).toEqual([]);
  });

  it('findRewordings pairs a rewording inside a variable token (/api/v1/ to /api/v2/) and keeps numbers as words', () => {
    const pairs = findRewordings(
      [
        sig('a', 'GET /api/v1/cart/<*> 200 <*>', 900, 0),
        sig('b', 'GET /api/v2/cart/<*> 200 <*>', 0, 880),
        sig('c', 'GET /api/v1/cart/<*> 503 <*>', 20, 0, 'error'),
        sig('d', 'GET /api/v2/cart/<*> 503 <*>', 0, 22, 'error'),
      ],
      totals,
    );
    expect(pairs.map((p) => `${p.baselineId}>${p.canaryId}`).sort()).toEqual(['a>b', 'c>d']);
  });

  it('findRewordings pairs each template at most once, best similarity first', () => {
    const pairs = findRewordings(
      [
        sig('old', 'Order <*> placed by user <*> via web', 500, 0),
        sig('close', 'Order <*> created by user <*> via web', 0, 500),
        sig('far', 'Order <*> created for user <*> via app', 0, 500),
      ],
      totals,
    );
    expect(pairs.map((p) => p.canaryId)).toEqual(['close']);
  });

  it('findRewordings returns nothing for an empty side', () => {
    expect(findRewordings([sig('new', 'Order <*> created', 0, 5)], { baseline: 0, canary: 10 })).toEqual([]);
  });
});

describe('findRewordings on sparse templates', () => {
  it('findRewordings never pairs a sparse critical template: a single new critical event stays novel', () => {
    const pairs = findRewordings(
      [sig('old', 'Worker <*> stopped: heap exhausted in pool <*>', 1, 0, 'critical'), sig('new', 'Worker <*> halted: heap exhausted in pool <*>', 0, 1, 'critical')],
      totals,
    );
    expect(pairs).toEqual([]);
  });

  it('findRewordings pairs sparse templates only when they are very similar', () => {
    const close = findRewordings([sig('old', 'Cache <*> warmed for tenant <*> in region <*>', 2, 0), sig('new', 'Cache <*> primed for tenant <*> in region <*>', 0, 2)], totals);
    expect(close.map((p) => p.canaryId)).toEqual(['new']);
    const loose = findRewordings([sig('old', 'Cache <*> warmed for tenant <*>', 2, 0), sig('new', 'Cache <*> primed for account <*>', 0, 2)], totals);
    expect(loose).toEqual([]);
  });
});
