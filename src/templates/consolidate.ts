import { WILDCARD } from '../tokens/types.js';
import { fitTokens } from './glob.js';
import type { DefinedMinerOptions } from './options.js';
import { tokenHashesOf, type Cluster, type ClusterStore } from './store.js';

/**
 * Generalizes templates from the evidence gathered so far (never splits one):
 * 1. clusters of equal length that differ in one slot merge when a slot there is already `<*>`
 *    or when at least `minDistinctValues` different words were seen in it;
 * 2. a longer template merges into a shorter one whose `<*>` can cover its extra tokens
 *    (variable-length values such as `user John Smith`);
 * 3. templates that became identical merge.
 * Returns the clusters whose template changed.
 */
export function consolidate(store: ClusterStore, opts: DefinedMinerOptions): Set<Cluster> {
  const changed = new Set<Cluster>();
  for (let round = 0; round < 64 && store.dirty.size > 0; round++) {
    const dirty = store.dirty;
    store.dirty = new Set();
    let any = false;
    const lengths = new Set<number>();
    for (const c of dirty) if (store.live.get(c.id) === c) lengths.add(c.tokens.length);
    for (const len of lengths) if (mergeBySlot(store, len, opts, changed, dirty)) any = true;
    if (mergeVariableLength(store, opts, dirty)) any = true;
    if (mergeOptionalAsides(store, opts, changed, dirty)) any = true;
    if (mergeKeyValues(store, changed, dirty)) any = true;
    if (mergeVariableLists(store, changed, dirty)) any = true;
    if (!any) break;
  }
  store.dirty.clear();
  return changed;
}

function mergeBySlot(store: ClusterStore, len: number, opts: DefinedMinerOptions, changed: Set<Cluster>, dirty: Set<Cluster>): boolean {
  let merged = false;
  // The first token usually names the event (`boot (command <*>)` vs `wait (command <*>)`); only in
  // long messages, where it is a small part of the identity, may it become a variable.
  const from = opts.variableFirstToken || len >= 5 ? 0 : 1;
  const list0 = store.byLength.get(len);
  if (list0 === undefined || list0.length < 2) return false;
  // Keys "all tokens but slot i" as numbers from prefix and suffix hashes: O(tokens) per cluster.
  const prefix = new Map<Cluster, Int32Array>();
  const suffix = new Map<Cluster, Int32Array>();
  for (const c of list0) {
    const hs = tokenHashesOf(c);
    const p = new Int32Array(len + 1);
    const q = new Int32Array(len + 1);
    for (let k = 0; k < len; k++) p[k + 1] = Math.imul(p[k]! ^ hs[k]!, 0x01000193) + 0x9e3779b1;
    for (let k = len - 1; k >= 0; k--) q[k] = Math.imul(q[k + 1]! ^ hs[k]!, 0x01000193) + 0x85ebca6b;
    prefix.set(c, p);
    suffix.set(c, q);
  }
  for (let i = from; i < len; i++) {
    const list = store.byLength.get(len);
    if (list === undefined || list.length < 2) break;
    const groups = new Map<number, Cluster[]>();
    for (const c of list) {
      const p = prefix.get(c);
      const q = suffix.get(c);
      if (p === undefined || q === undefined) continue;
      const key = (p[i]! >>> 0) * 2097152 + (q[i + 1]! >>> 11);
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [c]);
      else g.push(c);
    }
    for (const candidates of groups.values()) {
      if (candidates.length < 2 || !candidates.some((c) => dirty.has(c))) continue;
      // Hash keys may collide: keep the clusters truly equal to the first one outside slot i.
      const group = candidates.filter((c) => equalExcept(c.tokens, candidates[0]!.tokens, i));
      if (group.length < 2) continue;
      const values = [...new Set(group.map((c) => c.tokens[i]!))];
      if (values.length > 1 && !isVariableSlot(values, opts.minDistinctValues, len)) continue;
      const target = group.reduce((a, b) => (a.id <= b.id ? a : b));
      if (values.length > 1) {
        const generalized = generalize(values);
        if (target.tokens[i] !== generalized) {
          const tokens = target.tokens.slice();
          tokens[i] = generalized;
          store.setTokens(target, tokens);
          changed.add(target);
        }
      }
      for (const c of group) if (c !== target) store.absorb(target, c);
      merged = true;
    }
  }
  return merged;
}

