import { InputError } from '../errors/InputError.js';
import { runGraph, type FormatGraph, type FormatNode } from './format-matcher.js';

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
 * it backtrack exponentially. (Formats whose field-holding groups use `|`, `*`, `+` or `{}` fall back to
 * a plain regex.)
 *
 * @throws {@link InputError} with code `E_FORMAT` when the format is not valid.
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
  const root = parser.parseSequence(0);
  if (parser.pos < format.length) throw formatError(format, `unbalanced ")" at offset ${parser.pos}`);
  const names = parser.names;
  if (!names.includes('Content')) throw formatError(format, 'it has no <Content> field');
  const contentSlot = names.indexOf('Content');
  const regexSource = root.map((item) => item.regex).join('');
  let regex: RegExp;
  try {
    regex = new RegExp(`^${regexSource}$`, 's');
  } catch (error) {
    throw formatError(format, (error as Error).message, error);
  }
  const graph = parser.structured ? buildGraph(root, names.length) : undefined;

  const toParsed = (get: (slot: number) => string): ParsedLine => {
    const fields: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) if (i !== contentSlot) fields[names[i]!] = get(i);
    return { fields, content: get(contentSlot) };
  };
  return {
    source: format,
    fields: names,
    parse(line: string): ParsedLine | undefined {
      const text = line.trim();
      if (graph !== undefined) {
        const caps = runGraph(graph, text);
        if (caps === undefined) return undefined;
        return toParsed((slot) => (caps[slot * 2]! < 0 ? '' : text.slice(caps[slot * 2], caps[slot * 2 + 1])));
      }
      const match = regex.exec(text);
      return match === null ? undefined : toParsed((slot) => match[slot + 1] ?? '');
    },
  };
}

/** One parsed piece of a format: regex text, a field, or a group that holds fields. */
type Item =
  | { kind: 'text'; regex: string; trailingSpace: boolean }
  | { kind: 'field'; slot: number; regex: string }
  | { kind: 'group'; optional: boolean; body: Item[]; regex: string };

class FormatParser {
  pos = 0;
  names: string[] = [];
  /** False when a group holding fields has a quantifier or alternation the graph matcher does not model. */
  structured = true;

  constructor(private readonly format: string) {}

  parseSequence(depth: number): Item[] {
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
      if (c === ')') return items;
      if (c === '<') {
        const close = f.indexOf('>', this.pos);
        const name = close === -1 ? '' : f.slice(this.pos + 1, close);
        if (close !== -1 && !name.includes('<')) {
          if (!NAME.test(name)) throw formatError(f, `invalid field name <${name}>`);
          if (this.names.includes(name)) throw formatError(f, `field <${name}> appears twice`);
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
        const body = this.parseSequence(depth + 1);
        if (f[this.pos] !== ')') throw formatError(f, `unclosed "(" at offset ${open}`);
        this.pos++;
        const quantifier = readQuantifier(f, this.pos);
        this.pos += quantifier.length;
        const inner = body.map((item) => item.regex).join('');
        const regex = `${flag === '(' ? '(?:' : flag}${inner})${quantifier}`;
        if (this.names.length === before) {
          pushText(regex);
        } else {
          if (flag !== '(' && flag !== '(?:') this.structured = false;
          if (quantifier !== '' && quantifier !== '?') this.structured = false;
          items.push({ kind: 'group', optional: quantifier === '?', body, regex });
        }
        continue;
      }
      if ((c === '*' || c === '+' || c === '?' || c === '{') && items[items.length - 1]?.kind !== 'text') {
        // A quantifier right after a field or a field group: only the plain regex can express it.
        this.structured = false;
      }
      if (c === '|') this.structured = false;
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
    if (close !== -1 && /^\{\d*(,\d*)?\}$/.test(f.slice(at, close + 1))) return f.slice(at, close + 1);
  }
  return '';
}

/** Links the items into a graph of nodes, each pointing at what follows it. */
function buildGraph(root: Item[], slots: number): FormatGraph {
  const nodes: FormatNode[] = [];
  const link = (items: Item[], next: number): number => {
    let following = next;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.kind === 'text') {
        nodes.push({ kind: 'literal', regex: new RegExp(item.regex, 'ys'), trailingSpace: item.trailingSpace, next: following });
      } else if (item.kind === 'field') {
        nodes.push({ kind: 'field', slot: item.slot, next: following });
      } else {
        const body = link(item.body, following);
        if (!item.optional) {
          following = body;
          continue;
        }
        nodes.push({ kind: 'optional', body, next: following });
      }
      following = nodes.length - 1;
    }
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
