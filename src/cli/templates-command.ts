import { UsageError } from '../errors/UsageError.js';
import { compileLogFormat } from '../records/format.js';
import { detectPrefix } from '../records/prefix.js';
import { readLineBatches } from '../records/reader.js';
import { structuredMessage } from '../records/line-info.js';
import { defaultStructuredFields } from '../records/structured.js';
import { CONTAINER_LOGS, type ContainerLog } from '../records/container-log.js';
import { LineUnwrapper } from '../records/wrapper.js';
import { fnv1a64 } from '../templates/hash.js';
import { TemplateMiner, templateIfTracked } from '../templates/miner.js';
import { maxTemplatesFlag, parseArgs, stringFlag } from './args.js';
import { openSource, writeChunk, type CliIo } from './io.js';

export const TEMPLATES_HELP = `Usage: logsift templates <file|-> [options]

Mines the templates of a log: every line is assigned to a template with <*> for its variables. A JSON or
logfmt line is templatized by its message field, as compare reads it. Whatever the output format, a one-line
summary goes to stderr: lines, templates, and the lines that did not match --log-format, were cut at the line cap
or held invalid UTF-8 or NUL bytes.

Options:
  --log-format FORMAT   header format in the loghub convention, e.g. '<Date> <Time> <Level> <Component>: <Content>'
                        (without it, common prefixes such as timestamps and levels are detected automatically)
  --container-log auto|none|cri|kubectl|kubectl-prefix|docker
                        container log wrapper taken off each line first (CRI files, kubectl logs --timestamps,
                        kubectl logs --prefix, Docker json-file), so templates are the application's (default auto: told per input;
                        still one row per input line, partial lines are not joined)
  --format csv|jsonl|text
                        csv: LineId,EventId,EventTemplate, one row per input line (the loghub layout)
                        jsonl: one JSON object per input line
                        text: the templates with their counts, most frequent first (default)
  --max-templates N     templates the miner keeps at once (default 20000; past it the least recently matched are
                        evicted, and a line keeps the template it had when its cluster was last known)
  --help, -h            show this help
`;

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `logsift templates`: prints the mined template of every line, or the template table. */
export async function templatesCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    'log-format': { type: 'string' },
    'container-log': { type: 'string', choices: CONTAINER_LOGS },
    format: { type: 'string', choices: ['csv', 'jsonl', 'text'] },
    'max-templates': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (args.flags.help) {
    io.stdout.write(TEMPLATES_HELP);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('templates needs exactly one input: a file path or - for stdin');
  const formatText = stringFlag(args, 'log-format');
  const format = formatText === undefined ? undefined : compileLogFormat(formatText);
  const output = stringFlag(args, 'format') ?? 'text';
  // a file is read by the reader itself (1 MiB reads), not through a stream of 64 KiB chunks
  const source = await openSource(args.positionals[0]!, io);
  const input = 'path' in source ? source.path : source.stream;
  const maxTemplates = maxTemplatesFlag(args);
  const miner = new TemplateMiner(maxTemplates === undefined ? {} : { maxTemplates });
  // each line's cluster, for the per-line outputs (4 bytes a line); the text table needs none
  const perLine = output !== 'text';
  let clusterIds = new Int32Array(perLine ? 1 << 16 : 0);
  const lastSeen = new Map<number, string>();
  let n = 0;
  const batches = readLineBatches(input);
  const fields = { ...defaultStructuredFields };
  const wrapper = (stringFlag(args, 'container-log') ?? 'auto') as ContainerLog;
  const unwrap = wrapper === 'none' ? undefined : new LineUnwrapper(wrapper, batches.stats);
  for await (const read of batches) {
    const batch = unwrap === undefined ? read : unwrap.lines(read);
    for (const line of batch) {
      let message: string;
      if (format) {
        const parsed = format.parse(line);
        if (parsed === undefined) {
          // kept whole as its message, and counted (the summary on stderr says how many)
          batches.stats.unmatchedLines++;
          message = line;
        } else message = parsed.content;
      } else {
        // JSON and logfmt lines: their message field (an inner header taken off), as compare reads it
        message = structuredMessage(line, fields, batches.stats) ?? detectPrefix(line).message;
      }
      const r = miner.add(message);
      if (perLine) {
        if (n === clusterIds.length) {
          const grown = new Int32Array(clusterIds.length * 2);
          grown.set(clusterIds);
          clusterIds = grown;
        }
        clusterIds[n] = r.template.clusterId;
      }
      n++;
      // a template's text as last seen, for a cluster the miner may no longer track at the end (see templateOf below)
      // (a fresh miner's clusters first come back as created or changed; later lines of a cluster need no look-up here)
      if (r.change !== 'none') lastSeen.set(r.template.clusterId, r.template.text);
    }
  }
  const out = io.stdout;
  const templates = output === 'text' ? miner.templates().sort((a, b) => b.count - a.count) : undefined;
  if (templates !== undefined) {
    const width = String(templates[0]?.count ?? 0).length;
    let table = '';
    for (const t of templates) {
      table += `${String(t.count).padStart(width)}  ${t.id}  ${t.text}\n`;
      if (table.length > 65_536) {
        await writeChunk(out, table);
        table = '';
      }
    }
    await writeChunk(out, table);
  }
  // the summary goes to stderr whatever the output's format, so lines cut, replaced or not matching the format are
  // never silent (csv and jsonl rows carry only the template); last, once the output is written
  const summary = (): void => {
    const s = batches.stats;
    io.stderr.write(
      `${n} lines, ${(templates ?? miner.templates()).length} templates` +
        (miner.evicted ? ` (and ${miner.evicted} evicted at the cap of ${miner.options.maxTemplates}${templates ? ', their lines not counted above' : ''}: raise --max-templates)` : '') +
        (s.unmatchedLines ? `, ${s.unmatchedLines} not matching the log format (kept whole)` : '') +
        (s.truncatedLines ? `, ${s.truncatedLines} truncated` : '') +
        (s.invalidUtf8Lines ? `, ${s.invalidUtf8Lines} with invalid UTF-8` : '') +
        (s.nulLines ? `, ${s.nulLines} with NUL bytes (replaced by spaces)` : '') +
        (s.malformedJsonLines ? `, ${s.malformedJsonLines} starting with { but not JSON (read as text)` : '') +
        (s.notUnwrappedLines ? `, ${s.notUnwrappedLines} without the container log wrapper's shape (kept whole)` : '') +
        '\n',
    );
  };
  if (templates !== undefined) {
    summary();
    return 0;
  }
  const cache = new Map<number, { id: string; text: string }>();
  const templateOf = (cid: number): { id: string; text: string } => {
    let t = cache.get(cid);
    if (t === undefined) {
      // a cluster evicted at the template cap, whose history the miner no longer keeps: its text as last seen
      const v = templateIfTracked(miner, cid);
      const text = v?.text ?? lastSeen.get(cid) ?? '';
      t = { id: v?.id ?? fnv1a64(text), text };
      cache.set(cid, t);
    }
    return t;
  };
  if (output === 'csv') out.write('LineId,EventId,EventTemplate\n');
  let buf = '';
  for (let i = 0; i < n; i++) {
    const t = templateOf(clusterIds[i]!);
    buf +=
      output === 'csv'
        ? `${i + 1},${t.id},${csvField(t.text)}\n`
        : `${JSON.stringify({ lineId: i + 1, eventId: t.id, template: t.text })}\n`;
    if (buf.length > 65_536) {
      await writeChunk(out, buf);
      buf = '';
    }
  }
  await writeChunk(out, buf);
  summary();
  return 0;
}
