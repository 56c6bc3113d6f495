import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distIsStale, distProblem, makeSandbox, ROOT, run, toJavaScript, typeCheck, workDir } from './helpers/docs-runner.js';
import { type Claim, decode, findClaims, mismatch, namesOf, readShownValues, readTsdocExamples, RUNNER, showShown, type TsdocExample } from './helpers/tsdoc-examples.js';

// Every @example of the public API (exports of the five entry points, and public members of exported classes and
// interfaces), read from the TSDoc in src/, is
//  1. type-checked (strict, NodeNext) against the built declarations, imported as a user does: `from 'logsift'`,
//     `from 'logsift/splunk'`, … resolve to dist/ through the package's "exports". Exports an example uses without
//     importing them are imported for it from their entry point.
//  2. run, when it can run on its own (no log server, no file outside the repository, no placeholder variable), all
//     in one child process without network, in a scratch directory that holds baseline.log, canary.log, app.log
//     (fixtures/sample) and fixtures/. Its claims are checked: a statement followed by a comment that starts with
//     literal values says what the statement gives, and must be right:
//        fnv1a64('a'); // 'af63dc4c8601ec8c'             the expression's value
//        console.log(t.template, t.count); // 'GET <*>' 1  console.log's arguments, one value each
//        const { min, max } = stats; // 5, 900           the names a declaration binds, in order
//        format.parse('x');                              a comment right below the statement that is exactly
//        // { fields: {}, content: 'x' }                 the value(s), over one or more lines
//     Values are JS literals: strings, numbers, true/false/null/undefined/Infinity/NaN, arrays and objects of those;
//     prose may follow them on the same line (`// 0.6: 3 of 5 words`). A comment that does not start with a value
//     is prose and is not checked. Matching (helpers/tsdoc-examples.ts, `mismatch`): numbers are exact, unless
//     written with a fraction or a `~` (`0.0176`, `~4.78`): then the value rounded to the decimals shown must give
//     the number shown; arrays and objects must have exactly the items and keys shown (keys whose value is
//     undefined count as absent) unless they end with `...`.
// A wrong claim is fixed in the example (or the code, if the code is wrong); never by loosening these rules.

/**
 * Values for names that examples use without declaring them, where what is meant is plain and safe to provide:
 * an example using one of these runs with it. (`__ls` is the package, `__fs` is node:fs.)
 */
const PRELUDE: Record<string, string | Record<string, string>> = {
  miner: {
    '*': 'const miner = new __ls.TemplateMiner();',
    // a miner that has mined the line of TemplateMiner.add's example
    'TemplateMiner.match': "const miner = new __ls.TemplateMiner(); miner.add('Connection closed by 10.0.0.2 [preauth]');",
  },
  template: "const template = new __ls.TemplateMiner().add('Failed password for root from 10.0.0.1 port 22 ssh2').template;",
  report: "const report: __ls.Report = JSON.parse(__fs.readFileSync('fixtures/report/demo.json', 'utf8'));",
  from: "const from = Date.parse('2024-05-01T10:00:00Z');",
  to: "const to = Date.parse('2024-05-01T11:00:00Z');",
  fs: 'const fs = __fs;',
};

/**
 * Placeholders: names that stand for the reader's own code or data. Declared with these types for the type-check;
 * an example using one is not run. A type may depend on the example (by its name).
 */
const PLACEHOLDERS: Record<string, string | Record<string, string>> = {
  err: 'unknown',
  run: '() => Promise<void>',
  mineFile: '(path: string) => Promise<void>',
  opts: "import('logsift/splunk').SplunkOptions",
  use: "(event: import('logsift').SourceEvent) => void",
  consume: "(event: import('logsift').SourceEvent) => void",
  scheduleRetry: '() => void',
  url: 'string',
  query: 'string',
  token: 'string',
  body: 'string',
  lines: 'string[]',
  allowedUrls: 'string[]',
  spec: "import('logsift').SourceSpec",
  stream: "import('logsift').SourceEvents",
  base: "import('logsift').Profile",
  canary: "import('logsift').Profile",
  findings: "import('logsift').Finding[]",
  createReadStream: "typeof import('node:fs').createReadStream",
  createGunzip: "typeof import('node:zlib').createGunzip",
  options: {
    splunkDefaults: "import('logsift/splunk').SplunkOptions",
    elasticDefaults: "import('logsift/elastic').ElasticOptions",
    sumoDefaults: "import('logsift/sumo').SumoOptions",
    lokiDefaults: "import('logsift/loki').LokiOptions",
  },
};

