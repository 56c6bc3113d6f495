import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Application, type DeclarationReflection, Logger, LogLevel, type ProjectReflection, ReflectionKind } from 'typedoc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/docs-runner.js';

// `npm run docs` runs typedoc with typedoc.json: the API reference of every package entry point and the
// guides in docs/ in one site. This test runs the same configuration in-process (output to a scratch
// directory) and checks the site builds without a warning, holds every guide, and that public exports
// carry an @example.

/**
 * Public exports that have no @example yet: none, every public export has one, so a new export without
 * one fails the test. Empty, and to stay empty: never add to it to let an export through without an example.
 */
const WITHOUT_EXAMPLE_YET = new Set<string>([]);

/**
 * Warnings of the build that are known and routed to the owners of the code (typedoc.json does not make
 * warnings errors, so `npm run docs` still builds; this test is the gate). Matched by substring; for the
 * integrator to empty, never to grow.
 */
const KNOWN_WARNINGS: string[] = [];

class CapturingLogger extends Logger {
  readonly messages: string[] = [];
  override log(message: string, level: LogLevel): void {
    super.log(message, level);
    if (level === LogLevel.Warn || level === LogLevel.Error) this.messages.push(`${LogLevel[level]}: ${message}`);
  }
}

function hasExample(r: DeclarationReflection): boolean {
  const comments = [r.comment, ...(r.signatures ?? []).map((s) => s.comment), r.type?.type === 'reflection' ? r.type.declaration.signatures?.[0]?.comment : undefined];
  return comments.some((c) => c?.blockTags.some((t) => t.tag === '@example'));
}

/** Every export of every entry point, re-exports followed to what they name, each once. */
function publicExports(project: ProjectReflection): Map<string, DeclarationReflection> {
  const out = new Map<string, DeclarationReflection>();
  for (const mod of project.children ?? []) {
    for (const child of mod.children ?? []) {
      const target = child.isReference() ? child.getTargetReflectionDeep() : child;
      if (target.isDeclaration() && !out.has(target.name)) out.set(target.name, target);
    }
  }
  return out;
}

/** Where each name exported by an entry point is defined (from the entry points' `export ... from` lines), to route fixes. */
function exportSources(): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of ['src/index.ts', 'src/sources/splunk.ts', 'src/sources/elastic.ts', 'src/sources/sumo.ts', 'src/sources/loki.ts']) {
    const text = readFileSync(join(ROOT, entry), 'utf8');
    for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
      const file = join(entry, '..', m[2]!).replace(/\.js$/, '.ts');
      for (const name of m[1]!.split(',').map((n) => n.trim().split(/\s+as\s+/).pop()!).filter(Boolean)) if (!out.has(name)) out.set(name, file);
    }
  }
  return out;
}

describe('the docs site (npm run docs)', () => {
  let project: ProjectReflection | undefined;
  let logger: CapturingLogger;
  let out: string;

  beforeAll(async () => {
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    out = mkdtempSync(join(ROOT, 'test-output', 'docs-site-'));
    const app = await Application.bootstrapWithPlugins({ options: join(ROOT, 'typedoc.json'), tsconfig: join(ROOT, 'tsconfig.json'), out });
    logger = new CapturingLogger();
    app.logger = logger;
    project = await app.convert();
    if (project) {
      app.validate(project);
      await app.generateDocs(project, out);
    }
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds without warnings or errors', () => {
    expect(project, logger.messages.join('\n')).toBeDefined();
    expect(logger.messages.filter((m) => !KNOWN_WARNINGS.some((k) => m.includes(k)))).toEqual([]);
  });

  it('holds every guide in docs/ as a page, with the guide index as the home page', () => {
    const guides = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'index.md');
    expect(guides.length).toBeGreaterThanOrEqual(3);
    // a page is named after its file, or after a `title:` in the guide's front matter
    const pageOf = (guide: string): string => {
      const title = /^---\n(?:.*\n)*?title:\s*["']?(.+?)["']?\s*\n(?:.*\n)*?---\n/.exec(readFileSync(join(ROOT, 'docs', guide), 'utf8'))?.[1];
      return `${(title ?? guide.replace(/\.md$/, '')).replace(/[^\w.-]+/g, '_')}.html`;
    };
    for (const guide of guides) expect(existsSync(join(out, 'documents', pageOf(guide))), guide).toBe(true);
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain('Guides, in reading order');
    expect(home).toContain('documents/getting-started.html');
    expect(home).toContain('documents/concepts.html');
  });

  it('has a guide index (docs/index.md) that links every guide', () => {
    const index = readFileSync(join(ROOT, 'docs/index.md'), 'utf8');
    const guides = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'index.md');
    expect(guides.filter((g) => !index.includes(`](${g})`)), 'guides missing from docs/index.md').toEqual([]);
  });

  it('loads nothing from the network: no script, stylesheet, image or frame from another host', () => {
    const pages: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.html')) pages.push(join(dir, e.name));
      }
    };
    walk(out);
    expect(pages.length).toBeGreaterThan(20);
    const remote = /<(?:script|img|iframe|source)\b[^>]*\ssrc="(?:https?:)?\/\/|<link\b[^>]*\shref="(?:https?:)?\/\//i;
    expect(pages.filter((p) => remote.test(readFileSync(p, 'utf8')))).toEqual([]);
  });

  it('documents every package entry point: logsift and its four source adapters', () => {
    const names = (project?.children ?? []).map((m) => m.name).sort();
    expect(names).toEqual(['logsift', 'logsift/elastic', 'logsift/loki', 'logsift/splunk', 'logsift/sumo']);
    const api = publicExports(project!);
    for (const name of ['compare', 'profile', 'Profile', 'renderMarkdown', 'querySplunk', 'queryElastic', 'querySumo', 'queryLoki']) expect(api.has(name), name).toBe(true);
  });

  it('has an @example on every public export but the ones still listed as missing', () => {
    const api = publicExports(project!);
    const where = exportSources();
    const missing = [...api.values()].filter((r) => !hasExample(r)).map((r) => `${ReflectionKind[r.kind]} ${r.name}`).sort();
    const routed = missing.map((m) => `${where.get(m.split(' ')[1]!) ?? '(defined in its entry point)'}  ${m}`).sort();
    const gained = [...WITHOUT_EXAMPLE_YET].filter((name) => api.has(name) && hasExample(api.get(name)!)).sort();
    writeFileSync(
      join(ROOT, 'test-output', 'docs-missing-examples.txt'),
      `Public exports without an @example (${missing.length} of ${api.size}), by file:\n${routed.join('\n')}\n\nListed as missing but now have one (remove from the list):\n${gained.join('\n')}\n`,
    );
    const unexpected = missing.filter((m) => !WITHOUT_EXAMPLE_YET.has(m.split(' ')[1]!));
    expect(unexpected, 'new public exports without an @example in their TSDoc').toEqual([]);
  });
});
