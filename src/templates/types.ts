/**
 * What a call to the miner changed (as in Drain3's result): `created` a new template, `changed` an older
 * template (the new one was generalized into it at once), or `none` (the message fit a template as is).
 *
 * @example
 * ```ts
 * import { TemplateMiner, type TemplateChange } from 'logsift';
 * const miner = new TemplateMiner();
 * const tally: Record<TemplateChange, number> = { created: 0, changed: 0, none: 0 };
 * for (const line of ['GET /cart 200 34ms', 'GET /cart 503 41ms', 'User alice logged in']) tally[miner.add(line).change]++;
 * console.log(tally); // { created: 2, changed: 0, none: 1 }
 * ```
 */
export type TemplateChange = 'created' | 'changed' | 'none';

/**
 * A mined template: constant tokens with `<*>` for variables, with its stable id and how many messages it
 * holds so far.
 *
 * @example
 * ```ts
 * import { TemplateMiner, type Template } from 'logsift';
 * const miner = new TemplateMiner();
 * const template: Template = miner.add('GET /cart 200 34ms').template;
 * console.log(template.text, template.count); // 'GET <*> <*> <*>' 1
 * ```
 */
export interface Template {
  /**
   * Stable id derived from the template text (same template, same id, across runs and machines).
   * It changes when the template itself changes (a token becomes a variable).
   */
  id: string;
  /** Internal cluster number (insertion order); stable only within one miner's life. */
  clusterId: number;
  /** The template text, variables rendered as `<*>` (the loghub ground-truth convention). */
  text: string;
  /** Lines (or events) assigned to this template so far. */
  count: number;
}

/**
 * The result of mining one message ({@link TemplateMiner.add}) or of matching it without learning
 * ({@link TemplateMiner.match}, whose `change` is always `none`).
 *
 * @example
 * ```ts
 * import { TemplateMiner, type MatchResult } from 'logsift';
 * const miner = new TemplateMiner();
 * miner.add('GET /cart 200 34ms');
 * const result: MatchResult = miner.add('GET /cart 503 41ms');
 * console.log(result.change, result.params, result.template.count); // 'none' ['/cart', '503', '41ms'] 2
 * ```
 */
export interface MatchResult {
  /** The template the message was assigned to (its state after this message). */
  template: Template;
  /** Whether the message created a template, generalized one, or matched as is. */
  change: TemplateChange;
  /** The values of the template's variables in this message, in order. */
  params: string[];
}
