/**
 * A matcher for loghub-style formats that gives the same captures as the backtracking regex
 * `^L0(.*?)L1(.*?)...$` but in time linear in the line length (per node), so a hostile line cannot
 * make it backtrack exponentially. Literal parts are small sticky regexes; fields are lazy; groups that
 * contain fields become choices (alternatives, optional and repeated groups) and iteration starts.
 *
 * It is a depth-first search over states (node, position) with an explicit stack (no recursion, so
 * neither a long line nor a format with many fields can overflow the call stack). A state is visited at
 * most once per line: once entered it either leads to a match, which ends the search, or fails, and a
 * state entered again while it is still on the stack is a loop that consumed nothing, which fails as in a
 * regex. The visited states are a bitset reused from line to line.
 */

/** A node of the format graph; `next` is the index of the node that follows (-1: end of line). */
export type FormatNode =
  | { kind: 'literal'; regex: RegExp; trailingSpace: boolean; next: number }
  | { kind: 'field'; slot: number; next: number }
  /** Tries each option in order (alternatives, optional and repeated groups). */
  | { kind: 'choice'; options: number[] }
  /** The start of one iteration of a group: its fields' captures from earlier iterations are cleared. */
  | { kind: 'reset'; from: number; to: number; next: number };

export interface FormatGraph {
  nodes: FormatNode[];
  start: number;
  slots: number;
}

/** Runs a graph on one line; returns [start, end) offsets per slot (-1 when unset) or undefined. */
export type GraphMatcher = (text: string) => Int32Array | undefined;

const WS = /\s/;

/** Makes a matcher for `graph` whose scratch memory is kept from one line to the next. */
export function graphMatcher(graph: FormatGraph): GraphMatcher {
  const { nodes } = graph;
  const count = nodes.length;
  let visited: Uint32Array = new Uint32Array(0);
  const deadFrom = new Int32Array(count);
  // The stack: node, position and the node's own state (the next end to try, or the next option).
  let stackNode: Int32Array = new Int32Array(64);
  let stackPos: Int32Array = new Int32Array(64);
  let stackState: Int32Array = new Int32Array(64);

  return (text: string): Int32Array | undefined => {
    const n = text.length;
    const stride = n + 1;
    const words = Math.ceil((count * stride) / 32);
    if (visited.length < words) visited = new Uint32Array(Math.max(words, visited.length * 2));
    else visited.fill(0, 0, words);
    deadFrom.fill(n + 1);
    let depth = 0;

    /** Enters (index, pos): true when it is the end of the line; pushes it unless already visited. */
    const enter = (index: number, pos: number): boolean => {
      if (index === -1) return pos === n;
      const bit = index * stride + pos;
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      if ((visited[word]! & mask) !== 0) return false;
      visited[word]! |= mask;
      if (depth === stackNode.length) {
        const grow = (a: Int32Array): Int32Array => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        stackNode = grow(stackNode);
        stackPos = grow(stackPos);
        stackState = grow(stackState);
      }
      stackNode[depth] = index;
      stackPos[depth] = pos;
      stackState[depth] = -1;
      depth++;
      return false;
    };

    let matched = enter(graph.start, 0);
    while (!matched && depth > 0) {
      const top = depth - 1;
      const index = stackNode[top]!;
      const pos = stackPos[top]!;
      const state = stackState[top]!;
      const node = nodes[index]!;
      if (node.kind === 'literal') {
        let end: number;
        if (state === -1) {
          node.regex.lastIndex = pos;
          const m = node.regex.exec(text);
          end = m === null ? -1 : pos + m[0].length;
        } else if (node.trailingSpace && state - 1 > pos && WS.test(text[state - 2]!)) {
          // The fragment ends in `\s+`: give whitespace back one char at a time, as a backtracking regex would.
          end = state - 1;
        } else end = -1;
        if (end === -1) {
          depth--;
          continue;
        }
        stackState[top] = end;
        matched = enter(node.next, end);
      } else if (node.kind === 'field') {
        if (node.next === -1) {
          // The last field takes the rest of the line.
          if (state === -1) {
            stackState[top] = n;
            matched = true;
          } else depth--;
          continue;
        }
        // Lazy: the shortest field first. Ends at or past deadFrom are known to fail for this field.
        const end = state === -1 ? pos : state + 1;
        if (end >= Math.min(deadFrom[index]!, n + 1)) {
          if (pos < deadFrom[index]!) deadFrom[index] = pos;
          depth--;
          continue;
        }
        stackState[top] = end;
        matched = enter(node.next, end);
      } else if (node.kind === 'choice') {
        const option = state + 1;
        if (option >= node.options.length) {
          depth--;
          continue;
        }
        stackState[top] = option;
        matched = enter(node.options[option]!, pos);
      } else {
        if (state !== -1) {
          depth--;
          continue;
        }
        stackState[top] = 0;
        matched = enter(node.next, pos);
      }
    }
    if (!matched) return undefined;

    // The stack is the matching path, in line order: later iterations overwrite earlier ones.
    const caps = new Int32Array(graph.slots * 2).fill(-1);
    for (let i = 0; i < depth; i++) {
      const node = nodes[stackNode[i]!]!;
      if (node.kind === 'field') {
        caps[node.slot * 2] = stackPos[i]!;
        caps[node.slot * 2 + 1] = i + 1 < depth ? stackPos[i + 1]! : stackState[i]!;
      } else if (node.kind === 'reset') {
        caps.fill(-1, node.from * 2, node.to * 2);
      }
    }
    return caps;
  };
}
