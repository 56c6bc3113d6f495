import { isAscii, isUtf8 } from 'node:buffer';
import type { ReadStats } from './types.js';

const LF = 10;
const CR = 13;
const NUL = 0;
/** Bytes decoded to one string at a time (see `block`). */
const PIECE = 8192;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A fresh set of counters, all zero. */
export function createReadStats(): ReadStats {
  return {
    lines: 0,
    bytes: 0,
    emptyLines: 0,
    invalidUtf8Lines: 0,
    nulLines: 0,
    truncatedLines: 0,
    unmatchedLines: 0,
    malformedJsonLines: 0,
    cappedEvents: 0,
    notUnwrappedLines: 0,
    unfinishedPartialLines: 0,
  };
}

/**
 * Splits a byte stream into decoded lines. Whole runs of complete lines are validated and decoded in
 * one native call; only the partial line at the end of a chunk is carried over, and it never grows
 * past `maxLineLength` bytes (the rest of an over-long line is skipped and the line counted).
 */
export class LineSplitter {
  private carry: Buffer[] = [];
  private carryLength = 0;
  /** True while the current line has hit the cap and its bytes are being skipped. */
  private skipping = false;
  private started = false;
  /** Bytes of a possible byte-order mark read so far, while `started` is false. */
  private bomBytes = 0;

  constructor(
    private readonly stats: ReadStats,
    private readonly maxLineLength: number,
  ) {}

  /** Splits `chunk` (which may be reused by the caller afterwards) and appends its complete lines to `out`. */
  push(chunk: Buffer, out: string[]): void {
    this.stats.bytes += chunk.length;
    let start = 0;
    if (!this.started) {
      // A UTF-8 byte-order mark is an encoding artefact, not text. Its bytes may come in separate reads:
      // they are held back until the mark is whole (dropped) or a byte differs (they are text).
      while (start < chunk.length && this.bomBytes < 3 && chunk[start] === BOM[this.bomBytes]) {
        this.bomBytes++;
        start++;
      }
      if (this.bomBytes < 3 && start === chunk.length) return;
      this.started = true;
      if (this.bomBytes < 3) this.append(BOM, 0, this.bomBytes);
    }
    const first = chunk.indexOf(LF, start);
    if (first === -1) {
      this.append(chunk, start, chunk.length);
      return;
    }
    if (this.carryLength > 0 || this.skipping) {
      this.append(chunk, start, first);
      this.flushCarry(out);
      start = first + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= start) this.block(chunk.subarray(start, last), out);
    this.append(chunk, last + 1, chunk.length);
  }

  /** Emits the final line when the input does not end with a newline. */
  end(out: string[]): void {
    if (!this.started && this.bomBytes > 0) {
      this.started = true;
      this.append(BOM, 0, this.bomBytes);
    }
    if (this.carryLength > 0 || this.skipping) this.flushCarry(out);
  }

  private append(chunk: Buffer, from: number, to: number): void {
    if (to <= from || this.skipping) return;
    const room = this.maxLineLength - this.carryLength;
    const take = Math.min(room, to - from);
    if (take > 0) {
      // Copied: the caller may reuse its buffer for the next read.
      this.carry.push(Buffer.from(chunk.subarray(from, from + take)));
      this.carryLength += take;
    }
    if (to - from > room) this.skipping = true;
  }

  private flushCarry(out: string[]): void {
    let bytes = this.carry.length === 1 ? this.carry[0]! : Buffer.concat(this.carry, this.carryLength);
    const truncated = this.skipping;
    if (truncated) bytes = bytes.subarray(0, completePrefix(bytes));
    this.carry = [];
    this.carryLength = 0;
    this.skipping = false;
    const valid = isUtf8(bytes);
    this.line(bytes.toString('utf8'), !valid, bytes.indexOf(NUL) !== -1, truncated, out);
  }

