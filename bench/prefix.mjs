// Speed of detectPrefix on the loghub-2k mix (all 16 systems' raw lines, shuffled together) and on the
// generated canary-bench logs when present. Run: node bench/prefix.mjs [rounds=20]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadLogsift, root } from './_bundle.mjs';

const rounds = Number(process.argv[2] ?? 20);
const { detectPrefix } = await loadLogsift();
const sets = {};
const loghub = join(root, '../shared/data/loghub-2k');
if (existsSync(loghub)) {
  const lines = [];
  for (const dir of readdirSync(loghub)) {
    const log = join(loghub, dir, `${dir}_2k.log`);
    if (existsSync(log)) lines.push(...readFileSync(log, 'utf8').split('\n').filter((l) => l !== ''));
  }
  // Interleave systems so the branch predictor sees the real mix, not 16 long runs.
  sets['loghub mix'] = lines.map((l, i) => [(i * 7919) % lines.length, l]).sort((a, b) => a[0] - b[0]).map(([, l]) => l);
}
const canary = join(root, '../shared/canary-bench/public');
if (existsSync(canary)) {
  for (const dir of readdirSync(canary).filter((d) => /log4j|nginx|python/.test(d))) {
    sets[dir] = readFileSync(join(canary, dir, 'baseline.log'), 'utf8').split('\n').slice(0, 50_000);
  }
}
for (const [name, lines] of Object.entries(sets)) {
  let detected = 0;
  for (const line of lines) if (detectPrefix(line).message !== line) detected++;
  const t = performance.now();
  const cpu = process.cpuUsage();
  let sink = 0;
  for (let r = 0; r < rounds; r++) for (const line of lines) sink += detectPrefix(line).message.length;
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU time too: on a shared machine, wall time also counts other processes' turns.
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${name.padEnd(36)} ${((lines.length * rounds) / seconds / 1e6).toFixed(2)} M lines/s wall, ${((lines.length * rounds) / cpuSeconds / 1e6).toFixed(2)} per CPU-s; ` +
      `header found on ${((100 * detected) / lines.length).toFixed(1)}% of ${lines.length} lines${sink < 0 ? '!' : ''}`,
  );
}
