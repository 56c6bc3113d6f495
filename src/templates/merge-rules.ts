import { isPinnedStatus } from '../tokens/mask.js';
import { WILDCARD } from '../tokens/types.js';
import { firstVariableSlot, generalize, isWordChar } from './consolidate.js';
import { fitTokens, isQuotedSlot, QUOTED_SPAN } from './glob.js';
import { exactFit } from './params.js';
import type { DefinedMinerOptions } from './options.js';
import { ruleMemo, type Cluster, type ClusterStore } from './store.js';

// Consolidation rules beyond one-slot merging (see consolidate.ts): variable-length values,
// optional asides, key=value values, lists of variables. Each only looks around changed templates.

/** {@link spanKind} flag: the template may absorb longer ones through its quoted slots. */
const QUOTED = 1;
/** {@link spanKind} flag: through its whole `<*>` tokens. */
const WIDE = 2;

/**
 * How a template may absorb longer ones (see fitTokens), as flags: through its `<*>` only when mostly made of
 * constants (WIDE); through a quoted slot (`tag="<*>",`) always, since the quotes bound the value (QUOTED).
 */
function spanKind(tokens: readonly string[]): number {
  let wild = 0;
  let quoted = false;
  for (const t of tokens) {
    if (t === WILDCARD) wild++;
    else if (!quoted && isQuotedSlot(t)) quoted = true;
  }
  const constants = tokens.length - wild;
  return (wild > 0 && constants >= 2 && constants > wild ? WIDE : 0) | (quoted ? QUOTED : 0);
}

/** {@link spanKind} of a cluster's template, kept on the cluster until its tokens change. */
function spanKindOf(c: Cluster): number {
  if (c.spans < 0) c.spans = spanKind(c.tokens);
  return c.spans;
}

/** True when some token holds a double or single quote (only such a template can be covered by a quoted slot). */
function hasQuote(tokens: readonly string[]): boolean {
  for (const t of tokens) if (t.includes('"') || t.includes("'")) return true;
  return false;
}

/** How many more tokens than its own a template of this {@link spanKind} may cover. */
function reachOf(kind: number, span: number): number {
  return Math.max(kind & WIDE ? span : 0, kind & QUOTED ? QUOTED_SPAN : 0);
}

/** How many tokens shorter than `tokens` a template covering them may be: only a quoted slot reaches past `span`. */
export function farthestCover(tokens: readonly string[], span: number): number {
  return span === 0 || !hasQuote(tokens) ? span : Math.max(span, QUOTED_SPAN);
}

/** Whether template `w` covers `tokens`, `extra` more than its own, through its `<*>` or its quoted slots. */
export function coversLonger(w: Cluster, tokens: readonly string[], extra: number, span: number): boolean {
  const kind = spanKindOf(w);
  return extra <= reachOf(kind, span) && fitTokens(w.tokens, tokens, span, (kind & WIDE) !== 0) !== undefined;
}

/**
 * The first token of a template when a fit must meet it exactly (see fitTokens: a first token that is neither `<*>`
 * nor a quoted slot has to equal the line's), else undefined.
 */
function fixedHead(tokens: readonly string[]): string | undefined {
  const t0 = tokens[0]!;
  return t0 === WILDCARD || isQuotedSlot(t0) ? undefined : t0;
}

/** A list of templates with the indices of its members by their {@link fixedHead}; those without one are under `open`. */
interface HeadIndex {
  list: readonly Cluster[];
  byHead: Map<string, number[]>;
  open: number[];
}

function headIndex(list: readonly Cluster[]): HeadIndex {
  const byHead = new Map<string, number[]>();
  const open: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const head = fixedHead(list[i]!.tokens);
    if (head === undefined) open.push(i);
    else {
      const at = byHead.get(head);
      if (at === undefined) byHead.set(head, [i]);
      else at.push(i);
    }
  }
  return { list, byHead, open };
}

/** The members that may cover a line starting with `first` (theirs, or no fixed first token), in list order. */
function* coverCandidates(index: HeadIndex, first: string): Generator<Cluster> {
  const fixed = index.byHead.get(first) ?? [];
  const open = index.open;
  for (let a = 0, b = 0; a < fixed.length || b < open.length; ) {
    yield index.list[a < fixed.length && (b >= open.length || fixed[a]! < open[b]!) ? fixed[a++]! : open[b++]!]!;
  }
}

