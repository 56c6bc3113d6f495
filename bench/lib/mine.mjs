// The loop every speed bench measures: the real reader (readLineBatches), prefixes auto-detected with detectPrefix,
// one TemplateMiner; `lib` is the library's module (dist/index.js of the build measured).
export async function mineInput(lib, input) {
  const { readLineBatches, detectPrefix, TemplateMiner } = lib;
  const miner = new TemplateMiner();
  let lines = 0;
  for await (const batch of readLineBatches(input)) {
    for (const line of batch) miner.add(detectPrefix(line).message);
    lines += batch.length;
  }
  return { lines, miner };
}
