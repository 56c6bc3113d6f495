import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const COMMANDS = ['compare', 'templates', 'verify', 'serve'];

describe('help', () => {
  it('-h is --help on every command, and shows that command\'s help with exit 0', async () => {
    for (const command of COMMANDS) {
      const long = await cli([command, '--help']);
      const short = await cli([command, '-h']);
      expect(long.code, command).toBe(0);
      expect(long.stdout).toMatch(new RegExp(`^Usage: logsift ${command}`));
      expect(short).toEqual(long);
    }
  });

  it('logsift help <command> prints that command\'s help', async () => {
    for (const command of COMMANDS) {
      const r = await cli(['help', command]);
      expect(r.code, command).toBe(0);
      expect(r.stdout).toBe((await cli([command, '--help'])).stdout);
    }
  });

  it('logsift alone or help on an unknown command is a usage error (exit 2, stdout empty); --help and -v are not', async () => {
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^logsift - continuous verification/);
    const bogus = await cli(['help', 'bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.stdout).toBe('');
    expect(bogus.stderr).toBe("logsift: no help for 'bogus': the commands are templates, compare, verify, serve\n");
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    // every command's line names its further options, and the version flags are listed
    for (const command of COMMANDS) {
      const usage = help.stdout.split('\n  logsift ').find((part) => part.startsWith(`${command} `));
      expect(usage, command).toContain('[options]');
    }
    expect(help.stdout).toContain('--version | -v');
    expect((await cli(['-v'])).stdout).toBe((await cli(['--version'])).stdout);
  });

  it('help wins over bad or missing options anywhere on the line', async () => {
    for (const argv of [
      ['verify', '--help', '--source', 'x'],
      ['verify', '--source', 'x', '-h'],
      ['compare', '--format', 'yaml', '--help'],
      ['compare', 'a', 'b', 'c', '-h'],
      ['templates', '--bogus', '--help'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: logsift /);
      expect(r.stderr).toBe('');
    }
  });

  it('-h as the value of an option or after -- is not help', async () => {
    const r = await cli(['compare', '--rules', '-h', 'a', 'b']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const after = await cli(['templates', '--', '-h']);
    expect(after.code).toBe(2);
    expect(after.stderr).toMatch(/no such file: -h/);
  });
});
