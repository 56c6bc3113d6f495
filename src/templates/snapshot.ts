import { InputError } from '../errors/InputError.js';
import type { DefinedMinerOptions } from './options.js';

/**
 * One template in a {@link MinerSnapshot}.
 *
 * @example
 * ```ts
 * const c: SnapshotCluster = { id: 1, tokens: ['session', 'closed', 'for', '<*>'], count: 12, lastSeen: 40 };
 * ```
 */
export interface SnapshotCluster {
  id: number;
  /** Template tokens, `<*>` for variables. */
  tokens: string[];
  count: number;
  lastSeen: number;
}

/**
 * The versioned, JSON-safe state of a {@link TemplateMiner}; see `snapshot()`, `restore()` and `merge()`.
 *
 * @example
 * ```ts
 * const snap: MinerSnapshot = miner.snapshot();
 * snap.clusters.length; // number of live templates
 * ```
 */
export interface MinerSnapshot {
  format: 'logsift-miner';
  version: 1;
  options: Omit<DefinedMinerOptions, 'masks'>;
  tick: number;
  nextId: number;
  clusters: SnapshotCluster[];
  /** Merged cluster ids and the id each now forwards to. */
  forward: Array<[number, number]>;
  /** Templates evicted at the cap so far (see {@link TemplateMiner.evicted}); absent when none was. */
  evicted?: number;
}

const fail = (why: string): never => {
  throw new InputError(`Invalid miner snapshot: ${why}`, 'E_SNAPSHOT');
};

/**
 * A token as the miner splits messages: at least one character and none of char code 32 or below (a no-break
 * space or other Unicode space is part of a token, as the scanner reads it).
 */
function isToken(t: unknown): boolean {
  if (typeof t !== 'string' || t.length === 0) return false;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) <= 32) return false;
  return true;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Validates untrusted snapshot data (shape, types, ranges, unique ids) and returns it typed. */
export function readSnapshot(data: unknown): MinerSnapshot {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('not an object');
  const s = data as Record<string, unknown>;
  if (s.format !== 'logsift-miner') fail('format is not "logsift-miner"');
  if (s.version !== 1) fail(`unsupported version ${JSON.stringify(s.version) ?? 'undefined'}`);
  if (!isCount(s.tick) || !isCount(s.nextId)) fail('tick and nextId must be non-negative integers');
  const options = readOptions(s.options);
  if (!Array.isArray(s.clusters)) fail('clusters must be an array');
  const ids = new Set<number>();
  const clusters = (s.clusters as unknown[]).map((c, i): SnapshotCluster => {
    if (typeof c !== 'object' || c === null) return fail(`cluster ${i} is not an object`);
    const r = c as Record<string, unknown>;
    if (!isCount(r.id) || r.id < 1) fail(`cluster ${i} has an invalid id`);
    if (ids.has(r.id as number)) fail(`cluster id ${String(r.id)} appears twice`);
    ids.add(r.id as number);
    if (!Array.isArray(r.tokens) || !r.tokens.every(isToken)) {
      fail(`cluster ${i} tokens must be non-empty strings without spaces or control characters`);
    }
    if (!isCount(r.count) || !isCount(r.lastSeen)) fail(`cluster ${i} count and lastSeen must be non-negative integers`);
    return { id: r.id as number, tokens: r.tokens as string[], count: r.count as number, lastSeen: r.lastSeen as number };
  });
  if (!Array.isArray(s.forward)) fail('forward must be an array');
  const forward = (s.forward as unknown[]).map((f, i): [number, number] => {
    if (!Array.isArray(f) || f.length !== 2 || !isCount(f[0]) || !isCount(f[1])) return fail(`forward entry ${i} must be [id, id]`);
    return [f[0] as number, f[1] as number];
  });
  if (s.evicted !== undefined && !isCount(s.evicted)) fail('evicted must be a non-negative integer');
  const evicted = s.evicted as number | undefined;
  return { format: 'logsift-miner', version: 1, options, tick: s.tick as number, nextId: s.nextId as number, clusters, forward, ...(evicted ? { evicted } : {}) };
}

function readOptions(o: unknown): MinerSnapshot['options'] {
  if (typeof o !== 'object' || o === null) return fail('options must be an object');
  const r = o as Record<string, unknown>;
  for (const k of ['maxTemplates', 'minDistinctValues', 'maxCacheEntries', 'maxTokens'] as const) {
    if (!isCount(r[k]) || (r[k] as number) < 1) fail(`options.${k} must be a positive integer`);
  }
  if (!isCount(r.maxVariableSpan)) fail('options.maxVariableSpan must be a non-negative integer');
  if (typeof r.variableFirstToken !== 'boolean') fail('options.variableFirstToken must be a boolean');
  return {
    maxTemplates: r.maxTemplates as number,
    minDistinctValues: r.minDistinctValues as number,
    maxCacheEntries: r.maxCacheEntries as number,
    maxTokens: r.maxTokens as number,
    maxVariableSpan: r.maxVariableSpan as number,
    variableFirstToken: r.variableFirstToken as boolean,
  };
}