/** The members whose fixed first token is `head`, in list order: the only ones a template starting with it covers. */
function* withHead(index: HeadIndex, head: string): Generator<Cluster> {
  for (const i of index.byHead.get(head) ?? []) yield index.list[i]!;
}

export function mergeVariableLength(store: ClusterStore, opts: DefinedMinerOptions, dirty: Set<Cluster>): boolean {
  let merged = false;
  const span = opts.maxVariableSpan;
  if (span === 0) return false;
  // Absorbing changes no template's tokens and adds none to a length, so what is gathered here holds for this pass
  // (a template absorbed meanwhile is skipped as dead); pairs a fit would reject on their first tokens are not looked at.
  // The templates that can absorb longer ones, by length in list order (few), and every template of a length (indexed
  // when first needed).
  const spanners = new Map<number, HeadIndex>();
  for (const [len, list] of store.byLength) {
    const able = list.filter((c) => spanKindOf(c) !== 0);
    if (able.length > 0) spanners.set(len, headIndex(able));
  }
  const all = new Map<number, HeadIndex>();
  const allOf = (len: number): HeadIndex => {
    let index = all.get(len);
    if (index === undefined) all.set(len, (index = headIndex((store.byLength.get(len) ?? []).slice())));
    return index;
  };
  // Only pairs with a changed side can merge now: look from each changed cluster both ways.
  for (const d of dirty) {
    if (!d.alive) continue;
    const len = d.tokens.length;
    const reach = reachOf(spanKindOf(d), span);
    const head = reach > 0 ? fixedHead(d.tokens) : undefined;
    for (let extra = 1; extra <= reach; extra++) {
      const longer = head === undefined ? (store.byLength.get(len + extra) ?? []).slice() : withHead(allOf(len + extra), head);
      for (const c of longer) {
        if (c.alive && d.alive && coversLonger(d, c.tokens, extra, span)) {
          store.absorb(d, c);
          merged = true;
        }
      }
    }
    const farthest = farthestCover(d.tokens, span);
    for (let extra = 1; extra <= farthest && extra < len && d.alive; extra++) {
      const shorter = spanners.get(len - extra);
      if (shorter === undefined) continue;
      for (const w of coverCandidates(shorter, d.tokens[0]!)) {
        if (w.alive && coversLonger(w, d.tokens, extra, span)) {
          store.absorb(w, d);
          merged = true;
          break;
        }
      }
    }
  }
  return merged;
}

interface Stripped {
  key: string;
  /** The tokens left, as they were. */
  kept: string[];
  /** Indices (in the stripped token list) of the tokens an aside followed. */
  after: number[];
}

/**
 * Removes every parenthesized aside that holds a variable (`(1.16 KB)`), which some lines of one
 * event add and others omit (`1190 bytes (1.16 KB) sent` vs `0 bytes sent`).
 */
function stripAsides(tokens: readonly string[], maxSpan: number): Stripped {
  const kept: string[] = [];
  const keys: string[] = [];
  const after: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.charCodeAt(0) === 40 && kept.length > 0) {
      let end = -1;
      let variable = false;
      for (let j = i; j < tokens.length && j <= i + maxSpan; j++) {
        if (tokens[j]!.includes(WILDCARD)) variable = true;
        if (closesAside(tokens[j]!)) {
          end = j;
          break;
        }
      }
      if (end >= 0 && variable && end > i && end < tokens.length - 1) {
        after.push(kept.length - 1);
        i = end;
        continue;
      }
    }
    kept.push(t);
    // Any variable token keys alike: `lifetime <*>` and `lifetime <*>:<*>` are one event here.
    keys.push(t.includes(WILDCARD) ? (t.endsWith(WILDCARD) && t.length > 3 && !t.startsWith(WILDCARD) ? t.slice(0, -3) : WILDCARD) : t);
  }
  return { key: keys.join('\u0000'), kept, after };
}

function closesAside(t: string): boolean {
  let end = t.length;
  while (end > 0 && (t.charCodeAt(end - 1) === 44 || t.charCodeAt(end - 1) === 46 || t.charCodeAt(end - 1) === 59)) end--;
  return end > 0 && t.charCodeAt(end - 1) === 41;
}