  /**
   * `bytes` holds complete lines separated by LF (the last line's LF excluded). It is decoded in pieces
   * of about {@link PIECE} bytes. A piece of ASCII only (one native check) gives each line a string of its
   * own: the header scanner and the tokenizer read a flat string's characters about twice as fast as a
   * slice's (bench/speed-ab.mjs: +5-8% lines per CPU-second on the throughput mix), and a kept line keeps
   * nothing else alive. Otherwise every line is a slice of the string its piece decoded to, and a slice
   * keeps that whole string alive, so a consumer that keeps a few lines (examples, parameter values)
   * holds pieces of 8 KiB in memory rather than chunks of 1 MiB.
   */
  private block(bytes: Buffer, out: string[]): void {
    let from = 0;
    while (bytes.length - from > PIECE) {
      const lf = bytes.indexOf(LF, from + PIECE);
      if (lf === -1) break;
      this.piece(bytes.subarray(from, lf), out);
      from = lf + 1;
    }
    this.piece(from === 0 ? bytes : bytes.subarray(from), out);
  }

  private piece(bytes: Buffer, out: string[]): void {
    const hasNul = bytes.indexOf(NUL) !== -1;
    if (isAscii(bytes)) {
      let from = 0;
      for (;;) {
        const lf = bytes.indexOf(LF, from);
        const line = bytes.toString('latin1', from, lf === -1 ? bytes.length : lf);
        this.line(line, false, hasNul && line.includes('\0'), false, out);
        if (lf === -1) return;
        from = lf + 1;
      }
    }
    if (isUtf8(bytes)) {
      const text = bytes.toString('utf8');
      let from = 0;
      for (;;) {
        const lf = text.indexOf('\n', from);
        const line = lf === -1 ? text.slice(from) : text.slice(from, lf);
        this.line(line, false, hasNul && line.includes('\0'), false, out);
        if (lf === -1) return;
        from = lf + 1;
      }
    }
    // Some line here holds invalid UTF-8: check and decode line by line so only those lines are counted.
    let from = 0;
    for (;;) {
      const lf = bytes.indexOf(LF, from);
      const lineBytes = lf === -1 ? bytes.subarray(from) : bytes.subarray(from, lf);
      this.line(lineBytes.toString('utf8'), !isUtf8(lineBytes), hasNul && lineBytes.indexOf(NUL) !== -1, false, out);
      if (lf === -1) return;
      from = lf + 1;
    }
  }

  private line(text: string, invalid: boolean, nul: boolean, truncated: boolean, out: string[]): void {
    const stats = this.stats;
    stats.lines++;
    let line = text;
    const length = line.length;
    if (length > 0 && line.charCodeAt(length - 1) === CR) line = line.slice(0, -1);
    if (isBlankLine(line)) stats.emptyLines++;
    // A UTF-8 line is at most 3 bytes per UTF-16 unit, so only long strings need measuring.
    if (!truncated && line.length * 3 > this.maxLineLength && Buffer.byteLength(line) > this.maxLineLength) {
      const bytes = Buffer.from(line, 'utf8');
      line = bytes.subarray(0, charBoundary(bytes, this.maxLineLength)).toString('utf8');
      truncated = true;
    }
    if (truncated) stats.truncatedLines++;
    if (invalid) stats.invalidUtf8Lines++;
    if (nul) stats.nulLines++;
    out.push(line);
  }
}

/** The largest cut at or below `limit` that does not split a UTF-8 sequence. */
function charBoundary(bytes: Buffer, limit: number): number {
  if (limit >= bytes.length) return bytes.length;
  let lead = limit;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the sequence the cut falls in.
  while (lead > 0 && limit - lead < 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  return (bytes[lead]! & 0xc0) === 0x80 ? limit : lead;
}

/** Length of `bytes` without a UTF-8 sequence left incomplete at its end by the cap. */
function completePrefix(bytes: Buffer): number {
  const length = bytes.length;
  let lead = length - 1;
  while (lead > 0 && length - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return length;
  const b = bytes[lead]!;
  const expected = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return lead + expected > length ? lead : length;
}

/** True for an empty line or one of whitespace only (counted in `stats.emptyLines`). */
export function isBlankLine(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '');
}
