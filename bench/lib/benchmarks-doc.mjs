// Writes one "## " section of docs/benchmarks.md: replaces the section that starts with the same heading line
// (up to the next "## " heading), or appends it. Sections are separated by one blank line.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'benchmarks.md');

/** Every bench takes --no-doc (or --no-docs): measure without touching the document. */
export function docWanted() {
  return !process.argv.includes('--no-doc') && !process.argv.includes('--no-docs');
}

export function writeBenchSection(markdown) {
  if (!docWanted()) return;
  const section = markdown.trim() + '\n';
  const heading = section.slice(0, section.indexOf('\n'));
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf(heading + '\n');
  if (start < 0) {
    writeFileSync(docPath, `${doc.trimEnd()}\n\n${section}`);
    return;
  }
  const end = doc.indexOf('\n## ', start + heading.length);
  writeFileSync(docPath, doc.slice(0, start) + section + (end < 0 ? '' : '\n' + doc.slice(end + 1)));
}
