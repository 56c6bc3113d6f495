// Compare a canary's logs with the baseline's and act on the verdict.
import { fileURLToPath } from 'node:url';
import { compare, renderText } from 'logsift';

const sample = (name) => fileURLToPath(new URL(`../fixtures/sample/${name}`, import.meta.url));
const report = await compare(sample('baseline.log'), sample('canary.log'));

console.log(renderText(report, { maxFindings: 2 }));
if (report.verdict === 'fail') {
  const critical = report.findings.filter((f) => f.severity === 'critical');
  console.log(`would block the release: ${critical.length} critical finding(s), score ${report.score}/100`);
}
