import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root (this file is test/helpers/docs-runner.ts). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** Languages whose blocks are run, and how. Blocks in any other language (text, json, yaml, none) are prose. */
const LANGS: Record<string, 'js' | 'ts' | 'sh'> = {
  js: 'js', javascript: 'js', mjs: 'js',
  ts: 'ts', typescript: 'ts',
  sh: 'sh', bash: 'sh', shell: 'sh',
};

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: 'js' | 'ts' | 'sh';
  code: string;
  /** Why the block is not run (`no-run <reason>` in the info string), or undefined when it is run. */
  noRun?: string;
  /** Expected exit status (`exit=N`, default 0). */
  exit: number;
  /** `continues`: the block runs after the runnable blocks of its kind before it in the same file. */
  continues: boolean;
  /** `cjs`: a JavaScript block that runs as CommonJS (`require`), not as an ES module. */
  cjs: boolean;
  /** What is wrong with the block's markers (e.g. `no-run` without a reason); the block's test fails with it. */
  problem?: string;
}

/**
 * Reads the fenced code blocks that the docs tests run. The info string after the language holds the
 * markers: `no-run <reason>` (the reason is required), `exit=N`, `continues`, `cjs`. A `no-run` without a reason
 * is reported as the block's `problem`, so a block can only be excluded by saying why.
 */
export function extractBlocks(file: string, text: string): CodeBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    for (; j < lines.length && !close.test(lines[j]!); j++) {
      const l = lines[j]!;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart());
    }
    const words = info.trim().split(/\s+/);
    const lang = LANGS[(words[0] ?? '').toLowerCase()];
    if (lang) {
      const rest = info.trim().slice((words[0] ?? '').length).trim();
      const noRun = /(?:^|\s)no-run\b:?\s*(.*)$/.exec(rest);
      const exit = /(?:^|\s)exit=(\d+)/.exec(rest);
      const block: CodeBlock = { file, line: i + 1, lang, code: body.join('\n'), exit: exit ? Number(exit[1]) : 0, continues: /(?:^|\s)continues\b/.test(rest), cjs: lang === 'js' && /(?:^|\s)cjs\b/.test(rest) };
      if (noRun) block.noRun = noRun[1]!.trim();
      if (noRun && block.noRun === '') block.problem = '"no-run" needs a reason after it';
      blocks.push(block);
    }
    i = j;
  }
  return blocks;
}

/** The guides whose blocks are checked: every docs/*.md, and README.md when there is one. */
export function guideFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`);
  return existsSync(join(ROOT, 'README.md')) ? ['README.md', ...docs] : docs;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Why the built package cannot be used, or undefined when it is there. */
export function distProblem(): string | undefined {
  for (const f of ['dist/index.js', 'dist/cli.js']) if (!existsSync(join(ROOT, f))) return `${f} is missing: run npm run build first`;
  return undefined;
}

/** True when src/ changed after the last build (.ci/run builds first; a local run may be behind). */
export function distIsStale(): boolean {
  return statSync(join(ROOT, 'dist/index.js')).mtimeMs < newestMtime(join(ROOT, 'src'));
}

// Docs must not need the network: outside connections fail loudly (loopback stays open for local servers).
const PRELOAD = `import net from 'node:net';
const connect = net.Socket.prototype.connect;
const local = (h) => h === undefined || h === 'localhost' || h === '127.0.0.1' || h === '::1';
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalized arguments as one array: [options, callback]
  const a = Array.isArray(args[0]) ? args[0] : args;
  const o = typeof a[0] === 'object' && a[0] !== null ? a[0] : { port: a[0], host: typeof a[1] === 'string' ? a[1] : undefined };
  if (o.path === undefined && !local(o.host)) throw new Error('network disabled in docs tests (connect to ' + o.host + ')');
  return connect.apply(this, args);
};
`;

const REQUIRED = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'cli.js'];

function stamp(): string {
  return REQUIRED.map((f) => (existsSync(join(ROOT, 'dist', f)) ? statSync(join(ROOT, 'dist', f)).mtimeMs : 'missing')).join(',');
}

/** Names of files the copied dist/*.js import relatively but that are not there (a build was half done). */
function missingImports(dist: string): string[] {
  const missing: string[] = [];
  for (const f of readdirSync(dist).filter((n) => /\.(c?js)$/.test(n))) {
    for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/(?:from\s*|import\(|require\()\s*["'](\.\/[^"']+)["']/g)) {
      if (!existsSync(join(dist, m[1]!))) missing.push(`${f} -> ${m[1]}`);
    }
  }
  return missing;
}

function copyPackage(to: string): void {
  // A private copy of the built package, so a concurrent `npm run build` (tsup empties dist/ first and
  // writes the declarations last) cannot change files under the blocks. Retried until a copy is whole:
  // every entry file there, every relative import found, and dist/ unchanged while it was copied.
  for (let attempt = 1; ; attempt++) {
    try {
      const before = stamp();
      rmSync(to, { recursive: true, force: true });
      mkdirSync(to, { recursive: true });
      cpSync(join(ROOT, 'package.json'), join(to, 'package.json'));
      cpSync(join(ROOT, 'dist'), join(to, 'dist'), { recursive: true });
      for (const f of REQUIRED) if (!existsSync(join(to, 'dist', f))) throw new Error(`dist/${f} is missing: run npm run build`);
      const missing = missingImports(join(to, 'dist'));
      if (missing.length > 0) throw new Error(`dist/ is incomplete: ${missing.slice(0, 3).join(', ')}`);
      if (stamp() !== before) throw new Error('dist/ changed while it was copied (a build is running)');
      return;
    } catch (error) {
      if (attempt >= 15) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
    }
  }
}

/**
 * A scratch directory laid out like a user's project: the built package installed as
 * node_modules/logsift (so `import 'logsift'` goes through its "exports", as for a user), fixtures/ and
 * examples/ linked in, a `logsift` command on PATH that runs the package's dist/cli.js, and a preload that
 * refuses outside network connections. Dependencies resolve from the repository's node_modules.
 */
export function makeSandbox(): { dir: string; env: NodeJS.ProcessEnv } {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'test-output', 'docs-run-'));
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  const pkg = join(dir, 'node_modules', 'logsift');
  copyPackage(pkg);
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'logsift'), `#!/bin/sh\nexec node "${join(pkg, 'dist', 'cli.js')}" "$@"\n`);
  chmodSync(join(dir, 'bin', 'logsift'), 0o755);
  const preload = join(dir, 'no-network.mjs');
  writeFileSync(preload, PRELOAD);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, NODE_OPTIONS: `--import=${preload}`, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.NODE_V8_COVERAGE;
  delete env.VITEST;
  return { dir, env };
}

