/** A seeded xorshift32 generator of numbers in [0, 1): the same sequence on every run, for generated logs in tests. */
export function xorshift(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