export function mergeOptionalAsides(store: ClusterStore, opts: DefinedMinerOptions, changed: Set<Cluster>, dirty: Set<Cluster>): boolean {
  const span = Math.max(opts.maxVariableSpan, 1) + 1;
  const groups = new Map<string, Array<{ c: Cluster; s: Stripped }>>();
  for (const c of store.live.values()) {
    const memo = ruleMemo(c);
    const st = (memo.aside ??= stripAsides(c.tokens, span)) as Stripped;
    const g = groups.get(st.key);
    if (g === undefined) groups.set(st.key, [{ c, s: st }]);
    else g.push({ c, s: st });
  }
  let merged = false;
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((e) => dirty.has(e.c))) continue;
    const bare = group.filter((e) => e.s.after.length === 0);
    if (bare.length === 0) continue;
    const target = bare.reduce((a, b) => (a.c.id <= b.c.id ? a : b)).c;
    const tokens = target.tokens.slice();
    for (const { c, s: st } of group) {
      if (c === target || st.after.length === 0) continue;
      for (let k = 0; k < tokens.length; k++) {
        const t = tokens[k]!;
        if (t !== st.kept[k] && t.slice(0, -WILDCARD.length) !== st.kept[k]) tokens[k] = generalize([t, st.kept[k]!]);
      }
      for (const k of st.after) if (!tokens[k]!.endsWith(WILDCARD)) tokens[k] += WILDCARD;
      store.absorb(target, c);
      merged = true;
    }
    if (tokens.join('\u0000') !== target.tokens.join('\u0000')) {
      store.setTokens(target, tokens);
      changed.add(target);
    }
  }
  return merged;
}

/** The tokens with each `key=value` value replaced by `<*>`, or '' when there is none. */
function keyValueKey(tokens: readonly string[]): string {
  let key = String(tokens.length);
  let kv = false;
  for (const t of tokens) {
    const k = isPinnedStatus(t) ? undefined : keyOf(t);
    if (k !== undefined) kv = true;
    key += '\u0000' + (k === undefined ? t : k + WILDCARD);
  }
  return kv ? key : '';
}

/** `key=` of a `key=value` token (the value non-empty), else undefined. */
export function keyOf(token: string): string | undefined {
  const eq = token.indexOf('=');
  if (eq <= 0 || eq === token.length - 1) return undefined;
  const c = token.charCodeAt(eq - 1);
  if (!isWordChar(c) || c === 60 || c === 62 || c === 42) return undefined;
  return token.slice(0, eq + 1);
}

/**
 * The value of `key=value` is a variable by nature: templates of one length that differ only in
 * such values (`tag="AudioMix", name=audioserver` vs `tag="RILJ", name=com.android.phone`) merge.
 */
export function mergeKeyValues(store: ClusterStore, changed: Set<Cluster>, dirty: Set<Cluster>): boolean {
  const groups = new Map<string, Cluster[]>();
  for (const c of store.live.values()) {
    const memo = ruleMemo(c);
    const key = (memo.kv ??= keyValueKey(c.tokens));
    if (key === '') continue;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [c]);
    else g.push(c);
  }
  let merged = false;
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((c) => dirty.has(c))) continue;
    const target = group.reduce((a, b) => (a.id <= b.id ? a : b));
    const tokens = target.tokens.map((t, i) => {
      const values = [...new Set(group.map((c) => c.tokens[i]!))];
      return values.length === 1 ? t : generalize(values);
    });
    for (const c of group) if (c !== target) store.absorb(target, c);
    if (tokens.join('\u0000') !== target.tokens.join('\u0000')) {
      store.setTokens(target, tokens);
      changed.add(target);
    }
    merged = true;
  }
  return merged;
}

/** The tokens with every run of whole `<*>` collapsed into one, and whether a run was longer than one. */
export function collapseRuns(tokens: readonly string[]): { tokens: string[]; collapsed: boolean; longest: number } {
  const out: string[] = [];
  let collapsed = false;
  let run = 0;
  let longest = 0;
  for (const t of tokens) {
    run = t === WILDCARD ? run + 1 : 0;
    if (run > longest) longest = run;
    if (t === WILDCARD && out[out.length - 1] === WILDCARD) collapsed = true;
    else out.push(t);
  }
  return { tokens: out, collapsed, longest };
}

/** A run of this many variables is a list even when every line has the same number of items. */
const LIST_RUN = 8;

