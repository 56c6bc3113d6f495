import { InputError } from '../errors/InputError.js';
import { graphMatcher, type FormatGraph, type FormatNode } from './format-matcher.js';

/**
 * The header fields and the message of one line parsed with a {@link LogFormat}.
 *
 * @example
 * ```ts
 * const { fields, content } = compileLogFormat('<Level> <Content>').parse('WARN disk full')!;
 * // fields: { Level: 'WARN' }, content: 'disk full'
 * ```
 */
export interface ParsedLine {
  /** Every field of the format except `Content`, by name (an optional field that did not match is `''`). */
  fields: Record<string, string>;
  /** The `Content` field: the message to templatize. */
  content: string;
}

/**
 * A compiled header format in the loghub convention; see {@link compileLogFormat}.
 *
 * @example
 * ```ts
 * const format: LogFormat = compileLogFormat('\\[<Time>\\] \\[<Level>\\] <Content>');
 * format.fields; // ['Time', 'Level', 'Content']
 * ```
 */
export interface LogFormat {
  /** The format string it was compiled from. */
  readonly source: string;
  /** Field names in order of appearance, `Content` included. */
  readonly fields: readonly string[];
  /** Parses one line; `undefined` when the line does not match the format. */
  parse(line: string): ParsedLine | undefined;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Compiles a header format written in the loghub convention, e.g.
 * `<Date> <Time> <Level> <Component>: <Content>`. Each `<Name>` is a field, matched lazily like
 * loghub's `(?P<Name>.*?)`; the text between fields is a regular-expression fragment in which runs of
 * spaces match `\s+`, so `\[` is a literal bracket and `(\[<PID>\])?` is an optional group. The
 * format must contain a `<Content>` field. Lines are trimmed before matching, as loghub does.
 *
 * The captures are those of loghub's backtracking regex, but the matcher remembers failed states, so
 * its time grows linearly with the line length per field: a long line that does not match cannot make
 * it backtrack exponentially. Groups that hold fields may be optional, repeated (`*`, `+`, `{n,m}`) or
 * hold alternatives (`|`); a repeated group's fields keep the last iteration's text.
 *
 * @throws {@link InputError} with code `E_FORMAT` when the format is not valid, has more than 1,000
 * fields or compiles to more than 5,000 matcher nodes, puts a field in a lookahead or named group, or has
 * a `|` outside any group.
 * @example
 * ```ts
 * import { compileLogFormat } from 'logsift';
 * const format = compileLogFormat('<Date> <Time> <Level> <Component>: <Content>');
 * format.parse('081109 203615 INFO dfs.DataNode: Receiving block blk_38');
 * // { fields: { Date: '081109', Time: '203615', Level: 'INFO', Component: 'dfs.DataNode' },
 * //   content: 'Receiving block blk_38' }
 * format.parse('no header here'); // undefined
 * ```
 */
export function compileLogFormat(format: string): LogFormat {
  if (typeof format !== 'string' || format.trim() === '') {
    throw new InputError('log format is empty', 'E_FORMAT');
  }
  const parser = new FormatParser(format);
  const branches = parser.parseBranches();
  if (parser.pos < format.length) throw formatError(format, `unbalanced ")" at offset ${parser.pos}`);
  const names = parser.names;
  if (!names.includes('Content')) throw formatError(format, 'it has no <Content> field');
  if (branches.length > 1) {
    throw formatError(format, 'it has a "|" outside any group: put the alternatives in a group, as in "(a|b)"');
  }
  const root = branches[0]!;
  const contentSlot = names.indexOf('Content');
  try {
    // Checks the fragments' syntax; the lines are matched by the graph, never by this regex.
    new RegExp(`^${root.map((item) => item.regex).join('')}$`, 's');
  } catch (error) {
    throw formatError(format, (error as Error).message, error);
  }
  const run = graphMatcher(buildGraph(format, root, names.length));

  const toParsed = (get: (slot: number) => string): ParsedLine => {
    // No prototype: a field named __proto__ or constructor is a field like any other.
    const fields = Object.create(null) as Record<string, string>;
    for (let i = 0; i < names.length; i++) if (i !== contentSlot) fields[names[i]!] = get(i);
    return { fields, content: get(contentSlot) };
  };
  return {
    source: format,
    fields: names,
    parse(line: string): ParsedLine | undefined {
      const text = line.trim();
      const caps = run(text);
      if (caps === undefined) return undefined;
      return toParsed((slot) => (caps[slot * 2]! < 0 ? '' : text.slice(caps[slot * 2], caps[slot * 2 + 1])));
    },
  };
}

/** The most fields a format may have. */
export const MAX_FORMAT_FIELDS = 1000;
/** The most matcher nodes a format may compile to (counted repeats such as `(<A>,){3}` copy their group). */
export const MAX_FORMAT_NODES = 5000;

/** One parsed piece of a format: regex text, a field, or a group that holds fields. */
type Item =
  | { kind: 'text'; regex: string; trailingSpace: boolean }
  | { kind: 'field'; slot: number; regex: string }
  | { kind: 'group'; branches: Item[][]; repeat: Repeat; from: number; to: number; regex: string };

/** A group's quantifier: at least `min`, at most `max` (Infinity: unbounded) iterations. */
interface Repeat {
  min: number;
  max: number;
  lazy: boolean;
}

class FormatParser {
  pos = 0;
  names: string[] = [];