/**
 * A fresh working directory for one block inside the sandbox, with fixtures/ and examples/ linked in, so
 * blocks run side by side without seeing each other's files.
 */
export function workDir(sandbox: string, name: string): string {
  const dir = join(sandbox, name);
  mkdirSync(dir);
  for (const link of ['fixtures', 'examples']) symlinkSync(join(ROOT, link), join(dir, link));
  return dir;
}

/** Result of running a block or a script. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with a time limit, capturing its output. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code: signal ? null : code, stdout, stderr: signal ? `${stderr}\nkilled by ${signal} (time limit ${timeoutMs} ms)` : stderr }));
  });
}

/** TypeScript to JavaScript, types erased, ES modules kept (top-level await works in the .mjs file). */
export function toJavaScript(code: string): string {
  return ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false } }).outputText;
}

const family = (b: CodeBlock): 'js' | 'sh' => (b.lang === 'sh' ? 'sh' : 'js');

/** The runnable blocks a `continues` block builds on: the same kind (JS/TS or shell), back to one that does not continue. */
export function chainOf(block: CodeBlock, before: CodeBlock[]): CodeBlock[] {
  const chain: CodeBlock[] = [];
  if (!block.continues) return chain;
  for (let k = before.length - 1; k >= 0; k--) {
    const b = before[k]!;
    if (family(b) !== family(block) || b.noRun !== undefined) continue;
    chain.unshift(b);
    if (!b.continues) break;
  }
  return chain;
}

/** The script a JS/TS block runs as: the blocks it continues, then itself, all in JavaScript. */
export function scriptOf(block: CodeBlock, before: CodeBlock[]): string {
  return [...chainOf(block, before), block].map((b) => (b.lang === 'ts' ? toJavaScript(b.code) : b.code)).join('\n');
}

/** `npx logsift` in a shell block means the package's own command: no registry lookup. */
export function shellScriptOf(block: CodeBlock): string {
  return block.code.replace(/\bnpx\s+(--no-install\s+|--no\s+)?logsift\b/g, 'logsift');
}

export function readGuide(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/**
 * Type-checks TypeScript blocks as ES modules (`.mts`, top-level await allowed) against the declarations
 * of the package installed in `dir`'s node_modules, the way a user's editor would: strict, NodeNext.
 * Returns the diagnostics per script name (empty when it type-checks).
 */
export function typeCheck(dir: string, scripts: Map<string, string>): Map<string, string[]> {
  const files = new Map<string, string>();
  for (const [name, code] of scripts) {
    const file = join(dir, `${name}.mts`);
    writeFileSync(file, code);
    files.set(file, name);
  }
  const program = ts.createProgram([...files.keys()], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')], skipLibCheck: true,
  });
  const out = new Map<string, string[]>([...scripts.keys()].map((name) => [name, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file ? files.get(d.file.fileName) : undefined;
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const where = d.file && d.start !== undefined ? `line ${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    if (name !== undefined) out.get(name)!.push(`${where}${text}`);
    else for (const list of out.values()) list.push(`(global) ${text}`);
  }
  return out;
}

/** A TypeScript block with the blocks it continues, as one TypeScript module. */
export function typeScriptOf(block: CodeBlock, before: CodeBlock[]): string {
  return [...chainOf(block, before), block].map((b) => b.code).join('\n');
}
