/**
 * Makes invisible or dangerous code points visible before log text reaches a terminal, a
 * Markdown page or an HTML page. Log text is untrusted: an ESC byte could recolor or retitle a
 * terminal, a bidi override could make a line read differently from what it contains
 * ("Trojan Source"), and NUL or other C0 bytes render differently everywhere. Each such code
 * point becomes a readable escape such as `\x1b` or `\u202e`, so nothing is hidden or lost.
 */

// C0 controls except TAB and LF, DEL, C1 controls, bidi embeddings/overrides/isolates,
// line/paragraph separators (line breaks to some renderers), BOM, zero-width marks.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

const INVISIBLE_OR_BREAK = new RegExp(`[\\t\\n\\r${INVISIBLE.source.slice(1, -1)}]`, 'g');

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Replaces every invisible or control code point (except TAB and LF) by a visible escape. */
export function visibleControls(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n');
  return normalized.replace(INVISIBLE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/**
 * Escapes every code point {@link visibleControls} does and TAB, CR and LF too, for a message that must stay
 * one line whatever it quotes (a file name, an option's value, a platform's error text).
 */
export function escapeControls(text: string): string {
  return text.replace(INVISIBLE_OR_BREAK, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** Like {@link visibleControls}, and also folds line breaks into ` ⏎ ` for one-line contexts. */
export function oneLine(text: string): string {
  return visibleControls(text).replace(/\n/g, ' \u23ce ');
}

/**
 * Cuts `text` to at most `max` code points (never splitting a surrogate pair), marking the cut
 * with an ellipsis so a reader knows text was left out.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(1, max - 1)).join('')}\u2026`;
}

/** Keeps at most `max` lines of `text`; says how many were left out. */
export function firstLines(text: string, max: number): { text: string; omitted: number } {
  const lines = text.split('\n');
  if (lines.length <= max) return { text, omitted: 0 };
  return { text: lines.slice(0, max).join('\n'), omitted: lines.length - max };
}
