// Loghub-2k scenarios built the way ../shared/canary-bench/README.md describes its loghub faults: systems with
// their ground truth (template id, level, time fields of every line), random 50/50 splits re-drawn until no
// WARN+ template is >= 3x more frequent in the canary with >= 3 canary lines, and injected lines timed from
// their neighbour. Shared by bench/loghub-spikes.mjs and bench/loghub-novel.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './load.mjs';
import { parseCsvRows as parseCsv } from './csv.mjs';

export const loghub = join(root, '..', 'shared', 'data', 'loghub-2k');

/** datasets.json: each system's log, log format and ground-truth file. */
export function loghubDatasets() {
  return JSON.parse(readFileSync(join(loghub, 'datasets.json'), 'utf8'));
}

const LEVEL_WARN = /^(warn|warning|error|err|fatal|severe|critical|crit|alert|emerg|failure|e|w|f)$/i;
const LEVEL_ANY = /^(info|information|debug|trace|notice|verbose|fine|finer|finest|i|d|v|[a-z]+)$/i;
const FAILURE_WORD = /\b(error|errors|fail|failed|failure|failing|exception|fatal|critical|panic|denied|refused|timed? ?out|timeout|unable|cannot|can't|invalid|warn|warning|abort|aborted|unreachable|lost|corrupt)\b/i;

export function loadSystem(name, d) {
  const lines = readFileSync(join(loghub, d.log), 'utf8').split('\n').filter(Boolean).map((l) => l.replace(/\r$/, ''));
  const rows = parseCsv(readFileSync(join(loghub, d.truth), 'utf8'));
  const header = rows[0];
  const col = (n) => header.indexOf(n);
  const [iId, iTpl, iLevel, iContent] = [col('EventId'), col('EventTemplate'), col('Level'), col('Content')];
  const timeCols = ['Timestamp', 'Date', 'Month', 'Day', 'Time'].map((n) => col(n)).filter((i) => i >= 0);
  const events = rows.slice(1).filter((r) => r.length >= header.length).map((r, i) => ({ line: lines[i], id: r[iId], template: r[iTpl], level: iLevel >= 0 ? r[iLevel] : '', content: r[iContent], time: timeCols.map((c) => r[c]) }));
  const hasLevels = iLevel >= 0 && events.some((e) => LEVEL_WARN.test(e.level.trim())) && events.every((e) => LEVEL_ANY.test(e.level.trim()) || e.level.trim() === '');
  const warnIds = new Set(events.filter((e) => (hasLevels ? LEVEL_WARN.test(e.level.trim()) : FAILURE_WORD.test(e.template))).map((e) => e.id));
  return { name, format: d.log_format, events, warnIds, hasLevels, levelColumn: iLevel >= 0 };
}

export const countBy = (list, ids) => {
  const m = new Map();
  for (const e of list) if (ids.has(e.id)) m.set(e.id, (m.get(e.id) ?? 0) + 1);
  return m;
};

/** WARN+ templates whose canary rate is >= 3x the baseline's (or absent from it), with their canary counts. */
export function imbalanced(sys, base, canary) {
  const b = countBy(base, sys.warnIds);
  const c = countBy(canary, sys.warnIds);
  const out = [];
  for (const [id, n] of c) {
    const rb = (b.get(id) ?? 0) / base.length;
    if (n / canary.length >= 3 * rb) out.push([id, n]);
  }
  return out;
}

export function split(sys, next) {
  let best;
  for (let draw = 0; draw < 25; draw++) {
    const base = [];
    const canary = [];
    for (const e of sys.events) (next() < 0.5 ? base : canary).push(e);
    best = { base, canary };
    if (!imbalanced(sys, base, canary).some(([, n]) => n >= 3)) break;
  }
  return best;
}

/** `head` (the header of `e`'s line) with `e`'s time fields replaced by `neighbour`'s, as the benchmark times injected lines. */
export function retime(head, e, neighbour) {
  if (neighbour === undefined) return head;
  let out = head;
  let from = 0;
  e.time.forEach((value, k) => {
    const i = value === '' ? -1 : out.indexOf(value, from);
    if (i < 0) return;
    out = out.slice(0, i) + neighbour.time[k] + out.slice(i + value.length);
    from = i + neighbour.time[k].length;
  });
  return out;
}

/** A fresh occurrence of `e` written next to `neighbour`: retimed, every digit of the message redrawn (the same length). */
export function refresh(e, neighbour, next) {
  const at = e.line.lastIndexOf(e.content);
  const head = at >= 0 ? e.line.slice(0, at) : '';
  const body = at >= 0 ? e.line.slice(at) : e.line;
  return retime(head, e, neighbour) + body.replace(/\d/g, () => String(Math.floor(next() * 10)));
}
