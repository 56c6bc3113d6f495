import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvents, readEvents, type LogEvent } from '../src/index.js';

// Application lines of the kinds framing cares about: headers, stack traces, blank and plain lines.
const appLine = fc.oneof(
  fc.constantFrom(
    '2026-01-10 12:00:01,000 ERROR [main] c.shop.App - Request failed',
    '2026-01-10 12:00:02,500 INFO [pool-1] c.shop.Cache - evicted 12 entries',
    'java.lang.IllegalStateException: boom',
    '\tat c.shop.App.run(App.java:10)',
    'Caused by: java.io.IOException: closed',
    '\t... 3 more',
    'Traceback (most recent call last):',
    '  File "app.py", line 3, in <module>',
    'KeyError: \'id\'',
    '{"level":"warn","msg":"slow request","ms":900}',
    'level=info msg="served" status=200',
    '',
    '   ',
  ),
  fc.string({ maxLength: 30 }).filter((s) => !s.includes('\n') && !s.includes('\r')),
);

/** A line cut into 1 to 3 pieces (CRI P...P F); the cuts never split a UTF-16 surrogate pair. */
const piecesOf = (line: string, cuts: number[]): string[] => {
  const points = [...new Set(cuts.map((c) => c % (line.length + 1)))]
    .filter((p) => p > 0 && p < line.length && (line.charCodeAt(p - 1) & 0xfc00) !== 0xd800)
    .sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(line.slice(from, p));
    from = p;
  }
  out.push(line.slice(from));
  return out;
};

const input = fc.array(fc.tuple(appLine, fc.array(fc.nat(), { maxLength: 2 })), { minLength: 1, maxLength: 40 });

function criLines(lines: Array<[string, number[]]>): string[] {
  const out: string[] = [];
  lines.forEach(([line, cuts], i) => {
    const pieces = piecesOf(line, cuts);
    const time = `2026-01-10T12:${String(i % 60).padStart(2, '0')}:00.${String(i + 1).replace(/0+$/, '') || '1'}Z`;
    pieces.forEach((piece, k) => out.push(`${time} stdout ${k === pieces.length - 1 ? 'F' : 'P'} ${piece}`));
  });
  return out;
}

/** What framing made of the application's lines (the wrapper adds line numbers, times and the stream). */
const framed = (e: LogEvent) => {
  const { stream: _stream, ...fields } = e.fields;
  return { raw: e.raw, message: e.message, level: e.level, exception: e.exception, fields, formatMatched: e.formatMatched };
};

async function readChunked(text: string, sizes: number[]): Promise<LogEvent[]> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = 1 + (sizes[k % Math.max(1, sizes.length)] ?? 64);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  const events: LogEvent[] = [];
  for await (const e of readEvents((async function* () { yield* chunks; })(), { containerLog: 'cri' })) events.push(e);
  return events;
}

describe('container logs: properties', () => {
  it('any application lines wrapped in CRI, cut into P/F pieces, frame the events the lines frame unwrapped', () => {
    fc.assert(
      fc.property(input, (lines) => {
        const plain = parseEvents(lines.map(([line]) => line)).events;
        const wrapped = parseEvents(criLines(lines), { containerLog: 'cri' });
        expect(wrapped.events.map(framed)).toEqual(plain.map(framed));
        // every physical line is in exactly one event, in order
        expect(wrapped.events.reduce((n, e) => n + e.lineCount, 0)).toBe(wrapped.stats.lines);
        expect(wrapped.stats.notUnwrappedLines).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('the same holds when the wrapped input arrives in chunks of any size', async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.array(fc.nat({ max: 200 }), { minLength: 1, maxLength: 8 }), async (lines, sizes) => {
        const plain = parseEvents(lines.map(([line]) => line)).events;
        const events = await readChunked(`${criLines(lines).join('\n')}\n`, sizes);
        expect(events.map(framed)).toEqual(plain.map(framed));
        let next = 1;
        for (const e of events) {
          expect(e.lineNumber).toBe(next);
          next += e.lineCount;
        }
      }),
      { numRuns: 150 },
    );
  });
});