function equalExcept(a: readonly string[], b: readonly string[], skip: number): boolean {
  for (let k = 0; k < a.length; k++) if (k !== skip && a[k] !== b[k]) return false;
  return true;
}

/**
 * Whether the different values seen in one slot (all else equal) are instances of a variable:
 * one of them already is `<*>`, or they differ only by an empty value (`()` vs `(<*>)`), or
 * there are enough different words. Capitalized words (`Started`, `GET`) are usually names of
 * states or actions, so they need twice the evidence; so do slots of very short templates.
 */
function isVariableSlot(values: readonly string[], minDistinct: number, len: number): boolean {
  if (values.includes(WILDCARD)) return true;
  if (values.every(isSizeUnit)) return true;
  if (keyOf(values[0]!) !== undefined && values.every((v) => keyOf(v) === keyOf(values[0]!))) return true;
  const stripped = new Set(values.map((v) => v.split(WILDCARD).join('')));
  if (stripped.size === 1 && values.some((v) => v.includes(WILDCARD))) return true;
  let capitalized = 0;
  for (const v of values) {
    let k = 0;
    while (k < v.length && !isWordChar(v.charCodeAt(k))) k++;
    const c = v.charCodeAt(k);
    if (c >= 65 && c <= 90) capitalized++;
  }
  // Names ending in one digit (`ee0`, `alt0`, `scip0`) are kept by the masks as names; as slot
  // values they are devices or channels, part of the event unless many are seen.
  const numbered = values.filter(isNumberedName).length;
  const need = capitalized * 2 > values.length || numbered * 2 > values.length || len <= 2 ? minDistinct * 2 : minDistinct;
  return values.length >= need;
}

