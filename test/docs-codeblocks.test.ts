import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CodeBlock, chainOf, distIsStale, distProblem, extractBlocks, guideFiles, makeSandbox, readGuide, run, scriptOf, shellScriptOf, typeCheck, typeScriptOf, workDir } from './helpers/docs-runner.js';

// Every ```ts, ```js and ```sh block of docs/*.md and README.md runs against the built package (dist/), so
// the guides cannot rot. How to mark a block (info string after the language):
//   ```ts no-run needs a live Splunk     not run; the reason is required and listed in the test name
//   ```sh exit=1                          the block is expected to exit with 1 (e.g. a failing verdict)
//   ```ts continues                      runs after the JS/TS blocks before it in the same file (one script);
//   ```sh continues                      for shell, the sh blocks before it run first in the same directory
//   ```js cjs                            runs as CommonJS (a .cjs file using require)
// JS/TS blocks run as ES modules (top-level await works) with `import ... from 'logsift'` resolving to
// dist/ through the package's "exports"; sh blocks run in bash with `logsift` (and `npx logsift`) running
// dist/cli.js. TypeScript blocks are also type-checked (strict) against dist/*.d.ts. Each block runs in
// its own scratch directory with fixtures/ and examples/ linked in, and without network (connections
// other than loopback fail).

/**
 * Blocks in guides owned by others that cannot run yet and are not marked: each is skipped, with its
 * reason, until its guide marks it (`no-run <reason>`) or fixes it. Matched by file and a hash of the
 * block's exact code, so any edit to the block ends the skip and the block runs (or reports) again. For
 * the integrator to empty; never add to it to hide a block that should run.
 */
const KNOWN_BROKEN: Array<{ file: string; sha256: string; reason: string }> = [];

function knownBroken(block: CodeBlock): string | undefined {
  const sha256 = createHash('sha256').update(block.code).digest('hex').slice(0, 12);
  return KNOWN_BROKEN.find((k) => k.file === block.file && k.sha256 === sha256)?.reason;
}

const files = guideFiles();
const blocksByFile = new Map<string, CodeBlock[]>(files.map((f) => [f, extractBlocks(f, readGuide(f))]));

describe('the markers of a code block', () => {
  it('no-run needs a reason, exit=N sets the expected status, continues chains blocks', () => {
    expect(extractBlocks('x.md', '```ts no-run\nx\n```\n')[0]!.problem).toMatch(/needs a reason/);
    const [a, b, c, d] = extractBlocks('x.md', '```ts\nconst a = 1;\n```\ntext\n```sh exit=3\nlogsift\n```\n```ts no-run: needs Argo\nq\n```\n```js continues\nconsole.log(a)\n```\n```json\n{}\n```\n');
    expect(a).toMatchObject({ lang: 'ts', line: 1, exit: 0, continues: false });
    expect(b).toMatchObject({ lang: 'sh', exit: 3, code: 'logsift' });
    expect(c).toMatchObject({ noRun: 'needs Argo' });
    expect(d).toMatchObject({ lang: 'js', continues: true, cjs: false });
    expect(extractBlocks('x.md', '```js cjs\nrequire("logsift")\n```\n')[0]).toMatchObject({ lang: 'js', cjs: true });
    expect(scriptOf(d!, [a!, b!, c!])).toBe('const a = 1;\n\nconsole.log(a)');
  });

  it('reads blocks nested in list items and longer fences whole', () => {
    const [a, b] = extractBlocks('x.md', '- item\n  ```ts\n  f();\n  ```\n````sh\necho "```"\n````\n');
    expect(a!.code).toBe('f();');
    expect(b!.code).toBe('echo "```"');
  });
});

