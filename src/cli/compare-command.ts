import { open, readFile } from 'node:fs/promises';
import { compare } from '../compare/compare.js';
import { groupDigits } from '../compare/numbers.js';
import { explainSignature } from '../compare/explain.js';
import { renderExplanation } from '../report/explain.js';
import { loadRules } from '../compare/rules.js';
import { defaultThresholds, type Sensitivity, type VerdictThresholds } from '../compare/score.js';
import { InputError } from '../errors/InputError.js';
import { UsageError } from '../errors/UsageError.js';
import type { LogSource } from '../profile/build.js';
import { CONTAINER_LOGS, type ContainerLog } from '../records/container-log.js';
import type { Profile } from '../profile/profile.js';
import type { ThreadMode } from '../profile/threads.js';
import { maxTemplatesFlag, parseArgs, stringFlag } from './args.js';
import { checkStdin, openSource, type CliIo } from './io.js';
import { checkOutputPaths, emitReport, exitCodeOf, writeRequestedFiles } from './output.js';

export const COMPARE_HELP = `Usage: logsift compare <baseline> <canary> [options]

Compares the canary's logs with the baseline's and prints a report. <baseline> may be a profile saved
with --save-profile (told by its content, whatever its name; a damaged one is an error, exit 2). Either
input may be - (stdin), but not both.

Options:
  --format json|text|markdown   report format on stdout (default text)
  --log-format FORMAT           header format in the loghub convention (default: detect prefixes)
  --container-log auto|none|cri|kubectl|kubectl-prefix|docker
                                container log wrapper to take off each line before reading it: CRI files,
                                kubectl logs --timestamps, kubectl logs --prefix (each pod framed on its own),
                                Docker json-file (default auto: told per input)
  --rules FILE                  rules file (JSON or YAML): ignore, not-a-risk, must-keep, severity
  --sensitivity low|medium|high how readily findings turn into risk (default medium)
  --pass-score N                lowest score that passes (default 75)
  --marginal-score N            lowest score that is marginal, below it fails (default 50)
  --save-profile FILE           save the baseline's profile (JSON) for later comparisons
  --threads auto|on|off         mine two files at once in worker threads: auto (default) for inputs of
                                24 MiB or more together; the result is the same either way
  --max-templates N             templates the miner keeps at once (default 20000); with more distinct
                                statements than that, templates are evicted and the comparison is slower
                                and less exact (the report warns): raise it (a saved baseline keeps its own)
  --report FILE.html            also write a self-contained HTML report
  --explain ID                  print everything known about one signature (id or unique prefix from the
                                report) instead of the report: counts, statistics, rules, rewording, family,
                                timeline, parameters, examples (JSON with --format json); exit 0
  --help, -h                    show this help

Exit codes: 0 pass, 1 fail, 3 marginal, 2 error.
`;

export { exitCodeOf } from './output.js';

/** How a saved profile begins (`saveProfile` writes `format` first): an input that does is meant as a profile. */
const PROFILE_HEAD = /^\s*\{\s*"format"\s*:\s*"logsift-profile"/;

/**
 * One input of `compare`, with saved profiles told from logs by their content, not their name: a file or stdin
 * that begins like a profile must parse as one (a truncated or corrupted profile is an error, not a one-line
 * log that would make any canary pass), and only the baseline may be one. A `.json` file holding a profile
 * object with its keys in another order is still taken as a profile.
 */
async function openInput(path: string, io: CliIo, role: 'baseline' | 'canary'): Promise<LogSource> {
  if (path === '-') {
    await checkStdin(io);
    const sniffed = await sniffStream(io.stdin as AsyncIterable<Uint8Array | string>);
    if (sniffed.profileText === undefined) return { stream: sniffed.stream };
    return parseProfile('stdin', sniffed.profileText, role);
  }
  const source = await openSource(path, io); // the usual one-line errors for missing or unreadable files
  let head = '';
  try {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
      head = buffer.toString('utf8', 0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return source;
  }
  if (PROFILE_HEAD.test(head)) return parseProfile(path, await readFile(path, 'utf8'), role);
  if (role === 'baseline' && path.endsWith('.json') && head.trimStart().startsWith('{')) {
    const text = await readFile(path, 'utf8');
    try {
      const value = JSON.parse(text) as { format?: unknown };
      if (value && value.format === 'logsift-profile') return value as LogSource;
    } catch {
      // a .json log file (JSON lines) is read as logs
    }
  }
  return source;
}

function parseProfile(name: string, text: string, role: 'baseline' | 'canary'): LogSource {
  if (role === 'canary') throw new UsageError(`${name} is a saved logsift profile: only the baseline may be a profile, the canary must be logs`);
  try {
    return JSON.parse(text) as LogSource;
  } catch (error) {
    throw new InputError(`${name} begins like a saved logsift profile but is not valid JSON (${(error as Error).message}): truncated or corrupted?`, 'E_PROFILE');
  }
}

/** The first chunk of a stream looked at: a profile's whole text, or the stream with that chunk put back. */
async function sniffStream(stream: AsyncIterable<Uint8Array | string>): Promise<{ profileText?: string; stream: AsyncIterable<Uint8Array | string> }> {
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  const rest = (async function* () {
    if (first.done === true) return;
    yield first.value;
    for (;;) {
      const next = await it.next();
      if (next.done === true) return;
      yield next.value;
    }
  })();
  const head = first.done === true ? '' : typeof first.value === 'string' ? first.value.slice(0, 256) : Buffer.from(first.value).toString('utf8', 0, 256);
  if (!PROFILE_HEAD.test(head)) return { stream: rest };
  const parts: Buffer[] = [];
  for await (const chunk of rest) parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return { profileText: Buffer.concat(parts).toString('utf8'), stream: rest };
}

/** Reads --pass-score / --marginal-score (0..100, pass above marginal). */
export function scoreThresholds(pass: string | undefined, marginal: string | undefined): VerdictThresholds {
  const read = (flag: string, v: string | undefined, d: number): number => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || n > 100) throw new UsageError(`--${flag} must be a number from 0 to 100 (got '${v}')`);
    return n;
  };
  const t = { pass: read('pass-score', pass, defaultThresholds.pass), marginal: read('marginal-score', marginal, defaultThresholds.marginal) };
  if (t.marginal > t.pass) throw new UsageError('--marginal-score must not be above --pass-score');
  return t;
}

