import { errorLine } from './io.js';
import { runCli } from './run.js';

// runCli reports a failed write to stdout itself (exit code 2); a failed stderr can only be ignored. Either
// 'error' event left unhandled would end the process with a stack trace and exit code 1, which means FAIL.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(errorLine('logsift', error instanceof Error ? error.message.split('\n')[0]! : String(error)));
    process.exitCode = 2;
  },
);
