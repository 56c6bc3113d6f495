import { readFile } from 'node:fs/promises';
import { InputError } from '../errors/InputError.js';
import type { Severity } from './types.js';

/**
 * What a rule does to the signatures it selects: `ignore` drops them from the comparison, `not-a-risk`
 * keeps their findings at risk 0, `must-keep` makes a drop of them risky, `severity` overrides their severity.
 *
 * @example
 * ```ts
 * import type { RuleAction } from 'logsift';
 * const action: RuleAction = 'must-keep';
 * ```
 */
export type RuleAction = 'ignore' | 'not-a-risk' | 'must-keep' | 'severity';

/**
 * One rule of a rules file. A rule selects signatures by stable `id`, by exact `template` text, or by a
 * `pattern` (a regular expression searched in the template text), and applies one action.
 *
 * @example
 * ```ts
 * import type { Rule } from 'logsift';
 * const rule: Rule = { pattern: '^Payment declined', action: 'severity', severity: 'warning', note: 'declines are business as usual' };
 * ```
 */
export interface Rule {
  id?: string;
  template?: string;
  pattern?: string;
  action: RuleAction;
  /** The new severity, for `action: severity`. */
  severity?: Severity;
  /** Why the rule exists; shown in reports. */
  note?: string;
}

/**
 * A parsed rules file, as {@link parseRules} and {@link loadRules} return it and {@link CompareOptions.rules} takes it.
 *
 * @example
 * ```ts
 * import { compare, type Rules } from 'logsift';
 * const rules: Rules = { version: 1, rules: [{ template: 'cache miss for <*>', action: 'ignore' }] };
 * const report = await compare('baseline.log', 'canary.log', { rules });
 * ```
 */
export interface Rules {
  version: 1;
  rules: Rule[];
}

/**
 * What the rules say about one signature, from {@link RuleSet.evaluate}: the actions that apply and, in
 * words, the rules behind them.
 *
 * @example
 * ```ts
 * import { parseRules, RuleSet } from 'logsift';
 * const set = new RuleSet(parseRules({ version: 1, rules: [{ pattern: '^cache miss', action: 'not-a-risk', note: 'warm-up' }] }));
 * const verdict = set.evaluate('a1b2c3d4', 'cache miss for <*>');
 * // { ignore: false, notRisk: true, mustKeep: false, applied: ['not-a-risk by pattern /^cache miss/ (warm-up)'] }
 * ```
 */
export interface RuleVerdict {
  ignore: boolean;
  notRisk: boolean;
  mustKeep: boolean;
  severity?: Severity;
  /** Human-readable descriptions of the rules that applied. */
  applied: string[];
}

const ACTIONS: readonly RuleAction[] = ['ignore', 'not-a-risk', 'must-keep', 'severity'];
const SEVERITIES: readonly Severity[] = ['critical', 'error', 'warning', 'info'];
const RULE_KEYS: readonly string[] = ['id', 'template', 'pattern', 'action', 'severity', 'note'];

interface CompiledRule extends Rule {
  regex?: RegExp;
}

/**
 * Validates a rules object (as parsed from JSON or YAML). Throws an {@link InputError} (`E_RULES`)
 * naming the first problem.
 *
 * @example
 * ```ts
 * const rules = parseRules({ version: 1, rules: [{ pattern: 'cache miss', action: 'ignore' }] });
 * ```
 */
