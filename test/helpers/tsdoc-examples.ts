import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './docs-runner.js';

// Helpers of test/docs-tsdoc-examples.test.ts: reading the @example blocks of the public API out of src/,
// finding the result claims in them (`expr; // value`), and comparing a claim with what the code gave.

/** The package entry points, by the specifier a user imports them with. */
export const ENTRY_POINTS: Record<string, string> = {
  logsift: 'src/index.ts',
  'logsift/splunk': 'src/sources/splunk.ts',
  'logsift/elastic': 'src/sources/elastic.ts',
  'logsift/sumo': 'src/sources/sumo.ts',
  'logsift/loki': 'src/sources/loki.ts',
};

/** One @example code block of a public export (or of a public member of one, e.g. `TemplateMiner.add`). */
export interface TsdocExample {
  /** `compare`, `TemplateMiner.add`, … */
  name: string;
  /** src/… path, relative to the repository. */
  file: string;
  /** 1-based line in `file` of the first line of `code`. */
  line: number;
  code: string;
}

/** A public export: the entry point it is imported from (the root entry when several export it), and whether it is a value. */
export interface PublicExport {
  specifier: string;
  isValue: boolean;
}

function exampleBlocks(tagText: string): string[] {
  const fenced = [...tagText.matchAll(/```[\w-]*\n([^]*?)```/g)].map((m) => m[1]!.replace(/\n$/, ''));
  return fenced.length > 0 ? fenced : [tagText.trim()];
}

function examplesOf(decl: ts.Declaration, name: string, out: TsdocExample[]): void {
  for (const tag of ts.getJSDocTags(decl)) {
    if (tag.tagName.text !== 'example') continue;
    const sf = decl.getSourceFile();
    const text = ts.getTextOfJSDocComment(tag.comment) ?? '';
    // the first line of code: the line after the opening fence, or the tag's own line
    const fence = sf.text.indexOf('```', tag.pos);
    const firstLine = sf.getLineAndCharacterOfPosition(fence >= 0 && fence < tag.end ? fence : tag.pos).line + 2;
    let line = firstLine;
    for (const code of exampleBlocks(text)) {
      out.push({ name, file: relative(ROOT, sf.fileName), line, code });
      line += code.split('\n').length + 2;
    }
  }
}

/**
 * Every @example of the public API, from the sources: the exports of each entry point (re-exports followed
 * to their declaration, each once) and the public members of exported classes and interfaces.
 */
export function readTsdocExamples(): { examples: TsdocExample[]; exports: Map<string, PublicExport> } {
  const program = ts.createProgram(Object.values(ENTRY_POINTS).map((f) => join(ROOT, f)), {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    noEmit: true, noLib: true, types: [],
  });
  const checker = program.getTypeChecker();
  const examples: TsdocExample[] = [];
  const exports = new Map<string, PublicExport>();
  const seen = new Set<ts.Symbol>();
  for (const [specifier, file] of Object.entries(ENTRY_POINTS)) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, file))!)!;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!exports.has(exported.name)) exports.set(exported.name, { specifier, isValue: (symbol.flags & ts.SymbolFlags.Value) !== 0 });
      if (seen.has(symbol)) continue;
      seen.add(symbol);
      for (const decl of symbol.declarations ?? []) examplesOf(decl, exported.name, examples);
      if (!(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) continue;
      const members = [...(symbol.members?.values() ?? []), ...(symbol.exports?.values() ?? [])];
      for (const member of members) {
        for (const decl of member.declarations ?? []) {
          const internal = ts.getJSDocTags(decl).some((t) => t.tagName.text === 'internal');
          const hidden = ts.getCombinedModifierFlags(decl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
          if (!internal && !hidden && !member.name.startsWith('#') && member.name !== 'prototype') examplesOf(decl, `${exported.name}.${member.name}`, examples);
        }
      }
    }
  }
  return { examples, exports };
}

// ---------------------------------------------------------------------------------------------------------
// The values a claim comment shows.

/** A value as a comment shows it. */
export type Shown =
  | { kind: 'number'; value: number; decimals?: number }
  | { kind: 'exact'; value: string | boolean | null | undefined }
  | { kind: 'array'; items: Shown[]; more: boolean }
  | { kind: 'object'; entries: Array<[string, Shown]>; more: boolean };

