import { readFile } from 'node:fs/promises';
import { loadRules } from '../compare/rules.js';
import type { Sensitivity } from '../compare/score.js';
import { InputError } from '../errors/InputError.js';
import { LogsiftError } from '../errors/LogsiftError.js';
import { UsageError } from '../errors/UsageError.js';
import { Profile, type ProfileJson } from '../profile/profile.js';
import { parseTime } from '../serve/time.js';
import { verify, type VerifyOptions, type VerifySide } from '../serve/verify.js';
import { scoreThresholds } from './compare-command.js';
import { maxTemplatesFlag, parseArgs, stringFlag, type FlagSpec, type ParsedArgs } from './args.js';
import { CONTAINER_LOGS, type ContainerLog } from '../records/container-log.js';
import { checkOutputPaths, emitReport, exitCodeOf } from './output.js';
import { errorLine, type CliIo } from './io.js';

export const VERIFY_HELP = `Usage: logsift verify --source splunk|elastic|sumo|loki --url URL
                      --baseline-query Q --canary-query Q --from T --to T [options]

Reads the baseline's and the canary's logs from a log platform for a time window [from, to), compares
them like 'logsift compare' and prints the report. Times are ISO 8601 with a time zone
(2024-05-01T10:00:00Z) or epoch milliseconds.

Options:
  --source NAME                 splunk, elastic, sumo or loki
  --url URL                     the platform's API URL (Splunk management port, Elasticsearch, Sumo API, Loki)
  --baseline-query Q            query selecting the baseline's logs
  --canary-query Q              query selecting the canary's logs
  --from T, --to T              the window of both sides
  --baseline-from T, --baseline-to T, --canary-from T, --canary-to T
                                a side's own window (overrides --from/--to for that side)
  --index I                     elastic: index, alias, data stream or pattern (required)
  --message-field F             elastic: the field holding the log line (default message)
  --max-events N                events read per side at most (default 1000000); reaching it is a warning
  --baseline-profile FILE       compare against a saved baseline profile instead of a baseline query
  --save-profile FILE           save the baseline's profile (JSON) for later checks
  --rules FILE                  rules file (JSON or YAML): ignore, not-a-risk, must-keep, severity
  --sensitivity low|medium|high how readily findings turn into risk (default medium)
  --pass-score N                lowest score that passes (default 75)
  --marginal-score N            lowest score that is marginal, below it fails (default 50)
  --log-format FORMAT           header format in the loghub convention (default: detect prefixes)
  --container-log auto|none|cri|kubectl|kubectl-prefix|docker
                                lines wrapped by a container runtime, as the platform stored them: unwrapped
                                before framing (default auto: detected on the first lines of each side)
  --max-templates N             templates the miner keeps at once (default 20000; past it the report warns)
  --format json|text|markdown   report format on stdout (default text)
  --report FILE.html            also write a self-contained HTML report
  --wait                        if the window ends in the future, wait until it has closed (plus
                                --ingest-delay) before reading; without it such a window is an error
  --ingest-delay SECONDS        with --wait: extra time for the platform to index the last events (default 60)
  --timeout SECONDS             give up reading after this long (default: no limit; the wait is not counted)
  --help, -h                    show this help

Credentials come from the environment only: SPLUNK_TOKEN; ELASTIC_API_KEY, or ELASTIC_USERNAME and
ELASTIC_PASSWORD; SUMO_ACCESS_ID and SUMO_ACCESS_KEY; LOKI_TOKEN (optional).
Warnings (an event cap reached, a partial result) go to stderr and into the report. SIGTERM or SIGINT
cancels the reads (the platform's search job or point in time is cleaned up) and exits 2.

Exit codes: 0 pass, 1 fail, 3 marginal, 2 error (including any error reading the logs).
`;

const FLAGS: Record<string, FlagSpec> = {
  source: { type: 'string', choices: ['splunk', 'elastic', 'sumo', 'loki'] },
  url: { type: 'string' },
  'baseline-query': { type: 'string' },
  'canary-query': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'baseline-from': { type: 'string' },
  'baseline-to': { type: 'string' },
  'canary-from': { type: 'string' },
  'canary-to': { type: 'string' },
  index: { type: 'string' },
  'message-field': { type: 'string' },
  'max-events': { type: 'string' },
  'baseline-profile': { type: 'string' },
  'save-profile': { type: 'string' },
  rules: { type: 'string' },
  sensitivity: { type: 'string', choices: ['low', 'medium', 'high'] },
  'pass-score': { type: 'string' },
  'marginal-score': { type: 'string' },
  'log-format': { type: 'string' },
  'container-log': { type: 'string', choices: CONTAINER_LOGS },
  'max-templates': { type: 'string' },
  format: { type: 'string', choices: ['json', 'text', 'markdown'] },
  report: { type: 'string' },
  timeout: { type: 'string' },
  wait: { type: 'boolean' },
  'ingest-delay': { type: 'string' },
  help: { type: 'boolean' },
};

/** Parses the `verify` flags (exported so tests can check command lines, e.g. the Argo examples). */
export function parseVerifyArgs(argv: readonly string[]): ParsedArgs {
  const args = parseArgs(argv, FLAGS);
  if (args.positionals.length > 0) throw new UsageError(`verify takes no positional arguments (got '${args.positionals[0]!.slice(0, 40)}')`);
  return args;
}

function required(args: ParsedArgs, name: string): string {
  const value = stringFlag(args, name);
  if (value === undefined || value === '') throw new UsageError(`verify needs --${name}`);
  return value;
}

