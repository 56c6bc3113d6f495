/** Where a variable of a newer template took its values from in the older template. */
export type VariableOrigin = { kind: 'variable'; index: number } | { kind: 'constant'; value: string } | { kind: 'unknown' };

const VAR = '<*>';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Aligns an older template with the newer, more general one it became (a constant turned into a variable).
 * The newer template is compiled into a pattern whose variables capture lazily, then matched against the
 * older template's text: a capture that is exactly `<*>` inherits that older variable's statistics; a
 * capture without `<*>` is the constant every earlier event carried. Anything else is `unknown`.
 */
export function alignTemplates(older: string, newer: string): VariableOrigin[] {
  const key = older + '\u0000' + newer;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const origins = align(older, newer);
  if (cache.size >= 4096) cache.clear();
  cache.set(key, origins);
  return origins;
}

// a miner generalizes a template a few times early on; the same pairs recur across signatures and sides
const cache = new Map<string, VariableOrigin[]>();

function align(older: string, newer: string): VariableOrigin[] {
  const pieces = newer.split(VAR);
  const varCount = pieces.length - 1;
  if (varCount === 0) return [];
  const pattern = new RegExp('^' + pieces.map(escapeRegExp).join('([\\s\\S]*?)') + '$', 'd');
  const m = pattern.exec(older);
  if (!m) return Array.from({ length: varCount }, () => ({ kind: 'unknown' }) as const);
  const origins: VariableOrigin[] = [];
  for (let i = 0; i < varCount; i++) {
    const captured = m[i + 1] ?? '';
    const start = m.indices?.[i + 1]?.[0] ?? 0;
    const before = older.slice(0, start);
    if (captured === VAR) origins.push({ kind: 'variable', index: countVars(before) });
    else if (!captured.includes(VAR)) origins.push({ kind: 'constant', value: captured });
    else origins.push({ kind: 'unknown' });
  }
  return origins;
}

function countVars(s: string): number {
  let n = 0;
  for (let i = s.indexOf(VAR); i !== -1; i = s.indexOf(VAR, i + VAR.length)) n++;
  return n;
}