/**
 * Lists of values (`to delete <*> <*> <*>`, `channels 1 2 3 ... 165`): templates that differ only in
 * how many variables follow one another are one event; they merge into the template with one `<*>`
 * for the list. Short runs of the same length everywhere (`Fan speeds ( <*> <*> <*> )`) are left
 * alone; a run of eight or more is a list anyway.
 */
export function mergeVariableLists(store: ClusterStore, changed: Set<Cluster>, dirty: Set<Cluster>): boolean {
  const groups = new Map<string, Array<{ c: Cluster; collapsed: string[]; long: boolean; list: boolean }>>();
  for (const c of store.live.values()) {
    const memo = ruleMemo(c);
    const r = (memo.list ??= c.tokens.includes(WILDCARD) ? collapseRuns(c.tokens) : null) as ReturnType<typeof collapseRuns> | null;
    if (r === null) continue;
    const key = (memo.listKey ??= r.tokens.join('\u0000'));
    const g = groups.get(key);
    const entry = { c, collapsed: r.tokens, long: r.collapsed, list: r.longest >= LIST_RUN };
    if (g === undefined) groups.set(key, [entry]);
    else g.push(entry);
  }
  let merged = false;
  for (const group of groups.values()) {
    if (!group.some((e) => e.long) || !group.some((e) => dirty.has(e.c))) continue;
    if (new Set(group.map((e) => e.c.tokens.length)).size < 2 && !group.some((e) => e.list)) continue;
    const target = group.reduce((a, b) => (a.c.id <= b.c.id ? a : b));
    for (const e of group) if (e.c !== target.c) store.absorb(target.c, e.c);
    if (target.c.tokens.length !== target.collapsed.length) {
      store.retoken(target.c, target.collapsed);
      changed.add(target.c);
    }
    merged = true;
  }
  return merged;
}

/** Positions at most in which a template may differ from a more general one that absorbs it (see mergeSubsumed). */
const SUBSUMED_SLOTS = 2;

/**
 * A template that a more general one of the same length covers (`Refund <*> for <*>: <*> EUR reason=duplicate`
 * under `Refund <*> for <*>: <*> <*> reason=<*>`) joins it: the general template takes every such line once it
 * exists, so whether a specific one was kept apart depended only on whether its lines came before the
 * generalization (two samples of one service could end with different templates). Only where they differ in at most
 * {@link SUBSUMED_SLOTS} positions and, in templates under 5 tokens, agree on the first (the event's name), as
 * one-slot merges do, and where the general template holds at least as many lines: a specific template larger than
 * the one covering it is an event of its own (`(root) CMD (run-parts <*>)` under a `<*>` that paths filled). Such
 * pairs are remembered and compared again when templates are read ({@link settleCovering}), so a general template
 * that outgrew the specific one later takes it too. Among several covering templates the most specific takes it.
 */
export function mergeSubsumed(store: ClusterStore, opts: DefinedMinerOptions, dirty: Set<Cluster>): boolean {
  const lengths = new Set<number>();
  for (const c of dirty) if (store.live.get(c.id) === c) lengths.add(c.tokens.length);
  let merged = false;
  for (const len of lengths) {
    const list = store.byLength.get(len);
    if (list === undefined || list.length < 2) continue;
    let anyGeneral = false;
    let anyChangedGeneral = false;
    for (const g of list) {
      if (!hasVariable(g)) continue;
      anyGeneral = true;
      if (dirty.has(g)) anyChangedGeneral = true;
    }
    if (!anyGeneral) continue;
    // a pair is looked at when either template changed: a changed one against every general template, an
    // unchanged one against the changed general ones only
    const from = firstVariableSlot(opts, len);
    const covered: Array<[Cluster, Cluster]> = [];
    for (const c of list) {
      const changed = dirty.has(c);
      if (!changed && !anyChangedGeneral) continue;
      // the most specific covering template, as new lines of this shape would go to it; one that covers c has its
      // constants, so it is among the store's candidates for c's tokens (in list order, as the whole list would be)
      let best: Cluster | undefined;
      let bestConstants = -1;
      for (const g of store.candidates(c.tokens)) {
        if (g === c || !hasVariable(g) || (!changed && !dirty.has(g))) continue;
        const constants = subsumes(g.tokens, c.tokens, from);
        if (constants > bestConstants) {
          best = g;
          bestConstants = constants;
        }
      }
      if (best !== undefined) covered.push([best, c]);
    }
    if (covered.length > 0 && settleCovered(store, covered)) merged = true;
  }
  return merged;
}