/** Examples that end by throwing on purpose (they show how to raise an error): they run, and must throw this. */
const THROWS: Record<string, RegExp> = {
  LogsiftErrorOptions: /^InputError: profile\.json is not JSON/,
};

/** Exports that query a log platform or serve HTTP: an example that calls one needs a server and is not run. */
const NEEDS_SERVER = new Set(['querySplunk', 'queryElastic', 'querySumo', 'queryLoki', 'querySource', 'verify', 'startVerifyServer', 'fetchWithCa']);

/** Files the examples read by these names, in the scratch directory they run in. */
const RUN_FILES: Record<string, string> = {
  'baseline.log': 'fixtures/sample/baseline.log',
  'base.log': 'fixtures/sample/baseline.log',
  'canary.log': 'fixtures/sample/canary.log',
  'app.log': 'fixtures/sample/app.log',
  'logsift-rules.yaml': 'fixtures/compare/rules.yaml',
};

const FILE_NAME = /^(?:\/|\.\.?\/)?(?:[\w.@-]+\/)*[\w.@-]+\.(?:log|jsonl?|ya?ml|pem|gz|txt|csv|html|md)$/;

interface Prepared {
  id: number;
  example: TsdocExample;
  /** The example as a module, for the type-check; the example's code starts at line `codeLine` (1-based). */
  typeSource: string;
  codeLine: number;
  /** The example as a module with its claims recorded, in JavaScript; undefined when it is not run. */
  runSource?: string;
  /** Why it is not run: a category, then the details. */
  notRun: string | undefined;
  claims: Claim[];
}

const { examples, exports } = readTsdocExamples();

function prepare(example: TsdocExample, id: number): Prepared {
  const names = namesOf(example.code);
  const imports = new Map<string, string[]>();
  for (const name of new Set([...names.values, ...names.types])) {
    const e = exports.get(name);
    if (e === undefined || names.declared.has(name)) continue;
    const line = `import ${e.isValue ? '' : 'type '}{ NAMES } from '${e.specifier}';`;
    imports.set(line, [...(imports.get(line) ?? []), name]);
  }
  const free = [...names.values].filter((n) => !names.declared.has(n) && !exports.has(n) && !(n in globalThis)).sort();
  const given = free.filter((n) => n in PRELUDE);
  const placeholders = free.filter((n) => !(n in PRELUDE));
  const header = [...imports].map(([line, list]) => line.replace('NAMES', list.sort().join(', ')));
  const valueOf = (v: string | Record<string, string>): string => (typeof v === 'string' ? v : (v[example.name] ?? v['*']!));
  if (given.length > 0) header.push("import * as __ls from 'logsift';", "import * as __fs from 'node:fs';", ...given.map((n) => valueOf(PRELUDE[n]!)));
  const declared = placeholders.flatMap((n) => {
    const type = PLACEHOLDERS[n];
    const t = typeof type === 'string' ? type : type?.[example.name];
    return t === undefined ? [] : [`declare const ${n}: ${t};`];
  });
  const { claims, instrumented } = findClaims(example.code, id);

  const server = [...names.values].filter((n) => NEEDS_SERVER.has(n)); // imported by the example or not
  const files = [...new Set(names.strings.filter((s) => FILE_NAME.test(s.text)).map((s) => s.text))]
    .filter((f) => !(f in RUN_FILES) && !(f.startsWith('fixtures/') && existsSync(join(ROOT, f))) && !names.strings.some((s) => s.text === f && s.written));
  let notRun: string | undefined;
  if (server.length > 0) notRun = `needs a log server or HTTP: ${server.join(', ')}`;
  else if (placeholders.length > 0) notRun = `placeholder variables: ${placeholders.join(', ')}`;
  else if (files.length > 0) notRun = `reads files that are not in the repository: ${files.join(', ')}`;

  const prepared: Prepared = {
    id, example, claims, notRun,
    typeSource: [...header, ...declared, example.code, 'export {};'].join('\n'),
    codeLine: header.length + declared.length + 1,
  };
  if (notRun === undefined) prepared.runSource = toJavaScript([...header, instrumented, 'export {};'].join('\n'));
  return prepared;
}