export function parseRules(value: unknown): Rules {
  const v = value as { version?: unknown; rules?: unknown } | null;
  if (v === null || typeof v !== 'object') throw new InputError('rules: expected an object with a "rules" list', 'E_RULES');
  if (v.version !== undefined && v.version !== 1) throw new InputError(`rules: unsupported version ${String(v.version)}`, 'E_RULES');
  if (!Array.isArray(v.rules)) throw new InputError('rules: "rules" must be a list', 'E_RULES');
  for (const key of Object.keys(v)) if (key !== 'version' && key !== 'rules') throw new InputError(`rules: unknown key ${JSON.stringify(key)} (expected version, rules)`, 'E_RULES');
  const rules: Rule[] = v.rules.map((r: unknown, i: number) => {
    const rule = r as Partial<Rule> | null;
    const where = `rules[${i}]`;
    if (rule === null || typeof rule !== 'object') throw new InputError(`${where}: expected an object`, 'E_RULES');
    if (!ACTIONS.includes(rule.action as RuleAction)) {
      throw new InputError(`${where}: action must be one of ${ACTIONS.join(', ')}`, 'E_RULES');
    }
    for (const key of Object.keys(rule)) {
      if (!RULE_KEYS.includes(key)) throw new InputError(`${where}: unknown key ${JSON.stringify(key)} (expected ${RULE_KEYS.join(', ')})`, 'E_RULES');
    }
    if (rule.id === undefined && rule.template === undefined && rule.pattern === undefined) {
      throw new InputError(`${where}: needs one of id, template or pattern`, 'E_RULES');
    }
    for (const key of ['id', 'template', 'pattern', 'note'] as const) {
      if (rule[key] !== undefined && typeof rule[key] !== 'string') throw new InputError(`${where}: ${key} must be a string`, 'E_RULES');
    }
    // An empty matcher would select every signature (a pattern) or none (an id, a template): a slip, not a rule.
    for (const key of ['id', 'template', 'pattern'] as const) {
      if (rule[key] === '') throw new InputError(`${where}: ${key} is empty`, 'E_RULES');
    }
    if (rule.pattern !== undefined) {
      try {
        new RegExp(rule.pattern);
      } catch {
        throw new InputError(`${where}: pattern is not a valid regular expression`, 'E_RULES');
      }
    }
    if (rule.action === 'severity' && !SEVERITIES.includes(rule.severity as Severity)) {
      throw new InputError(`${where}: action "severity" needs severity: ${SEVERITIES.join('|')}`, 'E_RULES');
    }
    return { ...rule } as Rule;
  });
  return { version: 1, rules };
}

/**
 * Reads a rules file (JSON or YAML, chosen by content). Throws {@link InputError} on an unreadable file
 * (`E_INPUT`) or invalid rules (`E_RULES`).
 *
 * @example
 * ```ts
 * const rules = await loadRules('logsift-rules.yaml');
 * const report = await compare('base.log', 'canary.log', { rules });
 * ```
 */
export async function loadRules(path: string): Promise<Rules> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read rules file '${path}': ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 'E_INPUT', { cause: error });
  }
  let value: unknown;
  // loaded here: most runs have no rules file, and yaml costs import time
  const { parse: parseYaml } = await import('yaml');
  try {
    value = parseYaml(text); // YAML is a superset of JSON
  } catch (error) {
    throw new InputError(`rules file '${path}' is neither valid JSON nor YAML`, 'E_RULES', { cause: error });
  }
  return parseRules(value);
}

/**
 * Applies rules to signatures; compiled once, queried per signature. Every matching rule applies (a
 * later `severity` rule overrides an earlier one).
 *
 * @example
 * ```ts
 * import { compare, loadRules, RuleSet } from 'logsift';
 * const rules = await loadRules('logsift-rules.yaml');
 * const set = new RuleSet(rules);
 * const report = await compare('baseline.log', 'canary.log', { rules });
 * for (const f of report.findings) console.log(f.template, set.evaluate(f.id, f.template).applied);
 * ```
 */
export class RuleSet {
  private readonly rules: CompiledRule[];

  constructor(rules: Rules | undefined) {
    this.rules = (rules?.rules ?? []).map((r) => (r.pattern === undefined ? { ...r } : { ...r, regex: new RegExp(r.pattern) }));
  }

  /** What the rules say about the signature with this id and template. */
  evaluate(id: string, template: string): RuleVerdict {
    const out: RuleVerdict = { ignore: false, notRisk: false, mustKeep: false, applied: [] };
    for (const r of this.rules) {
      const hit =
        (r.id !== undefined && r.id === id) ||
        (r.template !== undefined && r.template === template) ||
        (r.regex !== undefined && r.regex.test(template));
      if (!hit) continue;
      if (r.action === 'ignore') out.ignore = true;
      else if (r.action === 'not-a-risk') out.notRisk = true;
      else if (r.action === 'must-keep') out.mustKeep = true;
      else if (r.severity !== undefined) out.severity = r.severity;
      const sel = r.id !== undefined ? `id ${r.id}` : r.template !== undefined ? 'template' : `pattern /${r.pattern}/`;
      out.applied.push(`${r.action}${r.action === 'severity' ? `=${r.severity}` : ''} by ${sel}${r.note ? ` (${r.note})` : ''}`);
    }
    return out;
  }
}