  constructor(private readonly format: string) {}

  /** Parses up to an unmatched `)` or the end; the sequences between top-level `|`. */
  parseBranches(): Item[][] {
    const branches = [this.parseSequence()];
    while (this.format[this.pos] === '|') {
      this.pos++;
      branches.push(this.parseSequence());
    }
    return branches;
  }

  private parseSequence(): Item[] {
    const items: Item[] = [];
    const f = this.format;
    const pushText = (regex: string, trailingSpace = false): void => {
      const last = items[items.length - 1];
      if (last?.kind === 'text') {
        last.regex += regex;
        last.trailingSpace = trailingSpace;
      } else items.push({ kind: 'text', regex, trailingSpace });
    };
    while (this.pos < f.length) {
      const c = f[this.pos]!;
      if (c === ')' || c === '|') return items;
      if (c === '<') {
        const close = f.indexOf('>', this.pos);
        const name = close === -1 ? '' : f.slice(this.pos + 1, close);
        if (close !== -1 && !name.includes('<')) {
          if (!NAME.test(name)) throw formatError(f, `invalid field name <${name}>`);
          if (this.names.includes(name)) throw formatError(f, `field <${name}> appears twice`);
          if (this.names.length === MAX_FORMAT_FIELDS) throw formatError(f, `it has more than ${MAX_FORMAT_FIELDS} fields`);
          this.names.push(name);
          items.push({ kind: 'field', slot: this.names.length - 1, regex: '(.*?)' });
          this.pos = close + 1;
          continue;
        }
      }
      if (c === '\\') {
        if (this.pos + 1 >= f.length) throw formatError(f, 'it ends with a backslash');
        pushText(f.slice(this.pos, this.pos + 2));
        this.pos += 2;
        continue;
      }
      if (c === '[') {
        let j = this.pos + 1;
        if (f[j] === '^') j++;
        if (f[j] === ']') j++;
        while (j < f.length && f[j] !== ']') j += f[j] === '\\' ? 2 : 1;
        if (j >= f.length) throw formatError(f, `unclosed "[" at offset ${this.pos}`);
        pushText(f.slice(this.pos, j + 1));
        this.pos = j + 1;
        continue;
      }
      if (c === ' ') {
        while (f[this.pos] === ' ') this.pos++;
        pushText('\\s+', true);
        continue;
      }
      if (c === '(') {
        const open = this.pos;
        const flag = f[this.pos + 1] === '?' ? f.slice(this.pos, this.pos + 3) : '(';
        this.pos += flag.length;
        const before = this.names.length;
        const branches = this.parseBranches();
        if (f[this.pos] !== ')') throw formatError(f, `unclosed "(" at offset ${open}`);
        this.pos++;
        const quantifier = readQuantifier(f, this.pos);
        this.pos += quantifier.length;
        const inner = branches.map((branch) => branch.map((item) => item.regex).join('')).join('|');
        const regex = `${flag === '(' ? '(?:' : flag}${inner})${quantifier}`;
        if (this.names.length === before) {
          pushText(regex);
        } else {
          if (flag !== '(' && flag !== '(?:') {
            throw formatError(f, `the group at offset ${open} holds fields but is not a plain group "(...)"`);
          }
          items.push({ kind: 'group', branches, repeat: parseRepeat(f, quantifier), from: before, to: this.names.length, regex });
        }
        continue;
      }
      const last = items[items.length - 1];
      if ((c === '*' || c === '+' || c === '?' || c === '{') && last?.kind === 'field') {
        // A quantifier right after a field repeats it, as a group of its own.
        const quantifier = readQuantifier(f, this.pos);
        if (quantifier !== '') {
          items.pop();
          const regex = `(?:${last.regex})${quantifier}`;
          items.push({ kind: 'group', branches: [[last]], repeat: parseRepeat(f, quantifier), from: last.slot, to: last.slot + 1, regex });
          this.pos += quantifier.length;
          continue;
        }
      }
      const quantifier = c === '{' ? readQuantifier(f, this.pos) : c;
      pushText(quantifier.length > 0 ? quantifier : c);
      this.pos += Math.max(1, quantifier.length);
    }
    return items;
  }
}

function readQuantifier(f: string, at: number): string {
  const c = f[at];
  if (c === '?' || c === '*' || c === '+') return f[at + 1] === '?' ? f.slice(at, at + 2) : c;
  if (c === '{') {
    const close = f.indexOf('}', at);
    if (close !== -1 && /^\{\d*(,\d*)?\}$/.test(f.slice(at, close + 1))) return f.slice(at, f[close + 1] === '?' ? close + 2 : close + 1);
  }
  return '';
}

function parseRepeat(format: string, quantifier: string): Repeat {
  const lazy = quantifier.length > 1 && quantifier.endsWith('?');
  const q = lazy ? quantifier.slice(0, -1) : quantifier;
  if (q === '') return { min: 1, max: 1, lazy };
  if (q === '?') return { min: 0, max: 1, lazy };
  if (q === '*') return { min: 0, max: Infinity, lazy };
  if (q === '+') return { min: 1, max: Infinity, lazy };
  const [low, high] = q.slice(1, -1).split(',');
  const min = Number(low === '' ? 0 : low);
  const max = high === undefined ? min : high === '' ? Infinity : Number(high);
  // Copies of the group beyond the node cap fail in buildGraph; this only keeps the numbers sane.
  if (!(min <= MAX_FORMAT_NODES) || !(max === Infinity || max <= MAX_FORMAT_NODES) || min > max) {
    throw formatError(format, `the repeat count in "${quantifier}" is out of range`);
  }
  return { min, max, lazy };
}

/** Links the items into a graph of nodes, each pointing at what follows it. */
function buildGraph(format: string, root: Item[], slots: number): FormatGraph {
  const nodes: FormatNode[] = [];
  const add = (node: FormatNode): number => {
    if (nodes.length === MAX_FORMAT_NODES) {
      throw formatError(format, `it is too large (more than ${MAX_FORMAT_NODES} matcher nodes; repeated groups count once per copy)`);
    }
    nodes.push(node);
    return nodes.length - 1;
  };
  const link = (items: Item[], next: number): number => {
    let following = next;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.kind === 'text') {
        following = add({ kind: 'literal', regex: new RegExp(item.regex, 'ys'), trailingSpace: item.trailingSpace, next: following });
      } else if (item.kind === 'field') {
        following = add({ kind: 'field', slot: item.slot, next: following });
      } else {
        following = linkGroup(item, following);
      }
    }
    return following;
  };
  /** One iteration of a group: clears its captures, then one of its branches, then `next`. */
  const iteration = (group: Extract<Item, { kind: 'group' }>, next: number): number => {
    const starts = group.branches.map((branch) => link(branch, next));
    const body = starts.length === 1 ? starts[0]! : add({ kind: 'choice', options: starts });
    return add({ kind: 'reset', from: group.from, to: group.to, next: body });
  };
  const linkGroup = (group: Extract<Item, { kind: 'group' }>, next: number): number => {
    const { min, max, lazy } = group.repeat;
    const pick = (take: number, skip: number): number[] => (lazy ? [skip, take] : [take, skip]);
    let following = next;
    if (max === Infinity) {
      const options: number[] = [];
      const loop = add({ kind: 'choice', options });
      options.push(...pick(iteration(group, loop), next));
      following = loop;
    } else {
      for (let k = min; k < max; k++) following = add({ kind: 'choice', options: pick(iteration(group, following), next) });
    }
    for (let k = 0; k < min; k++) following = iteration(group, following);
    return following;
  };
  const start = link(root, -1);
  return { nodes, start, slots };
}

function formatError(format: string, why: string, cause?: unknown): InputError {
  const flat = format.replace(/[\r\n\t]+/g, ' ');
  const shown = flat.length > 200 ? `${flat.slice(0, 200)}...` : flat;
  return new InputError(`invalid log format "${shown}": ${why}`, 'E_FORMAT', cause === undefined ? {} : { cause });
}
