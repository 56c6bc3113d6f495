import { createRequire } from 'node:module';

type WinkFactory = typeof import('wink-nlp').default;
type WinkModel = Parameters<WinkFactory>[0];
type Nlp = ReturnType<WinkFactory>;

// wink-nlp and its model cost ~100 ms to load; they are required on first need, not at import, so a
// run whose templates never need the grammar check (most runs) never pays for them.
// `__filename` exists in the CJS build, `import.meta.url` in the ESM one (bundlers rewrite a bare
// `require`, so it is not tested for directly).
function loadNlp(): Nlp {
  const load = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  const winkNLP = load('wink-nlp') as WinkFactory;
  const model = load('wink-eng-lite-web-model') as WinkModel;
  return winkNLP(model);
}

interface Parsed {
  /** Character offset where each token starts. */
  offsets: number[];
  values: string[];
  pos: string[];
  negated: boolean[];
}

// Tokens allowed between a negation word and the topic it negates: "not an error", "no fatal errors",
// "without any errors", "did not yet fail". A noun or verb in between ("no response within timeout")
// means the negation belongs to something else.
const BRIDGE_POS = new Set(['DET', 'ADJ', 'ADV', 'PART', 'AUX', 'NUM']);
const CUES = new Set(['no', 'not', "n't", 'never', 'without', 'none', 'nothing', 'neither', 'nor', 'cannot']);
const DETERMINER_CUES = new Set(['no', 'without', 'none', 'nothing']);
const NOUN_POS = new Set(['NOUN', 'PROPN']);
const MAX_DISTANCE = 4;
const CACHE_LIMIT = 20_000;

let nlp: Nlp | undefined;
const cache = new Map<string, Parsed | null>();

// The model is instantiated on first need: most templates never get here.
function parse(text: string): Parsed | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  nlp ??= loadNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out();
  const spaces = doc.tokens().out(its.precedingSpaces);
  const offsets: number[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    offsets.push(at);
    at += values[i]!.length;
  }
  // wink tokenization is lossless; if the text ever does not line up, do not guess
  const parsed =
    at === text.length && offsets.every((o, i) => text.startsWith(values[i]!, o))
      ? { offsets, values, pos: doc.tokens().out(its.pos) as string[], negated: (doc.tokens().out(its.negationFlag) as unknown[]).map(Boolean) }
      : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

// Only the neighbourhood of a match is parsed: a few tokens before it decide, and a bounded window keeps a
// 64 KB template from costing a 64 KB parse. Windows are deterministic, so the cache still works.
const WINDOW_BEFORE = 120;
const WINDOW_AFTER = 60;

/** True when the token starting at `start` is negated by a nearby negation word in the same clause. */
export function negatedByGrammar(text: string, start: number): boolean {
  const from = Math.max(0, start - WINDOW_BEFORE);
  const parsed = parse(text.slice(from, start + WINDOW_AFTER));
  if (parsed === null) return false;
  const t = parsed.offsets.indexOf(start - from);
  if (t < 0) return false;
  const between: string[] = [];
  for (let c = t - 1; c >= 0 && t - c <= MAX_DISTANCE; c--) {
    const word = parsed.values[c]!.toLowerCase();
    if (CUES.has(word)) {
      // a determiner-like cue scopes over a whole noun phrase: "no temperature error"
      const phrase = DETERMINER_CUES.has(word);
      if (!between.every((pos) => BRIDGE_POS.has(pos) || (phrase && NOUN_POS.has(pos)))) return false;
      return parsed.negated[t]! || phrase;
    }
    between.push(parsed.pos[c]!);
  }
  return false;
}
