import { readFileSync } from 'node:fs';
import { isLogsiftError } from '../errors/LogsiftError.js';
import { errorLine, processIo, watchWrites, type CliIo } from './io.js';
import { compareCommand } from './compare-command.js';
import { templatesCommand } from './templates-command.js';

const HELP = `logsift - continuous verification of releases from their logs

Usage:
  logsift compare <baseline> <canary> [--format json|text|markdown] [--log-format F] [--rules FILE]
                  [--sensitivity low|medium|high] [--save-profile FILE] [--report FILE.html] [options]
  logsift templates <file|-> [--log-format FORMAT] [--format csv|jsonl|text] [options]
  logsift verify --source splunk|elastic|sumo|loki --url URL --baseline-query Q --canary-query Q
                 --from T --to T [--index I] [--max-events N] [--format json|text|markdown] [options]
  logsift serve [--port P] [--host H] --allow-url URL [options]   (token from LOGSIFT_SERVE_TOKEN)
  logsift <command> --help | -h, logsift help <command>     (every option of a command)
  logsift --help | -h, logsift --version | -v

Exit codes: 0 success (pass), 1 fail, 3 marginal, 2 usage or input error.
`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

// verify and serve (HTTP clients and server, node:http, node:crypto) are loaded when run, so that a compare,
// the command a rollout's analysis job runs once per step, does not pay for them at start-up.
const COMMANDS: Record<string, () => Promise<Command>> = {
  templates: () => Promise.resolve(templatesCommand),
  compare: () => Promise.resolve(compareCommand),
  verify: async () => (await import('./verify-command.js')).verifyCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
};

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/**
 * Runs the `logsift` command line and resolves to its exit code. Usage and input errors are reported on
 * stderr in one line and give exit code 2; nothing but the command's output goes to stdout. A report that
 * could not be written (stdout full or a broken pipe) is exit code 2 too, never the verdict's code:
 * a rollout must not read 0 (pass) or 1 (fail) from a check whose report was lost.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const stdout = watchWrites(io.stdout);
  const stderr = watchWrites(io.stderr); // a failing stderr is ignored: there is no one left to tell
  try {
    let code = 2;
    let thrown: { error: unknown } | undefined;
    try {
      code = await dispatch(argv, io);
    } catch (error) {
      thrown = { error }; // a write to a failed stdout may be what ended the command: that is reported instead
    }
    const failure = await stdout.failure();
    // `logsift templates big.log | head`: a reader that stops early closes the pipe, which is not an error
    if (argv[0] === 'templates' && failure?.code === 'EPIPE') return 0;
    if (failure === undefined) {
      if (thrown) throw thrown.error;
      return code;
    }
    const label = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? `logsift ${argv[0]}` : 'logsift';
    io.stderr.write(errorLine(label, `cannot write to stdout (${failure.code ?? failure.message})`));
    return 2;
  } finally {
    stdout.stop();
    stderr.stop();
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  // `logsift help compare` is `logsift compare --help`
  if (name === 'help' && rest.length === 1 && Object.hasOwn(COMMANDS, rest[0]!)) return dispatch([rest[0]!, '--help'], io);
  if (name === 'help' && rest.length > 0) {
    io.stderr.write(errorLine('logsift', `no help for '${rest.join(' ')}': the commands are ${Object.keys(COMMANDS).join(', ')}`));
    return 2;
  }
  if (name === undefined) {
    // no command is a usage error: the help goes to stderr, so stdout stays empty for a script reading it
    io.stderr.write(HELP);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    io.stderr.write(errorLine('logsift', `unknown command '${name}' (try logsift --help)`));
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    if (isLogsiftError(error)) {
      io.stderr.write(errorLine(`logsift ${name}`, error.message));
      return 2;
    }
    throw error;
  }
}
