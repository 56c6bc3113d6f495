// The script of a mining worker (see threads.ts): reads and mines one file with a miner of its own and posts
// the profile's JSON back; errors are posted with their type and code, never thrown across the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { TemplateMiner } from '../templates/miner.js';
import { feedProfile, type ProfileBuildOptions } from './build.js';
import { Profile } from './profile.js';
import type { WorkerMessage } from './threads.js';

const { path, options } = workerData as { path: string; options: ProfileBuildOptions };
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);
try {
  const p = new Profile(new TemplateMiner(options.miner ?? {}), options);
  await feedProfile(p, { path }, { ...options, onProgress: (events) => post({ kind: 'progress', events }) });
  post({ kind: 'done', profile: p.toJSON() });
} catch (error) {
  const e = error as { name?: unknown; message?: unknown; code?: unknown };
  post({
    kind: 'error',
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(error),
    code: typeof e?.code === 'string' ? e.code : undefined,
  });
}
