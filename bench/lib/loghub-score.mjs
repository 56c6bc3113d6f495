// Log-parsing accuracy as defined by ../shared/tools/loghub_eval.py (GA, FGA, PA, FTA), written
// independently in JS. Ground-truth rows with an empty template are dropped; a ground-truth line
// without a prediction counts as wrong. Both sides are grouped by EventTemplate (loghub-2.0 convention).

export function scoreLoghub(truthRows, predRows) {
  const pred = new Map();
  for (const r of predRows) pred.set(String(r.LineId).trim(), r.EventTemplate);
  const gTpl = [];
  const pTpl = [];
  for (const r of truthRows) {
    if (r.EventTemplate === undefined || r.EventTemplate === '') continue;
    const id = String(r.LineId).trim();
    gTpl.push(r.EventTemplate);
    pTpl.push(pred.has(id) ? pred.get(id) : `__MISSING__${id}`);
  }
  return { ...grouping(gTpl, pTpl), ...templates(gTpl, pTpl.map((t) => (t.startsWith('__MISSING__') ? '' : t))) };
}

function membersOf(keys) {
  const m = new Map();
  keys.forEach((k, i) => {
    const list = m.get(k);
    if (list === undefined) m.set(k, [i]);
    else list.push(i);
  });
  return m;
}

function grouping(g, p) {
  const n = g.length;
  const gm = membersOf(g);
  const pm = membersOf(p);
  let lines = 0;
  let groups = 0;
  for (const idx of gm.values()) {
    const preds = new Set(idx.map((i) => p[i]));
    if (preds.size === 1 && pm.get(p[idx[0]]).length === idx.length) {
      lines += idx.length;
      groups++;
    }
  }
  const PGA = pm.size ? groups / pm.size : 0;
  const RGA = gm.size ? groups / gm.size : 0;
  return { GA: n ? lines / n : 0, FGA: PGA + RGA ? (2 * PGA * RGA) / (PGA + RGA) : 0, nLines: n, nGtGroups: gm.size, nPredGroups: pm.size };
}

function templates(g, p) {
  const n = g.length;
  let same = 0;
  for (let i = 0; i < n; i++) if (g[i] === p[i]) same++;
  const byPred = membersOf(p);
  const byGt = membersOf(g);
  let correct = 0;
  for (const [tpl, idx] of byPred) {
    const gs = new Set(idx.map((i) => g[i]));
    if (gs.size === 1 && gs.has(tpl)) correct++;
  }
  const PTA = byPred.size ? correct / byPred.size : 0;
  const RTA = byGt.size ? correct / byGt.size : 0;
  return { PA: n ? same / n : 0, FTA: PTA + RTA ? (2 * PTA * RTA) / (PTA + RTA) : 0 };
}
