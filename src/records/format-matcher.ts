/**
 * A matcher for loghub-style formats that gives the same captures as the backtracking regex
 * `^L0(.*?)L1(.*?)...$` but in time linear in the line length (per field), so a hostile line cannot
 * make it backtrack exponentially. Literal parts are small sticky regexes; fields are lazy; groups that
 * contain fields are optional (`?`) or plain.
 */

/** A node of the format graph; `next` is the index of the node that follows (-1: end of line). */
export type FormatNode =
  | { kind: 'literal'; regex: RegExp; trailingSpace: boolean; next: number }
  | { kind: 'field'; slot: number; next: number }
  | { kind: 'optional'; body: number; next: number };

export interface FormatGraph {
  nodes: FormatNode[];
  start: number;
  slots: number;
}

const WS = /\s/;

/** Runs the graph on `text`; returns [start, end) offsets per slot (-1 when unset) or undefined. */
export function runGraph(graph: FormatGraph, text: string): Int32Array | undefined {
  const { nodes } = graph;
  const n = text.length;
  const caps = new Int32Array(graph.slots * 2).fill(-1);
  const deadFrom = new Int32Array(nodes.length).fill(n + 1);
  let failed: Set<number> | undefined;
  const stride = n + 2;

  const match = (index: number, pos: number): boolean => {
    if (index === -1) return pos === n;
    const key = index * stride + pos;
    if (failed?.has(key) === true) return false;
    const node = nodes[index]!;
    let ok = false;
    if (node.kind === 'literal') {
      node.regex.lastIndex = pos;
      const m = node.regex.exec(text);
      if (m !== null) {
        let end = pos + m[0].length;
        ok = match(node.next, end);
        if (!ok && node.trailingSpace) {
          // The fragment ends in `\s+`: give whitespace back one char at a time, as a backtracking regex would.
          while (!ok && end - 1 > pos && WS.test(text[end - 2]!)) {
            end--;
            ok = match(node.next, end);
          }
        }
      }
    } else if (node.kind === 'field') {
      if (node.next === -1) {
        ok = true;
        caps[node.slot * 2] = pos;
        caps[node.slot * 2 + 1] = n;
      } else {
        // Lazy: the shortest field first. Positions at or past deadFrom are known to fail for this field.
        const limit = Math.min(deadFrom[index]!, n + 1);
        for (let end = pos; end < limit; end++) {
          if (match(node.next, end)) {
            caps[node.slot * 2] = pos;
            caps[node.slot * 2 + 1] = end;
            ok = true;
            break;
          }
        }
        if (!ok) deadFrom[index] = Math.min(deadFrom[index]!, pos);
      }
    } else {
      ok = match(node.body, pos) || match(node.next, pos);
    }
    if (!ok) (failed ??= new Set()).add(key);
    return ok;
  };

  return match(graph.start, 0) ? caps : undefined;
}
