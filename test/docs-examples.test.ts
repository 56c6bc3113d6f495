import { cpSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, distProblem, makeSandbox, run, workDir } from './helpers/docs-runner.js';

// examples/*.mjs are small runnable files, one topic each (like ofetch's examples). Each runs here against
// the built package installed in a scratch project (examples copied into it, so `import 'logsift'`
// resolves to node_modules/logsift there), without network, and must exit cleanly with output.

/** What each example must show in its output: the claim the example makes about the sample logs. */
const SHOWS: Record<string, RegExp[]> = {
  'templates.mjs': [/\bcache hit for item <\*>/, /\bretrying payment <\*> attempt <\*>/],
  'compare.mjs': [/FAIL/, /would block the release: [1-9]\d* critical finding/],
  'save-and-reuse-a-baseline-profile.mjs': [/^baseline\.log pass 100$/m, /^canary\.log fail \d+$/m],
  'rules.mjs': [/without rules:[^]*spike risk [1-9]\d*: retrying payment/, /with rules: [^]*spike risk 0: retrying payment/],
  'html-report.mjs': [/^fail \(score \d+\): open \S+report\.html$/m],
  'notebook.mjs': [/^fail \d+$/m, /## ❌ logsift: FAIL/],
};

const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.mjs')).sort();

describe('the examples', () => {
  let sandbox: { dir: string; env: NodeJS.ProcessEnv } | undefined;
  let cwd: string;
  beforeAll(() => {
    if (distProblem() !== undefined) return;
    sandbox = makeSandbox();
    cwd = workDir(sandbox.dir, 'project');
    // a real copy: a symlinked example would resolve 'logsift' from its real path in the repository
    cpSync(join(ROOT, 'examples'), join(cwd, 'examples-copy'), { recursive: true });
  }, 120_000);
  afterAll(() => {
    if (sandbox !== undefined) rmSync(sandbox.dir, { recursive: true, force: true });
  });

  it('cover the topics the guides point to, each with what its output must show', () => {
    expect(examples).toEqual(Object.keys(SHOWS).sort());
  });

  for (const name of examples) {
    it(`examples/${name} is 5-25 lines, says what it shows, and imports logsift by its package name`, () => {
      const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
      const lines = text.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(5);
      expect(lines.length).toBeLessThanOrEqual(25);
      expect(lines[0]).toMatch(/^\/\/ \S/);
      expect(text).toMatch(/from 'logsift'/);
      expect(text).not.toMatch(/from '\.\.?\/(src|dist)\//);
    });

    it.concurrent(`examples/${name} runs against the built package and prints its result`, async () => {
      const problem = distProblem();
      expect(problem, problem).toBeUndefined();
      const r = await run(process.execPath, [join(cwd, 'examples-copy', name)], cwd, sandbox!.env);
      expect(r.code, `${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`).toBe(0);
      expect(r.stderr).toBe('');
      for (const shown of SHOWS[name] ?? [/\S/]) expect(r.stdout).toMatch(shown);
    }, 60_000);
  }
});