describe('every code block in the guides runs', () => {
  let sandbox: { dir: string; env: NodeJS.ProcessEnv } | undefined;
  let stale: string | undefined;
  beforeAll(() => {
    stale = distProblem();
    if (stale !== undefined) return;
    if (distIsStale()) console.warn('docs-codeblocks: dist/ is older than src/; the blocks run against the last build (npm run build)');
    sandbox = makeSandbox();
  }, 120_000);
  afterAll(() => {
    if (sandbox !== undefined) rmSync(sandbox.dir, { recursive: true, force: true });
  });

  it('a block cannot reach the network (so no guide can depend on it)', async () => {
    expect(stale, stale).toBeUndefined();
    const cwd = workDir(sandbox!.dir, 'network-probe');
    writeFileSync(join(cwd, 'probe.mjs'), "await fetch('http://example.com/');\n");
    const r = await run(process.execPath, [join(cwd, 'probe.mjs')], cwd, sandbox!.env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/network disabled in docs tests/);
  });

  it('the guides have code blocks to run', () => {
    const runnable = [...blocksByFile.values()].flat().filter((b) => b.noRun === undefined);
    expect(runnable.length).toBeGreaterThan(5);
  });

  for (const [file, blocks] of blocksByFile) {
    blocks.forEach((block, index) => {
      const title = `${file}:${block.line} (${block.lang})`;
      const broken = knownBroken(block);
      if (broken !== undefined) {
        it.skip(`${title} is KNOWN BROKEN, skipped until its guide is fixed: ${broken}`, () => {});
        return;
      }
      if (block.problem !== undefined) {
        it(`${title} is marked correctly`, () => expect.fail(block.problem));
        return;
      }
      if (block.noRun !== undefined) {
        it.skip(`${title} is not run: ${block.noRun}`, () => {});
        return;
      }
      it.concurrent(`${title} runs${block.exit ? ` and exits with ${block.exit}` : ''}`, async () => {
        expect(stale, stale).toBeUndefined();
        const { dir, env } = sandbox!;
        const cwd = workDir(dir, `${file.replace(/[^\w]+/g, '_')}_${block.line}`);
        let result;
        if (block.lang === 'sh') {
          // the blocks this one continues ran (and were checked) on their own; here they only set the scene
          for (const before of chainOf(block, blocks.slice(0, index))) await run('bash', ['-o', 'pipefail', '-c', shellScriptOf(before)], cwd, env);
          result = await run('bash', ['-e', '-o', 'pipefail', '-c', shellScriptOf(block)], cwd, env);
        } else {
          const script = join(cwd, block.cjs ? 'block.cjs' : 'block.mjs');
          writeFileSync(script, scriptOf(block, blocks.slice(0, index)));
          result = await run(process.execPath, [script], cwd, env);
        }
        const output = `exit ${result.code}\n--- stdout\n${result.stdout.slice(-2000)}\n--- stderr\n${result.stderr.slice(-2000)}`;
        expect(result.code, output).toBe(block.exit);
      }, 60_000);
    });
  }
});

describe('every TypeScript block in the guides type-checks against the package', () => {
  // Blocks run as JavaScript above (types erased); here the same code is checked, strict, against
  // dist/*.d.ts, so a renamed option or a changed return type breaks the guide that uses it.
  const blocks = [...blocksByFile.values()].flatMap((list) => list.map((block, index) => ({ block, before: list.slice(0, index) })))
    .filter(({ block }) => block.lang === 'ts' && block.noRun === undefined && block.problem === undefined && knownBroken(block) === undefined);
  const nameOf = (b: CodeBlock): string => `${b.file.replace(/[^\w]+/g, '_')}_${b.line}`;
  let diagnostics: Map<string, string[]>;
  let stale: string | undefined;
  let sandboxDir: string | undefined;
  afterAll(() => {
    if (sandboxDir !== undefined) rmSync(sandboxDir, { recursive: true, force: true });
  });
  beforeAll(() => {
    stale = distProblem();
    if (stale !== undefined) return;
    sandboxDir = makeSandbox().dir;
    const dir = join(sandboxDir, 'typecheck');
    mkdirSync(dir);
    const probe = "import { compare } from 'logsift';\nconst report = await compare('a.log', 'b.log', { sensitivity: 'extreme' });\nconsole.log(report.verdictt);\n";
    diagnostics = typeCheck(dir, new Map([['probe', probe], ...blocks.map(({ block, before }): [string, string] => [nameOf(block), typeScriptOf(block, before)])]));
  }, 120_000);

  it('catches a misused API (the check is real: logsift resolves to its declarations)', () => {
    expect(stale, stale).toBeUndefined();
    const found = diagnostics.get('probe')!.join('\n');
    expect(found).toMatch(/extreme/);
    expect(found).toMatch(/verdictt/);
  });

  for (const { block } of blocks) {
    it(`${block.file}:${block.line} type-checks`, () => {
      expect(stale, stale).toBeUndefined();
      expect(diagnostics.get(nameOf(block))).toEqual([]);
    });
  }
});
