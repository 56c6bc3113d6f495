/**
 * A string equal to `text` that holds only its own characters. A slice of a larger string (a line of a
 * read buffer's 8 KiB piece, a token of a line) keeps all of that string alive; whatever is kept for
 * long (cache keys, template tokens, remembered parameters) is stored through this. Slicing a
 * concatenation flattens it into a new string; V8 copies slices shorter than 13 characters anyway.
 */
export function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** {@link own} on every string of a list, into a new array. */
export function ownAll(texts: readonly string[]): string[] {
  // Filled by push, as every token list is: `new Array(n)` makes a holey array, and code optimized for one kind of
  // array is thrown away when the other kind first reaches it.
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) out.push(own(texts[i]!));
  return out;
}
