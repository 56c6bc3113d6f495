import type { SourceEvent } from '../../src/index.js';

/** Reads a source's events to the end. */
export async function readAll(stream: AsyncIterable<SourceEvent>): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

/** Reads a source to the end and returns the error it failed with (throws if it did not fail). */
export async function failure(stream: AsyncIterable<SourceEvent>): Promise<unknown> {
  try {
    await readAll(stream);
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to fail');
}