class LiteralReader {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  eat(text: string): boolean {
    this.ws();
    if (!this.s.startsWith(text, this.i)) return false;
    this.i += text.length;
    return true;
  }
  /** One literal, or undefined (and the position unchanged) when there is none here. */
  value(): Shown | undefined {
    const start = this.i;
    const v = this.#value();
    if (v === undefined) this.i = start;
    return v;
  }
  #value(): Shown | undefined {
    this.ws();
    const s = this.s;
    const c = s[this.i];
    if (c === '~' || c === '-' || (c !== undefined && /[\d.]/.test(c))) return this.#number();
    if (c === "'" || c === '"') return this.#string(c);
    if (c === '[') return this.#array();
    if (c === '{') return this.#object();
    const word = /^[A-Za-z_$][\w$]*/.exec(s.slice(this.i))?.[0];
    const words: Record<string, Shown> = {
      true: { kind: 'exact', value: true }, false: { kind: 'exact', value: false },
      null: { kind: 'exact', value: null }, undefined: { kind: 'exact', value: undefined },
      Infinity: { kind: 'number', value: Infinity }, NaN: { kind: 'number', value: NaN },
    };
    if (word === undefined || !(word in words)) return undefined;
    this.i += word.length;
    return words[word];
  }
  #number(): Shown | undefined {
    const m = /^(~)?(-)?(?:(Infinity)|(\d[\d_]*)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?)/.exec(this.s.slice(this.i));
    if (!m || (m[3] === undefined && m[4] === undefined && m[5] === undefined)) return undefined;
    this.i += m[0].length;
    const sign = m[2] ? -1 : 1;
    if (m[3]) return { kind: 'number', value: sign * Infinity };
    const value = sign * Number(`${(m[4] ?? '0').replace(/_/g, '')}.${m[5] ?? '0'}e${m[6] ?? '0'}`);
    // written with a fraction, or marked approximate: the value rounds to what is shown
    const approximate = m[1] !== undefined || (m[5] !== undefined && m[6] === undefined);
    return approximate ? { kind: 'number', value, decimals: (m[5] ?? '').length } : { kind: 'number', value };
  }
  #string(quote: string): Shown | undefined {
    let out = '';
    for (let j = this.i + 1; j < this.s.length; j++) {
      const ch = this.s[j]!;
      if (ch === quote) {
        this.i = j + 1;
        return { kind: 'exact', value: out };
      }
      if (ch === '\\') {
        const next = this.s[++j];
        out += next === 'n' ? '\n' : next === 't' ? '\t' : (next ?? '');
      } else out += ch;
    }
    return undefined;
  }
  #array(): Shown | undefined {
    this.i++;
    const items: Shown[] = [];
    let more = false;
    for (;;) {
      if (this.eat(']')) return { kind: 'array', items, more };
      if (more) return undefined; // `...` only last
      if (this.eat('...')) more = true;
      else {
        const v = this.value();
        if (v === undefined) return undefined;
        items.push(v);
      }
      if (!this.eat(',') && !this.s.slice(this.i).trimStart().startsWith(']')) return undefined;
    }
  }
  #object(): Shown | undefined {
    this.i++;
    const entries: Array<[string, Shown]> = [];
    let more = false;
    for (;;) {
      if (this.eat('}')) return { kind: 'object', entries, more };
      if (more) return undefined;
      if (this.eat('...')) more = true;
      else {
        this.ws();
        const key = /^(?:[A-Za-z_$][\w$]*|\d+)/.exec(this.s.slice(this.i))?.[0];
        let name: string;
        if (key !== undefined) {
          this.i += key.length;
          name = key;
        } else {
          const k = this.value();
          if (k?.kind !== 'exact' || typeof k.value !== 'string') return undefined;
          name = k.value;
        }
        if (!this.eat(':')) return undefined;
        const v = this.value();
        if (v === undefined) return undefined;
        entries.push([name, v]);
      }
      if (!this.eat(',') && !this.s.slice(this.i).trimStart().startsWith('}')) return undefined;
    }
  }
}

/**
 * Reads up to `count` values from the start of a comment, separated by spaces or a comma
 * (`2 'error' 'pay failed'`, `3, 5, 900, 912`); `rest` is what follows them (prose, or nothing).
 */