function positiveInteger(args: ParsedArgs, name: string): number | undefined {
  const text = stringFlag(args, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${name} must be a positive whole number (got '${text.slice(0, 20)}')`);
  return Number(text);
}

function side(args: ParsedArgs, name: 'baseline' | 'canary'): VerifySide {
  const query = required(args, `${name}-query`);
  const from = stringFlag(args, `${name}-from`) ?? stringFlag(args, 'from');
  const to = stringFlag(args, `${name}-to`) ?? stringFlag(args, 'to');
  if (from === undefined || to === undefined) throw new UsageError(`the ${name} needs a window: --from and --to, or --${name}-from and --${name}-to`);
  return { query, from, to };
}

async function loadProfile(path: string): Promise<ProfileJson> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? 'error'})`, 'E_INPUT', { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} is not a saved profile (not JSON)`, 'E_PROFILE', { cause: error });
  }
  Profile.fromJSON(value); // throws a one-line InputError for anything that is not a profile
  return value as ProfileJson;
}

/** Builds the options of `verify()` from parsed flags; credentials come from `env` only. */
export async function verifyOptionsFromArgs(args: ParsedArgs, env: Record<string, string | undefined>): Promise<VerifyOptions> {
  const profilePath = stringFlag(args, 'baseline-profile');
  if (profilePath !== undefined) {
    for (const flag of ['baseline-query', 'baseline-from', 'baseline-to']) {
      if (stringFlag(args, flag) !== undefined) throw new UsageError(`--${flag} and --baseline-profile exclude each other`);
    }
  }
  const canary = side(args, 'canary');
  const baseline = profilePath === undefined ? side(args, 'baseline') : await loadProfile(profilePath);
  const rulesPath = stringFlag(args, 'rules');
  const options: VerifyOptions = {
    source: required(args, 'source'),
    url: required(args, 'url'),
    baseline,
    canary,
    env,
    sensitivity: (stringFlag(args, 'sensitivity') ?? 'medium') as Sensitivity,
    thresholds: scoreThresholds(stringFlag(args, 'pass-score'), stringFlag(args, 'marginal-score')),
  };
  const index = stringFlag(args, 'index');
  const messageField = stringFlag(args, 'message-field');
  const maxEvents = positiveInteger(args, 'max-events');
  const logFormat = stringFlag(args, 'log-format');
  if (index !== undefined) options.index = index;
  if (messageField !== undefined) options.messageField = messageField;
  if (maxEvents !== undefined) options.maxEvents = maxEvents;
  if (logFormat !== undefined) options.logFormat = logFormat;
  const containerLog = stringFlag(args, 'container-log');
  if (containerLog !== undefined) options.containerLog = containerLog as ContainerLog;
  const maxTemplates = maxTemplatesFlag(args);
  if (maxTemplates !== undefined) options.miner = { ...options.miner, maxTemplates };
  if (rulesPath !== undefined) options.rules = await loadRules(rulesPath);
  return options;
}

// An Argo job starts when the experiment does ({{experiment.availableAt}}), but its window ends at
// {{experiment.finishedAt}}: it waits for the window to close and for the platform to index it.
async function waitForWindow(options: VerifyOptions, args: ParsedArgs, io: CliIo, signal: AbortSignal): Promise<void> {
  const sides = [options.canary, ...('query' in options.baseline ? [options.baseline as VerifySide] : [])];
  const end = Math.max(...sides.map((s, i) => parseTime(s.to, `${i === 0 ? 'canary' : 'baseline'} to`)));
  const delay = (positiveOrZero(args, 'ingest-delay') ?? 60) * 1000;
  const until = end + delay;
  const wait = until - Date.now();
  if (wait <= 0) return;
  io.stderr.write(`logsift verify: waiting until ${new Date(until).toISOString()} for the window to close (--wait)\n`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, wait);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new LogsiftError('stopped by a signal while waiting for the window to close', 'E_ABORTED'));
    }, { once: true });
  });
}

function positiveOrZero(args: ParsedArgs, name: string): number | undefined {
  const text = stringFlag(args, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${name} must be a whole number of seconds (got '${text.slice(0, 20)}')`);
  return Number(text);
}

/**
 * `logsift verify`: reads both sides from a log platform, prints the report, exits with the verdict's
 * code. Any error reading the logs is a one-line message and exit code 2, never a pass.
 */
export async function verifyCommand(argv: string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const args = parseVerifyArgs(argv);
  if (args.flags.help) {
    io.stdout.write(VERIFY_HELP);
    return 0;
  }
  if (args.flags['ingest-delay'] !== undefined && args.flags.wait !== true) throw new UsageError('--ingest-delay applies with --wait only');
  const savePath = stringFlag(args, 'save-profile');
  const reportPath = stringFlag(args, 'report');
  await checkOutputPaths(
    { 'the --baseline-profile file': stringFlag(args, 'baseline-profile'), 'the --rules file': stringFlag(args, 'rules') },
    { '--save-profile': savePath, '--report': reportPath },
  );
  const options = await verifyOptionsFromArgs(args, env);
  const timeout = positiveInteger(args, 'timeout');
  // A job that is stopped (the experiment was aborted) still closes its point in time or deletes its
  // search job: the reads are cancelled and the adapters clean up before the process exits.
  const stopped = new AbortController();
  const stop = (): void => stopped.abort();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  let report;
  let baseProfile: Profile | undefined;
  try {
    if (args.flags.wait === true) await waitForWindow(options, args, io, stopped.signal);
    options.signal = timeout === undefined ? stopped.signal : AbortSignal.any([stopped.signal, AbortSignal.timeout(timeout * 1000)]);
    report = await verify({
      ...options,
      onWarning: (line) => io.stderr.write(errorLine('logsift verify', `warning: ${line}`)),
      onProfiles: (b) => {
        baseProfile = b;
      },
    });
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
  await emitReport(io, report, stringFlag(args, 'format') ?? 'text', { savePath, baseProfile, reportPath });
  return exitCodeOf(report);
}