const prepared = examples.map(prepare);
const runnable = prepared.filter((p) => p.runSource !== undefined);
const label = (p: Prepared): string => `${p.example.name} (${p.example.file}:${p.example.line})`;

describe('the claim comments of examples', () => {
  it('are read as values, with prose after them; prose alone is no claim', () => {
    expect(readShownValues("'error' 'text': a recovered panic", 2).values.map(showShown)).toEqual(["'error'", "'text'"]);
    expect(readShownValues('3, 5, 900, 912', 4).values).toHaveLength(4);
    expect(readShownValues('1 (and rest is empty)', 1)).toMatchObject({ values: [{ kind: 'number', value: 1 }], rest: '(and rest is empty)' });
    expect(readShownValues('1 or more', 1).values).toEqual([]);
    expect(readShownValues('number of variables in a template', 1).values).toEqual([]);
    expect(readShownValues('404s were seen', 1).values).toEqual([]);
    const claims = findClaims("f(1); // 2\ng(); // unchanged\nconsole.log(a, b); // 1 'x'\nh();\n// [1,\n//  2]\nk();\n// see above\n", 0).claims;
    expect(claims.map((c) => [c.line, c.subjects])).toEqual([[0, ['f(1)']], [2, ['a', 'b']], [3, ['h()']]]);
  });

  it('match numbers exactly unless they show a fraction or ~, then at the decimals shown', () => {
    const one = (comment: string) => readShownValues(comment, 1).values[0]!;
    expect(mismatch(one('45'), 45)).toBeUndefined();
    expect(mismatch(one('50'), 45)).toBe('45, not 50');
    expect(mismatch(one('45'), 45.2)).toBeDefined();
    expect(mismatch(one('~0.0176'), 0.017632)).toBeUndefined();
    expect(mismatch(one('0.0176'), 0.017632)).toBeUndefined();
    expect(mismatch(one('0.0176'), 0.01766)).toBeDefined();
    expect(mismatch(one('0.025'), 0.025000000000000001)).toBeUndefined();
    expect(mismatch(one('Infinity'), Infinity)).toBeUndefined();
  });

  it('match arrays and objects whole, unless they end with ...', () => {
    const one = (comment: string) => readShownValues(comment, 1).values[0]!;
    expect(mismatch(one("['root', '10.0.0.1', '22']"), ['root', '10.0.0.1', '22'])).toBeUndefined();
    expect(mismatch(one("['10.0.0.1', '22']"), ['root', '10.0.0.1', '22'])).toMatch(/has 3 items, not 2/);
    expect(mismatch(one("['uuid', ...]"), ['uuid', 'ipv4'])).toBeUndefined();
    expect(mismatch(one('{ a: 1 }'), { a: 1, b: undefined })).toBeUndefined();
    expect(mismatch(one('{ a: 1 }'), { a: 1, b: 2 })).toMatch(/also has b/);
    expect(mismatch(one('{ a: 1, ... }'), { a: 1, b: 2 })).toBeUndefined();
    expect(mismatch(one("{ a: 'x' }"), { a: 'y' })).toBe('"y" at .a, not \'x\'');
  });
});

