import { describe, expect, it } from 'vitest';
import { compare, explainSignature, parseRules, Profile, renderExplanation, signatureId } from '../src/index.js';
import { cli } from './helpers/cli.js';

const BASE = 'fixtures/signatures/baseline.log';
const CANARY = 'fixtures/signatures/canary.log';
const PROVIDER = 'Payment provider rejected card for order <*>: code=<*>';
const GATEWAY = 'Payment gateway rejected card for order <*>: code=<*>';

describe('logsift compare --explain', () => {
  it('logsift compare --explain <id> prints counts, statistics, severity, rules, rewording, timeline, parameters and examples', async () => {
    const { code, stdout } = await cli(['compare', BASE, CANARY, '--explain', signatureId(PROVIDER)]);
    expect(code).toBe(0);
    expect(stdout).toContain(`signature ${signatureId(PROVIDER)}`);
    expect(stdout).toMatch(/baseline +9 of 239 events/);
    expect(stdout).toMatch(/canary +9 of 277 events/);
    expect(stdout).toMatch(/rate ratio 0\.86\d? \(95% CI/);
    expect(stdout).toContain('severity error (from level)');
    expect(stdout).toContain(`baseline ${signatureId(GATEWAY)}  ${GATEWAY}`);
    expect(stdout).toContain('words removed: gateway; added: provider');
    expect(stdout).toContain('none (no significant change)');
    expect(stdout).toMatch(/timeline \(buckets of 60 s\)/);
    expect(stdout).toMatch(/<\*>2: .*51 \(\d\)/);
    expect(stdout).toMatch(/\| 2026-11-20 [\d:,]+ ERROR \[main\] c\.shop\.PaymentClient - Payment gateway rejected/);
  });

  it('logsift compare --explain accepts the baseline id of a rewording, a unique prefix, and shows the finding and family of a novel error', async () => {
    const viaOld = await cli(['compare', BASE, CANARY, '--explain', signatureId(GATEWAY).slice(0, 8)]);
    expect(viaOld.code).toBe(0);
    expect(viaOld.stdout).toContain('words removed: gateway; added: provider');
    const replica = signatureId('Connection to replica <*> lost after <*>');
    const novel = await cli(['compare', BASE, CANARY, '--explain', replica]);
    expect(novel.stdout).toMatch(/findings\n {2}novel error risk \d+: New error event: 8 in the canary/);
    expect(novel.stdout).toMatch(/family \d+ \(.*lost.*\): /);
    expect(novel.stdout).toMatch(/baseline +0 of 239 events/);
  });

  it('logsift compare --explain lists the rules that applied to either template of a rewording', async () => {
    const rules = 'fixtures/signatures/rules.yaml';
    const { stdout } = await cli(['compare', BASE, CANARY, '--rules', rules, '--explain', signatureId(PROVIDER)]);
    expect(stdout).toContain(`severity=critical by id ${signatureId(GATEWAY)} (card rejections matter)`);
  });

  it('logsift compare --explain with --format json prints the explanation as JSON', async () => {
    const { code, stdout } = await cli(['compare', BASE, CANARY, '--format', 'json', '--explain', signatureId(PROVIDER)]);
    expect(code).toBe(0);
    const e = JSON.parse(stdout) as { id: string; rewording: { baselineTemplate: string }; statistics: { baselineCount: number } };
    expect(e.id).toBe(signatureId(PROVIDER));
    expect(e.rewording.baselineTemplate).toBe(GATEWAY);
    expect(e.statistics.baselineCount).toBe(9);
  });

  it('logsift compare --explain with an unknown id exits 2 with a message', async () => {
    const { code, stdout, stderr } = await cli(['compare', BASE, CANARY, '--explain', 'ffffffffffff']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("no signature with id 'ffffffffffff'");
  });

  it('explainSignature() and renderExplanation() work through the API', async () => {
    let sides: [Profile, Profile] | undefined;
    const rules = parseRules({ version: 1, rules: [{ template: GATEWAY, action: 'not-a-risk' }] });
    const report = await compare(BASE, CANARY, { rules, onProfiles: (b, c) => (sides = [b, c]) });
    const e = explainSignature(sides![0], sides![1], signatureId(GATEWAY), { rules }, report);
    expect(e.rewording?.canaryTemplate).toBe(PROVIDER);
    expect(e.rules).toEqual(['not-a-risk by template']);
    expect(renderExplanation(e)).toContain('not-a-risk by template');
    expect(() => explainSignature(sides![0], sides![1], 'zzzz', {}, report)).toThrow(/no signature/);
  });
});
