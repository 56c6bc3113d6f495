// Mine the templates of a log: each line's message with its variable parts as <*>.
import { fileURLToPath } from 'node:url';
import { readEvents, signatureText, TemplateMiner } from 'logsift';

const log = fileURLToPath(new URL('../fixtures/sample/app.log', import.meta.url));
const miner = new TemplateMiner();
for await (const event of readEvents(log)) miner.add(signatureText(event));

for (const t of miner.templates().sort((a, b) => b.count - a.count)) {
  console.log(String(t.count).padStart(4), t.id, t.text);
}
