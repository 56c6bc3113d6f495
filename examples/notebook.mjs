// A notebook-style session: top-level await, a few lines from logs to findings to Markdown.
import { fileURLToPath } from 'node:url';
import { compare, profile, renderMarkdown } from 'logsift';

const sample = (name) => fileURLToPath(new URL(`../fixtures/sample/${name}`, import.meta.url));

const baseline = await profile(sample('baseline.log'));
const report = await compare(baseline, sample('canary.log'));

console.log(report.verdict, report.score);
console.table(report.findings.map(({ kind, severity, risk, baselineCount, canaryCount, template }) => ({ kind, severity, risk, baselineCount, canaryCount, template })));

const [riskiest] = [...report.findings].sort((a, b) => b.risk - a.risk);
console.log(riskiest?.reason, '\n', riskiest?.examples[0]);

console.log(renderMarkdown(report, { maxFindings: 3 }));