const SIZE_UNITS = new Set(['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'kB', 'bytes']);

/** `KB,` in `size 12.1 KB,`: when the unit after a number varies, the unit is part of the value. */
function isSizeUnit(value: string): boolean {
  let end = value.length;
  while (end > 0 && !isWordChar(value.charCodeAt(end - 1))) end--;
  return SIZE_UNITS.has(value.slice(0, end));
}

/** One token covering all `values`: their common prefix and suffix (cut at punctuation) around `<*>`. */
export function generalize(values: readonly string[]): string {
  if (values.includes(WILDCARD)) return WILDCARD;
  let prefix = values[0]!;
  let suffix = values[0]!;
  let shortest = prefix.length;
  for (const v of values) {
    let p = 0;
    while (p < prefix.length && p < v.length && prefix.charCodeAt(p) === v.charCodeAt(p)) p++;
    prefix = prefix.slice(0, p);
    let q = 0;
    while (q < suffix.length && q < v.length && suffix.charCodeAt(suffix.length - 1 - q) === v.charCodeAt(v.length - 1 - q)) q++;
    suffix = suffix.slice(suffix.length - q);
    if (v.length < shortest) shortest = v.length;
  }
  let p = prefix.length;
  while (p > 0 && isWordChar(prefix.charCodeAt(p - 1))) p--;
  prefix = prefix.slice(0, p);
  let q = 0;
  while (q < suffix.length && isWordChar(suffix.charCodeAt(q))) q++;
  suffix = suffix.slice(q);
  if (prefix.length + suffix.length > shortest) suffix = '';
  if (prefix.length > shortest) prefix = '';
  let out = prefix + WILDCARD + suffix;
  while (out.includes('<*><*>')) out = out.replace('<*><*>', WILDCARD);
  return out;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 42 || c === 60 || c === 62;
}

/** A template may absorb longer ones through its `<*>` only when mostly made of constants. */
export function canSpan(tokens: readonly string[]): boolean {
  let wild = 0;
  for (const t of tokens) if (t === WILDCARD) wild++;
  const constants = tokens.length - wild;
  return wild > 0 && constants >= 2 && constants > wild;
}

function mergeVariableLength(store: ClusterStore, opts: DefinedMinerOptions, dirty: Set<Cluster>): boolean {
  let merged = false;
  const span = opts.maxVariableSpan;
  if (span === 0) return false;
  // Only pairs with a changed side can merge now: look from each changed cluster both ways.
  for (const d of dirty) {
    if (!d.alive) continue;
    const len = d.tokens.length;
    if ((d.spans ??= canSpan(d.tokens))) {
      for (let extra = 1; extra <= span; extra++) {
        for (const c of (store.byLength.get(len + extra) ?? []).slice()) {
          if (c.alive && d.alive && fitTokens(d.tokens, c.tokens, span) !== undefined) {
            store.absorb(d, c);
            merged = true;
          }
        }
      }
    }
    for (let extra = 1; extra <= span && extra < len && d.alive; extra++) {
      for (const w of store.byLength.get(len - extra) ?? []) {
        if (w.alive && (w.spans ??= canSpan(w.tokens)) && fitTokens(w.tokens, d.tokens, span) !== undefined) {
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

function mergeOptionalAsides(store: ClusterStore, opts: DefinedMinerOptions, changed: Set<Cluster>, dirty: Set<Cluster>): boolean {
  const span = Math.max(opts.maxVariableSpan, 1) + 1;
  const groups = new Map<string, Array<{ c: Cluster; s: Stripped }>>();
  for (const c of store.live.values()) {
    const memo = (c.memo ??= {});
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
    const k = keyOf(t);
    if (k !== undefined) kv = true;
    key += '\u0000' + (k === undefined ? t : k + WILDCARD);
  }
  return kv ? key : '';
}

/** `key=` of a `key=value` token (the value non-empty), else undefined. */
function keyOf(token: string): string | undefined {
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
function mergeKeyValues(store: ClusterStore, changed: Set<Cluster>, dirty: Set<Cluster>): boolean {
  const groups = new Map<string, Cluster[]>();
  for (const c of store.live.values()) {
    const memo = (c.memo ??= {});
    const key = (memo.kv ??= keyValueKey(c.tokens)) as string;
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
function collapseRuns(tokens: readonly string[]): { tokens: string[]; collapsed: boolean } {
  const out: string[] = [];
  let collapsed = false;
  for (const t of tokens) {
    if (t === WILDCARD && out[out.length - 1] === WILDCARD) collapsed = true;
    else out.push(t);
  }
  return { tokens: out, collapsed };
}

/**
 * Lists of values (`to delete <*> <*> <*>`, `channels 1 2 3 ... 165`): templates that differ only in
 * how many variables follow one another are one event; they merge into the template with one `<*>`
 * for the list. Runs of the same length everywhere (`Fan speeds ( <*> <*> <*> )`) are left alone.
 */
function mergeVariableLists(store: ClusterStore, changed: Set<Cluster>, dirty: Set<Cluster>): boolean {
  const groups = new Map<string, Array<{ c: Cluster; collapsed: string[]; long: boolean }>>();
  for (const c of store.live.values()) {
    const memo = (c.memo ??= {});
    const r = (memo.list ??= c.tokens.includes(WILDCARD) ? collapseRuns(c.tokens) : null) as ReturnType<typeof collapseRuns> | null;
    if (r === null) continue;
    const key = (memo.listKey ??= r.tokens.join('\u0000')) as string;
    const g = groups.get(key);
    const entry = { c, collapsed: r.tokens, long: r.collapsed };
    if (g === undefined) groups.set(key, [entry]);
    else g.push(entry);
  }
  let merged = false;
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((e) => e.long) || !group.some((e) => dirty.has(e.c))) continue;
    if (new Set(group.map((e) => e.c.tokens.length)).size < 2) continue;
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

function isNumberedName(v: string): boolean {
  let end = v.length;
  while (end > 0 && !isWordChar(v.charCodeAt(end - 1))) end--;
  if (end < 2) return false;
  const last = v.charCodeAt(end - 1);
  if (last < 48 || last > 57) return false;
  for (let i = 0; i < end - 1; i++) {
    const c = v.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
}
