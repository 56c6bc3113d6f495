import { readFile } from 'node:fs/promises';
import { compare } from '../compare/compare.js';
import { groupDigits } from '../compare/numbers.js';
import { explainSignature } from '../compare/explain.js';
import { renderExplanation } from '../report/explain.js';
import { loadRules } from '../compare/rules.js';
import { defaultThresholds, type Sensitivity, type VerdictThresholds } from '../compare/score.js';
import { UsageError } from '../errors/UsageError.js';
import type { LogSource } from '../profile/build.js';
import type { Profile } from '../profile/profile.js';
import type { ThreadMode } from '../profile/threads.js';
import { parseArgs, stringFlag } from './args.js';
import { openSource, type CliIo } from './io.js';
import { emitReport, exitCodeOf, writeRequestedFiles } from './output.js';

export const COMPARE_HELP = `Usage: logsift compare <baseline> <canary> [options]

Compares the canary's logs with the baseline's and prints a report. <baseline> may be a profile saved
with --save-profile. Either input may be - (stdin), but not both.

Options:
  --format json|text|markdown   report format on stdout (default text)
  --log-format FORMAT           header format in the loghub convention (default: detect prefixes)
  --rules FILE                  rules file (JSON or YAML): ignore, not-a-risk, must-keep, severity
  --sensitivity low|medium|high how readily findings turn into risk (default medium)
  --pass-score N                lowest score that passes (default 75)
  --marginal-score N            lowest score that is marginal, below it fails (default 50)
  --save-profile FILE           save the baseline's profile (JSON) for later comparisons
  --threads auto|on|off         mine two files at once in worker threads: auto (default) for inputs of
                                24 MiB or more together; the result is the same either way
  --report FILE.html            also write a self-contained HTML report
  --explain ID                  print everything known about one signature (id or unique prefix from the
                                report) instead of the report: counts, statistics, rules, rewording, family,
                                timeline, parameters, examples (JSON with --format json); exit 0
  --help                        show this help

Exit codes: 0 pass, 1 fail, 3 marginal, 2 error.
`;

export { exitCodeOf } from './output.js';

async function readProfileIfAny(path: string): Promise<unknown> {
  if (path === '-' || !path.endsWith('.json')) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined; // openSource reports the unreadable file with the usual message
  }
  try {
    const value = JSON.parse(text) as { format?: unknown };
    return value && value.format === 'logsift-profile' ? value : undefined;
  } catch {
    return undefined; // a .json log file (JSON lines) is read as logs
  }
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
    rules: { type: 'string' },
    sensitivity: { type: 'string', choices: ['low', 'medium', 'high'] },
    'pass-score': { type: 'string' },
    'marginal-score': { type: 'string' },
    'save-profile': { type: 'string' },
    explain: { type: 'string' },
    report: { type: 'string' },
    threads: { type: 'string', choices: ['auto', 'on', 'off'] },
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
  const rules = rulesPath === undefined ? undefined : await loadRules(rulesPath);
  const logFormat = stringFlag(args, 'log-format');
  const thresholds = scoreThresholds(stringFlag(args, 'pass-score'), stringFlag(args, 'marginal-score'));
  const savedBaseline = await readProfileIfAny(basePath);
  const baseline: LogSource = (savedBaseline as LogSource | undefined) ?? (await openSource(basePath, io));
  const canary: LogSource = await openSource(canaryPath, io);
  const savePath = stringFlag(args, 'save-profile');
  let baseProfile: Profile | undefined;
  let canaryProfile: Profile | undefined;
  const started = Date.now();
  let lastProgress = 0;
  const report = await compare(baseline, canary, {
    ...(rules ? { rules } : {}),
    ...(logFormat !== undefined ? { logFormat } : {}),
    sensitivity: (stringFlag(args, 'sensitivity') ?? 'medium') as Sensitivity,
    thresholds,
    threads: (stringFlag(args, 'threads') ?? 'auto') as ThreadMode,
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
    await writeRequestedFiles(report, { savePath, baseProfile, reportPath: stringFlag(args, 'report') });
    const e = explainSignature(baseProfile, canaryProfile, explain, rules ? { rules } : {}, report);
    io.stdout.write(format === 'json' ? JSON.stringify(e, null, 2) + '\n' : renderExplanation(e));
    return 0;
  }
  await emitReport(io, report, format, { savePath, baseProfile, reportPath: stringFlag(args, 'report') });
  return exitCodeOf(report);
}
