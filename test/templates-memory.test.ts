import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { TemplateMiner } from '../src/index.js';

// The reader hands out lines sliced from 8 KiB pieces of decoded text, and a slice keeps its whole
// source string alive. What the miner keeps (cached masks, remembered messages, their parameters) must
// hold copies of its own, or memory would grow with the input instead of with the templates.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe('memory held by the miner', () => {
  it('mining messages sliced from large strings does not keep those strings alive', () => {
    const miner = new TemplateMiner();
    const before = heapAfterGc();
    for (let i = 0; i < 400; i++) {
      // each message is a slice of its own 100 KB string, with a long variable value and a long token to mask
      const source = `request served id=req-${i}-abcdefghijklmnop-${i * 7} from cache-node-${i}.example.com in 12ms\n${'y'.repeat(100_000)}${i}`;
      miner.add(source.slice(0, source.indexOf('\n')));
      miner.add(source.slice(0, source.indexOf('\n')));
    }
    const grown = heapAfterGc() - before;
    expect(miner.templates().length).toBeGreaterThan(0);
    // 400 sources of 100 KB are 40 MB (80 MB as UTF-16); what the miner keeps of 400 messages is far below 10 MB.
    expect(grown).toBeLessThan(10_000_000);
  });

  it('templates and cache entries made from sliced messages do not keep the source strings alive', () => {
    const miner = new TemplateMiner();
    const word = (n: number): string => String.fromCharCode(103 + (n % 20), 103 + ((n / 20) % 20 | 0), 103 + ((n / 400) % 20 | 0));
    const before = heapAfterGc();
    for (let i = 0; i < 400; i++) {
      // a new shape each time, whose long constant token would be a slice of the 100 KB source
      const source = `opening connection towards serviceendpoint${word(i)}zzz now\n${'y'.repeat(100_000)}${i}`;
      miner.add(source.slice(0, source.indexOf('\n')));
    }
    const grown = heapAfterGc() - before;
    expect(miner.templates().length).toBeGreaterThan(0);
    expect(grown).toBeLessThan(10_000_000);
  });
});
