/** What a call to the miner changed (as in Drain3's result). */
export type TemplateChange = 'created' | 'changed' | 'none';

/** A mined template: constant tokens with `<*>` for variables. */
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

/** The result of mining one message. */
export interface MatchResult {
  /** The template the message was assigned to (its state after this message). */
  template: Template;
  /** Whether the message created a template, generalized one, or matched as is. */
  change: TemplateChange;
  /** The values of the template's variables in this message, in order. */
  params: string[];
}