export function readShownValues(comment: string, count: number): { values: Shown[]; rest: string } {
  const r = new LiteralReader(comment);
  const values: Shown[] = [];
  while (values.length < count) {
    const start = r.i;
    if (values.length > 0) r.eat(',');
    const v = r.value();
    // a value must end at a separator: `6 instead of 11` is 6 then prose, `404s` is prose
    if (v === undefined || !/^(?:$|[\s,:;(.)])/.test(comment.slice(r.i))) {
      r.i = start;
      break;
    }
    values.push(v);
  }
  const rest = comment.slice(r.i).trim();
  // prose after the values follows a separator (`0.6: 3 of 5`, `1 (and rest is empty)`); `1 or more` is a sentence, not a value
  if (rest !== '' && !/^[:;,(.\-\u2013\u2014]/.test(rest)) return { values: [], rest: comment.trim() };
  return { values, rest };
}

/** The comment's text of a value, for messages. */
export function showShown(v: Shown): string {
  switch (v.kind) {
    case 'number': return v.decimals !== undefined ? `~${v.value.toFixed(v.decimals)}` : String(v.value);
    case 'exact': return typeof v.value === 'string' ? `'${v.value}'` : String(v.value);
    case 'array': return `[${[...v.items.map(showShown), ...(v.more ? ['...'] : [])].join(', ')}]`;
    case 'object': return `{ ${[...v.entries.map(([k, x]) => `${k}: ${showShown(x)}`), ...(v.more ? ['...'] : [])].join(', ')} }`;
  }
}

/**
 * Why `actual` is not what the comment shows, or undefined when it is. Numbers are equal exactly, unless the
 * comment writes them with a fraction or a `~` (`0.0176`, `~4.78`, `~3`): then the actual value rounded to the
 * decimals shown must give the number shown. Strings, booleans, null and undefined are equal exactly. Arrays
 * have the items shown, in order, and no others, unless the comment ends them with `...` (then it shows the
 * first items). Objects have the keys shown with the values shown and no other key with a defined value
 * (a key whose value is undefined counts as absent), unless the comment ends them with `...`.
 */
export function mismatch(shown: Shown, actual: unknown, path = ''): string | undefined {
  const at = path === '' ? '' : ` at ${path}`;
  const got = (): string => describe(actual);
  switch (shown.kind) {
    case 'number': {
      if (typeof actual !== 'number') return `${got()}${at} is not a number`;
      if (Object.is(actual, shown.value) || actual === shown.value) return undefined;
      if (shown.decimals !== undefined && Number.isFinite(actual) && Number(actual.toFixed(shown.decimals)) === shown.value) return undefined;
      return `${got()}${at}, not ${showShown(shown)}`;
    }
    case 'exact':
      return actual === shown.value ? undefined : `${got()}${at}, not ${showShown(shown)}`;
    case 'array': {
      if (!Array.isArray(actual)) return `${got()}${at} is not an array`;
      if (shown.more ? actual.length < shown.items.length : actual.length !== shown.items.length) return `${got()}${at} has ${actual.length} items, not ${shown.more ? 'at least ' : ''}${shown.items.length}`;
      for (const [k, item] of shown.items.entries()) {
        const m = mismatch(item, actual[k], `${path}[${k}]`);
        if (m !== undefined) return m;
      }
      return undefined;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return `${got()}${at} is not an object`;
      const record = actual as Record<string, unknown>;
      for (const [k, v] of shown.entries) {
        const m = mismatch(v, record[k], `${path}.${k}`);
        if (m !== undefined) return m;
      }
      const extra = Object.keys(record).filter((k) => record[k] !== undefined && !shown.entries.some(([s]) => s === k));
      return extra.length > 0 && !shown.more ? `${got()}${at} also has ${extra.join(', ')}` : undefined;
    }
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const text = JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '<undefined>' : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

// ---------------------------------------------------------------------------------------------------------
// Claims in an example's code.

/** A line of an example that says what an expression gives: `expr; // value`. */
export interface Claim {
  /** 0-based line in the example's code. */
  line: number;
  /** What is claimed about, as written: the expression, console.log's arguments, or the names a declaration binds. */
  subjects: string[];
  shown: Shown[];
  /** The comment, as written. */
  comment: string;
  /** The comment starts with values but fewer than there are subjects: a claim that cannot be checked as written. */
  problem?: string;
}

function boundNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) boundNames(el.name, out);
}

interface Subject {
  /** The code claimed about, one item per value shown. */
  texts: string[];
  /** Where the values are recorded: replace [start, end) with a call that records them, or insert at end. */
  replace?: [number, number];
  insertAt?: number;
}

function subjectOf(node: ts.Node, sf: ts.SourceFile): Subject | undefined {
  if (ts.isExpressionStatement(node)) {
    const e = node.expression;
    if (ts.isCallExpression(e) && e.expression.getText(sf) === 'console.log' && e.arguments.length > 0) {
      return { texts: e.arguments.map((a) => a.getText(sf)), replace: [e.getStart(sf), e.end] };
    }
    return { texts: [e.getText(sf)], replace: [e.getStart(sf), e.end] };
  }
  if (ts.isVariableStatement(node)) {
    const names: string[] = [];
    for (const d of node.declarationList.declarations) boundNames(d.name, names);
    return names.length > 0 ? { texts: names, insertAt: node.end } : undefined;
  }
  return undefined;
}

/** The text of a statement's claim comment: on its line, or (for a whole-value claim only) on the comment lines right below it. */
function commentAfter(code: string, end: number): { text: string; below: boolean } | undefined {
  const sameLine = ts.getTrailingCommentRanges(code, end)?.[0];
  if (sameLine?.kind === ts.SyntaxKind.SingleLineCommentTrivia) return { text: code.slice(sameLine.pos + 2, sameLine.end).trim(), below: false };
  const eol = code.indexOf('\n', end);
  if (eol < 0 || code.slice(end, eol).trim() !== '') return undefined;
  const lines: string[] = [];
  for (const l of code.slice(eol + 1).split('\n')) {
    const m = /^\s*\/\/(.*)$/.exec(l);
    if (!m) break;
    lines.push(m[1]!.trim());
  }
  return lines.length > 0 ? { text: lines.join(' '), below: true } : undefined;
}

/**
 * The claims of an example, and its code with each claim's values recorded (`__claim(example, claim, [values])`)
 * for running. A statement is a claim when the comment after it on its line starts with as many literal values as
 * it has subjects (prose may follow them), or when the comment lines right below it are exactly those values.
 */
export function findClaims(code: string, exampleId: number): { claims: Claim[]; instrumented: string } {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const claims: Claim[] = [];
  const edits: Array<{ at: number; end: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    const subject = ts.isExpressionStatement(node) || ts.isVariableStatement(node) ? subjectOf(node, sf) : undefined;
    const comment = subject === undefined ? undefined : commentAfter(code, node.end);
    if (subject !== undefined && comment !== undefined) {
      const { values, rest } = readShownValues(comment.text, subject.texts.length);
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const complete = values.length === subject.texts.length;
      if (comment.below ? complete && rest === '' : values.length > 0) {
        const claim: Claim = { line, subjects: subject.texts, shown: values, comment: comment.text };
        if (!complete) claim.problem = `the comment shows ${values.length} value(s) for ${subject.texts.length}: ${subject.texts.join(', ')}`;
        const record = `__claim(${exampleId}, ${claims.length}, [${subject.texts.map((t) => `(${t})`).join(', ')}])`;
        if (subject.replace) edits.push({ at: subject.replace[0], end: subject.replace[1], text: record });
        else edits.push({ at: subject.insertAt!, end: subject.insertAt!, text: `; ${record};` });
        claims.push(claim);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let instrumented = code;
  for (const e of edits.sort((a, b) => b.at - a.at)) instrumented = instrumented.slice(0, e.at) + e.text + instrumented.slice(e.end);
  return { claims, instrumented };
}

// ---------------------------------------------------------------------------------------------------------
// The names an example uses.

/** Names an example declares, names it refers to (in values and in types), and its string literals. */
export function namesOf(code: string): { declared: Set<string>; values: Set<string>; types: Set<string>; strings: Array<{ text: string; written: boolean }> } {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const declared = new Set<string>();
  const values = new Set<string>();
  const types = new Set<string>();
  const strings: Array<{ text: string; written: boolean }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) {
      const names: string[] = [];
      boundNames(node.name, names);
      for (const n of names) declared.add(n);
    } else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name) {
      declared.add(node.name.text);
    } else if ((ts.isImportClause(node) || ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) && node.name) {
      declared.add(node.name.text);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const call = node.parent;
      const written = ts.isCallExpression(call) && call.arguments[0] === node && /\bwriteFile(?:Sync)?$/.test(call.expression.getText(sf));
      strings.push({ text: node.text, written });
    } else if (ts.isIdentifier(node) && isReference(node)) {
      (isTypePosition(node) ? types : values).add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { declared, values, types, strings };
}

function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && (ts.isPropertyAccessExpression(p) ? p.name : p.right) === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isMethodSignature(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isInterfaceDeclaration(p) || ts.isTypeAliasDeclaration(p) || ts.isTypeParameterDeclaration(p)) && p.name === id) return false;
  if (ts.isImportClause(p) || ts.isImportSpecifier(p) || ts.isNamespaceImport(p) || ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  return true;
}

function isTypePosition(id: ts.Identifier): boolean {
  let n: ts.Node = id;
  while (ts.isQualifiedName(n.parent)) n = n.parent;
  return ts.isTypeReferenceNode(n.parent) || ts.isExpressionWithTypeArguments(n.parent);
}

// ---------------------------------------------------------------------------------------------------------
// Running: the runner script, and how it hands values back.

/**
 * The script that runs the examples (ES modules listed in `manifest.json`) one after another in one process,
 * records each claim's values (`__claim`) and each example's error, and writes them to `results.json`.
 * Values are encoded so undefined, NaN, ±Infinity, Maps and Sets survive JSON; class instances become their own
 * enumerable properties.
 */
export const RUNNER = String.raw`import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const encode = (v, depth = 0) => {
  if (v === undefined) return { $: 'undefined' };
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $: 'number', v: String(v) };
  if (typeof v === 'bigint') return { $: 'bigint', v: String(v) };
  if (typeof v === 'function') return { $: 'function', v: v.name };
  if (typeof v === 'symbol') return { $: 'symbol', v: String(v) };
  if (v === null || typeof v !== 'object') return v;
  if (depth > 20) return { $: 'deep' };
  if (Array.isArray(v)) return v.map((x) => encode(x, depth + 1));
  if (v instanceof Map) return { $: 'Map', v: [...v].map(([k, x]) => [encode(k, depth + 1), encode(x, depth + 1)]) };
  if (v instanceof Set) return { $: 'Set', v: [...v].map((x) => encode(x, depth + 1)) };
  if (v instanceof Date) return { $: 'Date', v: v.toISOString() };
  if (v instanceof RegExp) return { $: 'RegExp', v: String(v) };
  const o = {};
  for (const k of Object.keys(v)) o[k] = encode(v[k], depth + 1);
  return { $: 'object', v: o };
};
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
const results = {};
globalThis.__claim = (example, claim, values) => {
  const r = results[example];
  (r.claims[claim] ??= []).push(values.map((x) => encode(x)));
};
for (const { id, file } of manifest) {
  results[id] = { claims: {}, error: null, ms: 0 };
  const t0 = Date.now();
  let timer;
  try {
    const limit = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error('did not finish within 20 s')), 20_000); });
    await Promise.race([import(pathToFileURL(file).href), limit]);
  } catch (error) {
    results[id].error = String(error && error.stack ? error.stack : error).split('\n').slice(0, 6).join('\n');
  } finally {
    clearTimeout(timer);
  }
  results[id].ms = Date.now() - t0;
  process.exitCode = 0; // an example may set it (e.g. from a verdict)
}
writeFileSync('results.json', JSON.stringify(results));
process.exit(0);
`;

/** A value as the runner encoded it, back as a value (class instances come back as plain objects). */
export function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== 'object') return v;
  const { $: tag, v: x } = v as { $: string; v: unknown };
  switch (tag) {
    case 'undefined': return undefined;
    case 'number': return Number(x);
    case 'Map': return new Map((x as Array<[unknown, unknown]>).map(([k, y]) => [decode(k), decode(y)]));
    case 'Set': return new Set((x as unknown[]).map(decode));
    case 'object': return Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, y]) => [k, decode(y)]));
    default: return `<${tag}${x === undefined ? '' : ` ${String(x)}`}>`;
  }
}