/**
 * Acts on the pairs mergeSubsumed found, `[general, specific]` in list order: a general template with at least as
 * many lines absorbs the specific one; a pair where it has fewer is remembered, as it may merge once the general one
 * has more lines (reading templates settles it). Returns whether any template was absorbed.
 */
function settleCovered(store: ClusterStore, covered: ReadonlyArray<[Cluster, Cluster]>): boolean {
  // decided on the counts as found, before any template absorbs another
  const absorbed: Array<[Cluster, Cluster]> = [];
  for (const pair of covered) {
    if (pair[0].count >= pair[1].count) absorbed.push(pair);
    else remember(store, pair[0], pair[1]);
  }
  let merged = false;
  for (const [into, c] of absorbed) {
    // a chain (c under b under a) settles over the rounds; a template absorbed already is skipped
    if (store.live.get(c.id) !== c || store.live.get(into.id) !== into) continue;
    store.absorb(into, c);
    merged = true;
  }
  return merged;
}

/** Whether a template has a variable (kept with the cluster until its tokens change). */
function hasVariable(c: Cluster): boolean {
  const memo = ruleMemo(c);
  return (memo.general ??= c.tokens.some((t) => t.includes(WILDCARD)));
}

/** Pairs remembered at most (see ClusterStore.covering); past it the oldest go, and are settled only while mining. */
const MAX_COVERING = 10_000;

function remember(store: ClusterStore, general: Cluster, specific: Cluster): void {
  if (store.covering.size >= MAX_COVERING) {
    dropStale(store);
    // still full: the oldest quarter goes (so a full map is not scanned again on every pair)
    if (store.covering.size >= MAX_COVERING) {
      let drop = MAX_COVERING >> 2;
      for (const key of store.covering.keys()) {
        if (drop-- <= 0) break;
        store.covering.delete(key);
      }
    }
  }
  store.covering.set(`${general.id}:${specific.id}`, { general, specific, generalVersion: general.version, specificVersion: specific.version });
}

/** Forgets pairs whose templates went or changed since (a changed template is compared again as a dirty one). */
function dropStale(store: ClusterStore): void {
  for (const [key, { general: g, specific: c, generalVersion, specificVersion }] of store.covering) {
    if (store.live.get(g.id) !== g || store.live.get(c.id) !== c || g.version !== generalVersion || c.version !== specificVersion) store.covering.delete(key);
  }
}

/**
 * The pairs that {@link mergeSubsumed} left apart because the covering template held fewer lines, compared again
 * with the counts as they are now (templates are about to be read): each specific template joins the most specific
 * of its covering templates, when that one holds at least as many lines now (not a less specific one: new lines of
 * its shape go to the most specific). Pairs whose templates changed or went are dropped first.
 */
export function settleCovering(store: ClusterStore, opts: DefinedMinerOptions): boolean {
  dropStale(store);
  // per specific template, the most specific of its covering templates: it joins that one when it has the lines
  const best = new Map<Cluster, { into: Cluster; constants: number }>();
  for (const { general: g, specific: c } of store.covering.values()) {
    const constants = subsumes(g.tokens, c.tokens, firstVariableSlot(opts, c.tokens.length));
    const now = best.get(c);
    if (constants >= 0 && (now === undefined || constants > now.constants)) best.set(c, { into: g, constants });
  }
  let merged = false;
  for (const [c, { into }] of best) {
    if (into.count < c.count || store.live.get(c.id) !== c || store.live.get(into.id) !== into) continue;
    store.absorb(into, c);
    merged = true;
  }
  if (merged) dropStale(store);
  return merged;
}

/** Constants of `general` when it covers `specific`, differs in 1..SUBSUMED_SLOTS positions, none before `from`; else -1. */
function subsumes(general: readonly string[], specific: readonly string[], from: number): number {
  let differ = 0;
  for (let i = 0; i < general.length; i++) {
    if (general[i] === specific[i]) continue;
    if (i < from || ++differ > SUBSUMED_SLOTS) return -1;
  }
  return differ === 0 ? -1 : exactFit(general, specific);
}
