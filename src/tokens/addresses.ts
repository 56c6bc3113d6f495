import { isDigit, isHexLetter, isLetter } from './chars.js';

// Shapes of network names and addresses that the masks treat as one value.

/** Top-level domains that end host names (a Java package ends in a class name instead). */
const TLDS = new Set(
  'com net org edu gov mil int info biz io co uk de cn jp ru fr hk tw kr au ca in br it nl pl es se ch be at dk no fi cz il sg nz za mx ar om asia cc me tv us eu local arpa'.split(' '),
);

/** `api.github.com`, `proxy.cse.cuhk.edu.hk`: dotted labels ending in a known top-level domain. */
export function isDomainName(word: string): boolean {
  // the first and last dots found in the one pass that checks the characters
  let first = -1;
  let last = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 46) {
      if (first < 0) first = i;
      last = i;
    } else if (!(isLetter(c) || isDigit(c) || c === 45)) return false;
  }
  if (last <= 0 || last === word.length - 1) return false;
  return TLDS.has(word.slice(last + 1).toLowerCase()) && !TLDS.has(word.slice(0, first).toLowerCase());
}

/** Length of an IPv6-like run (`2607:f140::8:c6b3:1ff:fecd:467f`, hex groups, three colons or `::`), or 0. */
export function ipv6Run(t: string, from: number): number {
  let i = from;
  let colons = 0;
  let double = false;
  let digits = false;
  let group = 0;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 58) {
      if (i > from && t.charCodeAt(i - 1) === 58) double = true;
      if (++colons > 7) return 0; // not an address; stop early so long tokens stay linear
      group = 0;
    } else if (isHexChar(c)) {
      if (++group > 4) return 0;
      if (isDigit(c)) digits = true;
    } else break;
  }
  if (!digits || colons > 7 || (colons < 3 && !(double && colons >= 2))) return 0;
  if (t.charCodeAt(i - 1) === 58 && !double) return 0;
  if (i < t.length && (isLetter(t.charCodeAt(i)) || t.charCodeAt(i) === 46)) return 0;
  return i - from;
}

/** Length of a MAC-like run (`FF:F2:9F:15:7E:6E`, six or more hex pairs) at `from`, or 0. */
export function hexPairRun(t: string, from: number): number {
  // six pairs and the five colons between them
  if (t.length - from < 17) return 0;
  let i = from;
  let pairs = 0;
  while (i + 1 < t.length && isHexChar(t.charCodeAt(i)) && isHexChar(t.charCodeAt(i + 1))) {
    if (++pairs > 32) return 0; // not an address; stop early so long tokens stay linear
    i += 2;
    // the length first: a read past the end would throw the optimized code away
    if (i + 2 < t.length && t.charCodeAt(i) === 58 && isHexChar(t.charCodeAt(i + 1))) i++;
    else break;
  }
  if (pairs < 6) return 0;
  if (i < t.length && (isLetter(t.charCodeAt(i)) || isDigit(t.charCodeAt(i)))) return 0;
  return i - from;
}

export function isHexChar(c: number): boolean {
  return isDigit(c) || isHexLetter(c);
}

