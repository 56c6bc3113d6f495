import { describe, expect, it } from 'vitest';
import { groupFamilies, TemplateVectors } from '../src/index.js';

const set = [
  'Disk <*> is full on host <*>',
  'User <*> logged in from <*>',
  'Disk <*> is nearly full on host <*>',
  'Cache miss for key <*> in region <*>',
  'User <*> logged out from <*>',
  'Cache eviction for key <*> in region <*>',
  'Disk <*> is <*> full on host <*>',
];

describe('groupFamilies', () => {
  it('groupFamilies(templates) puts the variants of one event in one family and unrelated events apart', () => {
    const g = groupFamilies(set);
    expect(g.family[0]).toBe(g.family[2]);
    expect(g.family[0]).toBe(g.family[6]);
    expect(g.family[1]).toBe(g.family[4]);
    expect(g.family[3]).toBe(g.family[5]);
    expect(new Set([g.family[0], g.family[1], g.family[3]]).size).toBe(3);
    expect(g.families).toHaveLength(3);
    expect(g.k).toBeGreaterThanOrEqual(2);
    expect(g.silhouette).toBeGreaterThan(0);
  });

  it('groupFamilies numbers families by first appearance and names them by the words all members share', () => {
    const g = groupFamilies(set);
    expect(g.family.slice(0, 2)).toEqual([0, 1]);
    expect(g.families[0]!.members).toEqual([0, 2, 6]);
    expect(g.families[0]!.label.split(' ').sort()).toEqual(['disk', 'full', 'host', 'is', 'on']);
  });

  it('groupFamilies gives the same families on every run (seeded k-means, used above twelve templates)', () => {
    const big = [
      ...set,
      'Payment <*> declined by provider <*>',
      'Payment <*> approved by provider <*>',
      'Queue <*> depth above threshold <*>',
      'Queue <*> depth back below threshold <*>',
      'Certificate for <*> expires in <*> days',
      'Certificate for <*> renewed until <*>',
      'Payment <*> refunded by provider <*>',
    ];
    const g = groupFamilies(big);
    expect(g).toEqual(groupFamilies(big));
    expect(g.family[7]).toBe(g.family[8]);
    expect(g.family[7]).toBe(g.family[13]);
    expect(g.family[0]).toBe(g.family[2]);
    expect(g.family[0]).not.toBe(g.family[7]);
  });

  it('groupFamilies keeps templates without shared words in families of their own', () => {
    const g = groupFamilies(['Alpha beta <*>', 'Gamma delta <*>', 'Epsilon zeta <*>', 'Theta iota <*>']);
    expect(new Set(g.family).size).toBe(4);
  });

  it('groupFamilies groups a handful of templates by average linkage: related ones together, the rest alone', () => {
    const g = groupFamilies(['Disk <*> is full on host <*>', 'User <*> logged in from <*>', 'Disk <*> is nearly full on host <*>', 'User <*> logged out from <*>', 'Cache miss for key <*>']);
    expect(g.family).toEqual([0, 1, 0, 1, 2]);
    expect(g.k).toBe(3);
    expect(g.silhouette).toBeGreaterThan(0);
    // a stricter similarity keeps them apart
    expect(new Set(groupFamilies(['Disk <*> is full on host <*>', 'Disk <*> is nearly full on host <*>', 'User <*> logged in from <*>'], { minSimilarity: 0.99 }).family).size).toBe(3);
  });

  it('groupFamilies handles tiny inputs: none, one, two alike, two unlike', () => {
    expect(groupFamilies([]).families).toEqual([]);
    expect(groupFamilies(['Only <*>']).family).toEqual([0]);
    expect(groupFamilies(['Disk <*> full', 'Disk <*> full again']).family).toEqual([0, 0]);
    expect(groupFamilies(['Disk <*> full', 'User <*> logged in']).family).toEqual([0, 1]);
  });

  it('TemplateVectors weighs words by TF-IDF: sharing a rare word counts more than sharing a common one', () => {
    const v = new TemplateVectors(['request <*> served', 'request <*> rejected', 'request <*> queued', 'socket <*> rejected']);
    expect(v.similarity(1, 3)).toBeGreaterThan(v.similarity(1, 0));
    expect(v.similarity(0, 0)).toBeCloseTo(1, 10);
  });
});
