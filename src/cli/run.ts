const HELP = `logsift - continuous verification of releases from their logs

Usage:
  logsift templates <file|-> [--log-format FORMAT] [--format csv|jsonl|text]
  logsift --help | --version
`;

/** Runs the CLI and resolves to its exit code. */
export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  process.stderr.write(`logsift: unknown command '${argv[0]}'\n`);
  return 2;
}
