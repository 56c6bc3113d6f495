import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInputError, profile, Profile } from '../src/index.js';
import { cli } from './helpers/cli.js';

const BASE = 'fixtures/sample/baseline.log';
const CANARY = 'fixtures/sample/canary.log';

let saved: Record<string, unknown>;
beforeAll(async () => {
  saved = (await profile(BASE)).toJSON() as unknown as Record<string, unknown>;
});

const DAMAGED: Array<[string, unknown, RegExp]> = [
  ['timeRange', ['a', 'b'], /timeRange/],
  ['timeRange', [5], /timeRange/],
  ['timeRange', [10, 5], /timeRange/],
  ['timeRange', 'yesterday', /timeRange/],
  ['bucketMs', 0, /bucketMs/],
  ['bucketMs', -5, /bucketMs/],
  ['bucketMs', '60000', /bucketMs/],
  ['distinct', 'not base64 at all!', /distinct/],
  ['distinct', 'AAAA', /distinct/],
  ['distinct', 42, /distinct/],
];

describe('a saved profile with a damaged field', () => {
  it('Profile.fromJSON throws an InputError E_PROFILE that names the field', () => {
    for (const [field, value, names] of DAMAGED) {
      let error: unknown;
      try {
        Profile.fromJSON({ ...saved, [field]: value });
      } catch (e) {
        error = e;
      }
      expect(isInputError(error), `${field}: ${JSON.stringify(value)}`).toBe(true);
      expect(error).toMatchObject({ code: 'E_PROFILE' });
      expect((error as Error).message).toMatch(names);
    }
  });

  it('loads an undamaged profile, including one with no time range', () => {
    expect(Profile.fromJSON(saved).toJSON()).toEqual(saved);
    expect(Profile.fromJSON({ ...saved, timeRange: null }).timeRange).toBeNull();
  });

  it('is exit 2 with one line naming the field from compare, not an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-'));
    for (const [field, value, names] of DAMAGED) {
      const path = join(dir, 'base.json');
      writeFileSync(path, JSON.stringify({ ...saved, [field]: value }));
      const r = await cli(['compare', path, CANARY, '--format', 'json']);
      expect(r.code, `${field}: ${JSON.stringify(value)}`).toBe(2);
      expect(r.stderr).toMatch(/^logsift compare: malformed profile: /);
      expect(r.stderr).toMatch(names);
      expect(r.stdout).toBe('');
    }
    // the profile as saved still compares
    writeFileSync(join(dir, 'good.json'), JSON.stringify(saved));
    expect((await cli(['compare', join(dir, 'good.json'), CANARY])).code).toBe(1);
    expect(readFileSync(join(dir, 'good.json'), 'utf8')).toBe(JSON.stringify(saved));
  });
});