describe('the @example blocks of the public API', () => {
  let sandbox: { dir: string; env: NodeJS.ProcessEnv } | undefined;
  let problem: string | undefined;
  let diagnostics = new Map<string, string[]>();
  let results: Record<string, { claims: Record<string, unknown[][]>; error: string | null; ms: number }> = {};
  let runOutput = '';

  beforeAll(async () => {
    problem = distProblem();
    if (problem !== undefined) return;
    if (distIsStale()) console.warn('docs-tsdoc-examples: dist/ is older than src/; the examples run against the last build (npm run build)');
    sandbox = makeSandbox();
    // 1. one TypeScript program for every example
    const typesDir = join(sandbox.dir, 'tsdoc-types');
    mkdirSync(typesDir);
    diagnostics = typeCheck(typesDir, new Map(prepared.map((p) => [`example-${p.id}`, p.typeSource])));
    // 2. one process runs every runnable example
    const cwd = workDir(sandbox.dir, 'tsdoc-run');
    for (const [name, from] of Object.entries(RUN_FILES)) copyFileSync(join(ROOT, from), join(cwd, name));
    mkdirSync(join(cwd, 'test-output'));
    for (const p of runnable) writeFileSync(join(cwd, `example-${p.id}.mjs`), p.runSource!);
    writeFileSync(join(cwd, 'manifest.json'), JSON.stringify(runnable.map((p) => ({ id: p.id, file: join(cwd, `example-${p.id}.mjs`) }))));
    writeFileSync(join(cwd, 'runner.mjs'), RUNNER);
    const r = await run(process.execPath, [join(cwd, 'runner.mjs')], cwd, sandbox.env, 120_000);
    runOutput = `exit ${r.code}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`;
    if (existsSync(join(cwd, 'results.json'))) results = JSON.parse(readFileSync(join(cwd, 'results.json'), 'utf8'));
  }, 180_000);
  afterAll(() => {
    if (sandbox !== undefined) rmSync(sandbox.dir, { recursive: true, force: true });
  });

  it('are read from the sources: every public export has at least one', () => {
    const names = new Set(examples.map((e) => e.name));
    expect([...exports.keys()].filter((n) => !names.has(n))).toEqual([]);
    expect(examples.length).toBeGreaterThan(200);
  });

  it('are listed with what was checked (test-output/tsdoc-examples.txt)', () => {
    expect(problem, problem).toBeUndefined();
    const claims = runnable.reduce((n, p) => n + p.claims.length, 0);
    const notRun = prepared.filter((p) => p.notRun !== undefined);
    const lines = [
      `${prepared.length} examples type-checked, ${runnable.length} run, ${claims} claims checked (${prepared.reduce((n, p) => n + p.claims.length, 0) - claims} more in examples not run)`,
      '',
      `Not run (${notRun.length}):`,
      ...notRun.map((p) => `  ${label(p)}: ${p.notRun}`),
    ];
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    writeFileSync(join(ROOT, 'test-output', 'tsdoc-examples.txt'), `${lines.join('\n')}\n`);
    expect(Object.keys(results).length, `the runner did not report every example:\n${runOutput}`).toBe(runnable.length);
  });

  describe('type-check against the built declarations (dist/*.d.ts)', () => {
    for (const p of prepared) {
      it(label(p), () => {
        expect(problem, problem).toBeUndefined();
        // `line N:` of the module is a line of the example: say where it is in src/
        const found = (diagnostics.get(`example-${p.id}`) ?? []).map((d) =>
          d.replace(/^line (\d+): /, (_m, n: string) => (Number(n) >= p.codeLine ? `${p.example.file}:${p.example.line + Number(n) - p.codeLine}: ` : `(imports) `)),
        );
        expect(found, `${p.typeSource}\n`).toEqual([]);
      });
    }
  });

  describe('run, with their claims checked', () => {
    for (const p of prepared) {
      if (p.runSource === undefined) {
        it.skip(`${label(p)}: not run (${p.notRun})`, () => {});
        continue;
      }
      it(`${label(p)}: runs, ${p.claims.length} claim(s) hold`, () => {
        expect(problem, problem).toBeUndefined();
        const result = results[p.id];
        expect(result, `no result for the example (the runner stopped?)\n${runOutput}`).toBeDefined();
        const throws = THROWS[p.example.name];
        if (throws === undefined) expect(result!.error, `the example threw:\n${p.example.code}`).toBeNull();
        else expect(result!.error ?? 'it did not throw').toMatch(throws);
        const wrong: string[] = [];
        for (const [k, claim] of p.claims.entries()) {
          const where = `${p.example.file}:${p.example.line + claim.line}`;
          if (claim.problem !== undefined) {
            wrong.push(`${where}: ${claim.problem}`);
            continue;
          }
          const evaluations = result!.claims[k] ?? [];
          if (evaluations.length === 0) wrong.push(`${where}: the claimed line was not reached`);
          for (const values of evaluations) {
            claim.shown.forEach((shown, j) => {
              const m = mismatch(shown, decode(values[j]));
              if (m !== undefined) wrong.push(`${where}: ${claim.subjects[j]} gives ${m} (the comment says: ${claim.comment})`);
            });
          }
        }
        expect(wrong).toEqual([]);
      });
    }
  });
});
