import { readFileSync } from 'node:fs';
import { InputError } from '../errors/InputError.js';
import { UsageError } from '../errors/UsageError.js';
import { defaultServeOptions, startVerifyServer, type ServeOptions } from '../serve/server.js';
import { parseArgs, stringFlag } from './args.js';
import { errorLine, type CliIo } from './io.js';

export const SERVE_HELP = `Usage: logsift serve [--port P] [--host 127.0.0.1] --allow-url URL [options]

Answers Argo Rollouts' web metric provider: POST /verify with a JSON body holding the parameters of
'logsift verify' (source, url, baselineQuery, canaryQuery, from, to, ...) returns the report JSON
(verdict, score, findings, warnings). GET /healthz answers {"status":"ok"} without a token.

Options:
  --port P                      port to listen on (default 8080; 0 picks a free one)
  --host H                      interface (default 127.0.0.1; 0.0.0.0 inside a container)
  --allow-url [SOURCE=]URL      a platform URL requests may name (repeatable; also LOGSIFT_ALLOWED_URLS,
                                comma-separated). The server's credentials are sent only to these;
                                elastic=https://es:9200 allows that URL for elastic requests only.
  --max-concurrent N            analyses at once; more get 429 with Retry-After (default 2)
  --max-body-bytes N            largest request body; larger gets 413 (default 65536)
  --max-events N                cap (and default) of maxEvents per side (default 1000000)
  --timeout SECONDS             longest analysis; then 504 (default 300)
  --tls-cert FILE, --tls-key FILE
                                serve HTTPS with this certificate and key (PEM)
  --help, -h                    show this help

Environment: LOGSIFT_SERVE_TOKEN (required, at least 16 characters): every request but /healthz must
send 'Authorization: Bearer <token>'. Platform credentials as for 'logsift verify' (SPLUNK_TOKEN,
ELASTIC_API_KEY, SUMO_ACCESS_ID + SUMO_ACCESS_KEY, LOKI_TOKEN); they never come from requests.
Stops on SIGTERM or SIGINT after the running analyses have answered.
`;

function wholeNumber(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${name} must be a whole number of at least ${min} (got '${text.slice(0, 20)}')`);
  return Number(text);
}

function readPem(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'E_INPUT', { cause: error });
  }
}

/** Builds the server options from `serve` flags and the environment. */
export function serveOptionsFromArgs(argv: readonly string[], env: Record<string, string | undefined>): ServeOptions | 'help' {
  const args = parseArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-url': { type: 'string', multiple: true },
    'max-concurrent': { type: 'string' },
    'max-body-bytes': { type: 'string' },
    'max-events': { type: 'string' },
    timeout: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (args.flags.help) return 'help';
  if (args.positionals.length > 0) throw new UsageError('serve takes no positional arguments');
  const token = env.LOGSIFT_SERVE_TOKEN;
  // a variable set from an empty secret holds a newline or spaces: that is no token either
  if (token === undefined || token.trim() === '') throw new UsageError('serve refuses to start without a token: set LOGSIFT_SERVE_TOKEN (at least 16 characters)');
  const fromFlags = (args.flags['allow-url'] as string[] | undefined) ?? [];
  const fromEnv = (env.LOGSIFT_ALLOWED_URLS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const port = wholeNumber(stringFlag(args, 'port'), 'port', 0);
  if (port !== undefined && port > 65_535) throw new UsageError('--port must be at most 65535');
  const options: ServeOptions = { token, allowedUrls: [...fromFlags, ...fromEnv], env };
  const host = stringFlag(args, 'host');
  if (host !== undefined) options.host = host;
  if (port !== undefined) options.port = port;
  const numbers = [
    ['max-concurrent', 'maxConcurrent', 1],
    ['max-body-bytes', 'maxBodyBytes', 1024],
    ['max-events', 'maxEvents', 1],
  ] as const;
  for (const [flag, key, min] of numbers) {
    const n = wholeNumber(stringFlag(args, flag), flag, min);
    if (n !== undefined) options[key] = n;
  }
  const timeout = wholeNumber(stringFlag(args, 'timeout'), 'timeout', 1);
  if (timeout !== undefined) options.timeoutMs = timeout * 1000;
  const cert = stringFlag(args, 'tls-cert');
  const key = stringFlag(args, 'tls-key');
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if (cert !== undefined && key !== undefined) options.tls = { cert: readPem(cert, '--tls-cert'), key: readPem(key, '--tls-key') };
  return options;
}

/**
 * `logsift serve`: runs the web-provider server until SIGTERM or SIGINT, then resolves to 0 once the
 * running analyses have answered.
 */
export async function serveCommand(argv: string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const options = serveOptionsFromArgs(argv, env);
  if (options === 'help') {
    io.stdout.write(SERVE_HELP);
    return 0;
  }
  options.log = (line) => io.stderr.write(errorLine('logsift serve', line));
  let server;
  try {
    server = await startVerifyServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UsageError(`cannot listen on ${options.host ?? defaultServeOptions.host}:${options.port ?? defaultServeOptions.port} (${code})`, 'E_USAGE', { cause: error });
    }
    throw error;
  }
  io.stderr.write(`logsift serve: listening on ${server.url} (POST /verify, GET /healthz)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      io.stderr.write('logsift serve: stopping\n');
      void server.close().then(resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}
