import { mkdtempSync, writeFileSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isInputError, readLineBatches, readLines, type LineInput, type ReadOptions } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'logsift-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(input: LineInput, options?: ReadOptions) {
  const source = readLines(input, options);
  const lines: string[] = [];
  for await (const line of source) lines.push(line);
  return { lines, stats: source.stats };
}

async function* chunks(...parts: (string | Uint8Array)[]): AsyncIterable<string | Uint8Array> {
  for (const part of parts) yield part;
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readLines and readLineBatches', () => {
  it('read LF and CRLF lines alike, including a CRLF split across two chunks', async () => {
    const { lines } = await collect(chunks('one\r\ntwo\r', '\nthree\nfour'));
    expect(lines).toEqual(['one', 'two', 'three', 'four']);
  });

  it('yield and count empty and whitespace-only lines', async () => {
    const { lines, stats } = await collect(chunks('a\n\n  \n\r\nb\n'));
    expect(lines).toEqual(['a', '', '  ', '', 'b']);
    expect(stats.lines).toBe(5);
    expect(stats.emptyLines).toBe(3);
  });

  it('yield a final line that has no newline, and no extra line after a final newline', async () => {
    expect((await collect(file('nofinal.log', 'x\ny'))).lines).toEqual(['x', 'y']);
    expect((await collect(file('final.log', 'x\ny\n'))).lines).toEqual(['x', 'y']);
    expect((await collect(file('empty.log', ''))).stats.lines).toBe(0);
  });

  it('replace invalid UTF-8 by U+FFFD and count those lines, but not a genuine U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('bad \xff byte\n', 'latin1'), Buffer.from('real \uFFFD char\nok\n', 'utf8')]);
    const { lines, stats } = await collect(file('utf8.log', bytes));
    expect(lines).toEqual(['bad \uFFFD byte', 'real \uFFFD char', 'ok']);
    expect(stats.invalidUtf8Lines).toBe(1);
  });

  it('decode a multi-byte character split across reads', async () => {
    const path = file('split.log', 'é€😀\nnext\n');
    for (const chunkSize of [1, 2, 3, 5]) {
      const { lines, stats } = await collect(path, { chunkSize });
      expect(lines).toEqual(['é€😀', 'next']);
      expect(stats.invalidUtf8Lines).toBe(0);
    }
  });

  it('keep NUL characters and count the lines holding them', async () => {
    const { lines, stats } = await collect(file('nul.log', Buffer.from('a\u0000b\n\u0000\u0000\nplain\n')));
    expect(lines).toEqual(['a\u0000b', '\u0000\u0000', 'plain']);
    expect(stats.nulLines).toBe(2);
  });

  it('drop a leading byte-order mark', async () => {
    expect((await collect(file('bom.log', '\uFEFFfirst\nsecond\n'))).lines).toEqual(['first', 'second']);
  });

  it('drop a byte-order mark that comes one byte a read, and keep bytes that only start like one', async () => {
    const bytes = (text: string | Uint8Array): Uint8Array[] => [...Buffer.from(text)].map((b) => Uint8Array.of(b));
    const bom = Buffer.from('\uFEFFhello 1\nhello 2\n');
    const split = await collect(chunks(...bytes(bom)));
    expect(split.lines).toEqual(['hello 1', 'hello 2']);
    expect(split.stats.bytes).toBe(bom.length);
    expect((await collect(chunks(Uint8Array.of(0xef), Buffer.from('\xbb\xbfhello\n', 'latin1')))).lines).toEqual(['hello']);
    // Two bytes of a mark and then text: the bytes are text (invalid UTF-8), as when they come in one read.
    const partial = Buffer.from([0xef, 0xbb, 0x41, 0x0a, 0x42]);
    const whole = await collect(chunks(partial));
    expect((await collect(chunks(...bytes(partial)))).lines).toEqual(whole.lines);
    expect(whole.lines[0]).toBe(Buffer.from([0xef, 0xbb, 0x41]).toString('utf8'));
    expect((await collect(chunks(Uint8Array.of(0xef), Uint8Array.of(0xbb)))).lines).toEqual([Buffer.from([0xef, 0xbb]).toString('utf8')]);
  });

  it('truncate a 10 MB line at the cap without failing, count it, and read on', async () => {
    const path = join(dir, 'long.log');
    const fd = openSync(path, 'w');
    writeSync(fd, 'before\n');
    const block = Buffer.alloc(1 << 20, 'é');
    for (let i = 0; i < 10; i++) writeSync(fd, block);
    writeSync(fd, '\nafter\n');
    closeSync(fd);
    const { lines, stats } = await collect(path);
    expect(lines.length).toBe(3);
    expect(lines[0]).toBe('before');
    expect(Buffer.byteLength(lines[1]!)).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(lines[1]!)).toBeGreaterThan(65_530);
    expect(lines[1]!.includes('\uFFFD')).toBe(false);
    expect(lines[2]).toBe('after');
    expect(stats.truncatedLines).toBe(1);
    expect(stats.bytes).toBe(7 + 10 * (1 << 20) + 7);
  });

  it('honour a smaller maxLineLength inside a chunk as well as across chunks', async () => {
    const text = `${'a'.repeat(50)}\nshort\n${'b'.repeat(50)}`;
    for (const chunkSize of [7, 1 << 20]) {
      const { lines, stats } = await collect(file(`cap${chunkSize}.log`, text), { maxLineLength: 10, chunkSize });
      expect(lines).toEqual(['a'.repeat(10), 'short', 'b'.repeat(10)]);
      expect(stats.truncatedLines).toBe(2);
    }
  });

  it('read Node readable streams and async iterables of strings or bytes', async () => {
    expect((await collect(Readable.from([Buffer.from('x\ny'), Buffer.from('z\n')]))).lines).toEqual(['x', 'yz']);
    expect((await collect(chunks(new Uint8Array([104, 105, 10]), 'there'))).lines).toEqual(['hi', 'there']);
  });

  it('read standard input when the input is "-"', async () => {
    const spy = vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from('from\r\nstdin')]) as typeof process.stdin);
    try {
      expect((await collect('-')).lines).toEqual(['from', 'stdin']);
    } finally {
      spy.mockRestore();
    }
  });

  it('give one batch per chunk with live stats', async () => {
    const source = readLineBatches(chunks('a\nb\n', 'c\n'));
    const seen: number[] = [];
    for await (const batch of source) seen.push(batch.length, source.stats.lines);
    expect(seen).toEqual([2, 2, 1, 3]);
  });

  it.each([
    ['a missing file', () => join(dir, 'does-not-exist.log'), /no such file/],
    ['a directory', () => dir, /directory/],
  ])('reject %s with a one-line InputError E_INPUT', async (_, path, reason) => {
    const error = await collect(path()).catch((e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('E_INPUT');
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain('\n');
  });

  it('turn a failing stream into an InputError', async () => {
    async function* failing(): AsyncIterable<string> {
      yield 'one\n';
      throw new Error('connection reset');
    }
    const error = await collect(failing()).catch((e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toContain('connection reset');
  });

  it('read any byte sequence, in any chunking, without throwing and account for every line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 5 }), async (bytes, cuts) => {
        const parts: Uint8Array[] = [];
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          parts.push(bytes.subarray(from, Math.max(from, Math.min(cut, bytes.length))));
          from = Math.max(from, Math.min(cut, bytes.length));
        }
        parts.push(bytes.subarray(from));
        const { lines, stats } = await collect(chunks(...parts));
        // Reference model: split the whole input on LF bytes, then decode each line on its own.
        const buffer = Buffer.from(bytes);
        const body = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
        const pieces: Buffer[] = [];
        let start = 0;
        for (let i = 0; i < body.length; i++) if (body[i] === 10) { pieces.push(body.subarray(start, i)); start = i + 1; }
        if (start < body.length) pieces.push(body.subarray(start));
        expect(lines).toEqual(pieces.map((p) => p.toString('utf8').replace(/\r$/, '')));
        expect(stats.lines).toBe(pieces.length);
        expect(stats.bytes).toBe(bytes.length);
        expect(stats.invalidUtf8Lines).toBe(pieces.filter((p) => !isUtf8(p)).length);
        expect(stats.nulLines).toBe(pieces.filter((p) => p.includes(0)).length);
      }),
      { numRuns: 300 },
    );
  });

  it('split large inputs exactly, across reads and across the pieces decoded at a time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string({ maxLength: 120 }), fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 40 })), { minLength: 200, maxLength: 900 }),
        fc.constantFrom(4096, 65_536, 1 << 20),
        async (lines, chunkSize) => {
          const clean = lines.map((l) => l.replace(/[\r\n]/g, ' '));
          const text = clean.map((l) => `${l}${'x'.repeat(l.length % 7)}`).join('\n');
          const path = file('large.log', text);
          const { lines: read, stats } = await collect(path, { chunkSize });
          // A final LF ends the last line; it does not start another one.
          const expected = text === '' ? [] : text.split('\n');
          if (text.endsWith('\n')) expected.pop();
          expect(read).toEqual(expected);
          expect(stats.lines).toBe(expected.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never yield a line over the cap, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 64 }), async (bytes, cap, chunkSize) => {
        const path = file('prop.log', bytes);
        const { lines, stats } = await collect(path, { maxLineLength: cap, chunkSize });
        for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(cap * 3);
        expect(stats.lines).toBe(lines.length);
        expect(stats.truncatedLines).toBeLessThanOrEqual(lines.length);
      }),
      { numRuns: 150 },
    );
  });
});