/** `logsift compare`: reads both sides, prints the report, exits with the verdict's code. */
export async function compareCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    format: { type: 'string', choices: ['json', 'text', 'markdown'] },
    'log-format': { type: 'string' },
    'container-log': { type: 'string', choices: CONTAINER_LOGS },
    rules: { type: 'string' },
    sensitivity: { type: 'string', choices: ['low', 'medium', 'high'] },
    'pass-score': { type: 'string' },
    'marginal-score': { type: 'string' },
    'save-profile': { type: 'string' },
    explain: { type: 'string' },
    report: { type: 'string' },
    threads: { type: 'string', choices: ['auto', 'on', 'off'] },
    'max-templates': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (args.flags.help) {
    io.stdout.write(COMPARE_HELP);
    return 0;
  }
  if (args.positionals.length !== 2) throw new UsageError('compare needs two inputs: <baseline> <canary>');
  const [basePath, canaryPath] = args.positionals as [string, string];
  if (basePath === '-' && canaryPath === '-') throw new UsageError('only one input can be - (stdin)');
  const rulesPath = stringFlag(args, 'rules');
  const savePath = stringFlag(args, 'save-profile');
  const reportPath = stringFlag(args, 'report');
  await checkOutputPaths({ 'the baseline': basePath, 'the canary': canaryPath, 'the --rules file': rulesPath }, { '--save-profile': savePath, '--report': reportPath });
  const rules = rulesPath === undefined ? undefined : await loadRules(rulesPath);
  const logFormat = stringFlag(args, 'log-format');
  const thresholds = scoreThresholds(stringFlag(args, 'pass-score'), stringFlag(args, 'marginal-score'));
  const maxTemplates = maxTemplatesFlag(args);
  const baseline = await openInput(basePath, io, 'baseline');
  const canary = await openInput(canaryPath, io, 'canary');
  let baseProfile: Profile | undefined;
  let canaryProfile: Profile | undefined;
  const started = Date.now();
  let lastProgress = 0;
  const report = await compare(baseline, canary, {
    ...(rules ? { rules } : {}),
    ...(logFormat !== undefined ? { logFormat } : {}),
    containerLog: (stringFlag(args, 'container-log') ?? 'auto') as ContainerLog,
    sensitivity: (stringFlag(args, 'sensitivity') ?? 'medium') as Sensitivity,
    thresholds,
    threads: (stringFlag(args, 'threads') ?? 'auto') as ThreadMode,
    ...(maxTemplates !== undefined ? { miner: { maxTemplates } } : {}),
    onProfiles: (b, c) => {
      baseProfile = b;
      canaryProfile = c;
    },
    onProgress: (side, events) => {
      const now = Date.now();
      if (!io.stderrIsTTY || now - started < 2000 || now - lastProgress < 500) return;
      lastProgress = now;
      io.stderr.write(`\rlogsift: reading ${side}: ${groupDigits(events)} events`);
    },
  });
  if (lastProgress > 0) io.stderr.write('\r\x1b[K');
  const format = stringFlag(args, 'format') ?? 'text';
  const explain = stringFlag(args, 'explain');
  if (explain !== undefined && baseProfile && canaryProfile) {
    await writeRequestedFiles(report, { savePath, baseProfile, reportPath });
    const e = explainSignature(baseProfile, canaryProfile, explain, rules ? { rules } : {}, report);
    io.stdout.write(format === 'json' ? JSON.stringify(e, null, 2) + '\n' : renderExplanation(e));
    return 0;
  }
  await emitReport(io, report, format, { savePath, baseProfile, reportPath });
  return exitCodeOf(report);
}
