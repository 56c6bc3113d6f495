import { UsageError } from '../errors/UsageError.js';

/** Declares one flag of a command. */
export interface FlagSpec {
  /** Takes a value (`--name VALUE` or `--name=VALUE`) or is a switch. */
  type: 'string' | 'boolean';
  /** Allowed values, when the set is closed. */
  choices?: readonly string[];
  /** May be given several times (values collected in order). */
  multiple?: boolean;
}

/** The result of parsing one command's arguments. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | string[]>;
}

/**
 * Parses `argv` against the flag table of a command. Unknown flags, missing values and values outside
 * `choices` throw a {@link UsageError} whose message is one line. A lone `-` is a positional (stdin),
 * `--` ends the flags.
 */
export function parseArgs(argv: readonly string[], spec: Record<string, FlagSpec>): ParsedArgs {
  // Help wins over everything else on the line: `verify --help --source x` shows the help rather than a
  // complaint about x, and -h is --help on every command as it is for logsift itself.
  if (spec.help?.type === 'boolean' && asksForHelp(argv, spec)) return { positionals: [], flags: { help: true } };
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const def = spec[name];
    if (def === undefined) throw new UsageError(`unknown option '--${name}'`);
    let value: string | boolean;
    if (def.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`option '--${name}' takes no value`);
      value = true;
    } else if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError(`option '--${name}' needs a value`);
      }
      value = next;
      i++;
    }
    if (typeof value === 'string' && def.choices && !def.choices.includes(value)) {
      throw new UsageError(`option '--${name}' must be one of ${def.choices.join(', ')} (got '${value}')`);
    }
    if (def.multiple) {
      const list = (flags[name] as string[] | undefined) ?? [];
      list.push(String(value));
      flags[name] = list;
    } else {
      if (flags[name] !== undefined) throw new UsageError(`option '--${name}' given twice`);
      flags[name] = value;
    }
  }
  return { positionals, flags };
}

/** True when `--help` or `-h` is among the flags (not the value of a flag, nor after `--`). */
function asksForHelp(argv: readonly string[], spec: Record<string, FlagSpec>): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
    if (arg.startsWith('--') && !arg.includes('=') && spec[arg.slice(2)]?.type === 'string') i++;
  }
  return false;
}

/** Reads a string flag. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads `--max-templates` (a whole number of 1 or more), or undefined when not given (the miner's default). */
export function maxTemplatesFlag(args: ParsedArgs): number | undefined {
  const v = stringFlag(args, 'max-templates');
  if (v === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(v)) throw new UsageError(`--max-templates must be a whole number from 1 (got '${v}')`);
  return Number(v);
}
