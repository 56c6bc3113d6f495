/**
 * Escaping of untrusted log text for GitHub/GitLab-flavoured Markdown (CommonMark + GFM).
 *
 * Three contexts, three rules:
 * - prose: every character Markdown gives a meaning to is backslash-escaped, line breaks are
 *   folded, and the places where GFM or GitHub make links from bare text (`http://`, `www.`,
 *   `@mention`, `#123`, `user@host`) get a zero-width space so no link, mention or reference forms;
 * - code spans: delimited by a backtick run longer than any run inside, so the text cannot close
 *   the span; line breaks folded (a line break would let the text start a new block);
 * - fenced blocks: a fence longer than any backtick run in the text, so no line can close it.
 */
import { oneLine, visibleControls } from './visible.js';

const ZWSP = '\u200b';

// Backslash escapes are honoured for every ASCII punctuation character in CommonMark; these are
// the ones with a meaning anywhere in a line (emphasis, links, HTML, entities, code, tables,
// strikethrough, GitHub's math). Characters that only mean something at a line start are handled
// separately, so ordinary prose stays readable in a raw job log.
const PROSE_SPECIAL = /[\\`*_[\]()<>#|~&$]/g;

/** Escapes untrusted text for Markdown prose (a paragraph, a list item or a table cell). */
export function mdProse(text: string): string {
  const escaped = oneLine(text)
    .trimStart()
    // GFM autolinks, linkify's `//host` links and GitHub mentions and issue references are found
    // in the text after escapes are resolved, so they are broken with an invisible character.
    .replace(/\/\//g, `/${ZWSP}/`)
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#(?=[0-9a-z])/gi, `#${ZWSP}`)
    .replace(PROSE_SPECIAL, (ch) => `\\${ch}`);
  // A line may not start a list, a quote, a heading or a setext underline.
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.])/, '$1\\$2');
}

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * Wraps untrusted text in an inline code span on one line. In a table cell (`inTable`) the pipe is
 * escaped too, because GFM splits cells on `|` even inside code spans.
 */
export function mdCode(text: string, inTable = false): string {
  let body = oneLine(text);
  if (body.length === 0) return '*(empty)*';
  if (inTable) body = body.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(body, '`') + 1);
  // CommonMark strips one space from each side when both are present, and a backtick next to the
  // delimiter would merge with it: pad in exactly those cases so the text shows as it is.
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '');
  return pad ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}

/** Wraps untrusted (possibly multi-line) text in a fenced code block that it cannot close. */
export function mdFence(text: string): string {
  const body = visibleControls(text);
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}text\n${body}\n${fence}`;
}
