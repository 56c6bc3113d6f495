import { createHash } from 'node:crypto';

/**
 * The page's only stylesheet. It is inlined and allowed by its hash in the page's
 * Content-Security-Policy, so no other style (an injected `style` attribute included) applies.
 */
export const REPORT_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--panel:#f6f8fa;--pass:#1a7f37;--marginal:#9a6700;--fail:#cf222e;--critical:#8250df;--error:#cf222e;--warning:#bf8700;--info:#0969da;--base:#8c959f;--canary:#0969da;color-scheme:light}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:13px}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.top{border-bottom:1px solid var(--line);background:var(--panel)}
.summary{display:flex;gap:28px;align-items:center;padding:22px 0}
.eyebrow{margin:0;color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.06em}
h1{margin:2px 0 6px;font-size:30px;line-height:1.2}
.verdict{display:inline-block;padding:2px 12px;border-radius:6px;color:#fff;letter-spacing:.04em}
.verdict-pass{background:var(--pass)}.verdict-marginal{background:var(--marginal)}.verdict-fail{background:var(--fail)}
.score{color:var(--muted);font-weight:500}
.sides{display:flex;flex-wrap:wrap;gap:6px 24px;margin:6px 0 0;color:var(--muted);font-size:14px}
.sides dt{display:inline;font-weight:600;color:var(--fg)}.sides dd{display:inline;margin:0 0 0 6px}
.why{margin:10px 0 0;padding:0;list-style:none}
.why li{margin:3px 0;display:flex;gap:8px;align-items:baseline}
.why a{color:var(--fg);text-decoration:none}.why a:hover{text-decoration:underline}
svg.gauge{flex:none}
.gauge .zone{fill:none;stroke-width:16;opacity:.25}
.zone-fail{stroke:var(--fail)}.zone-marginal{stroke:var(--marginal)}.zone-pass{stroke:var(--pass)}
.gauge .value{fill:none;stroke-width:16}
.value-fail{stroke:var(--fail)}.value-marginal{stroke:var(--marginal)}.value-pass{stroke:var(--pass)}
.marker{stroke:#fff;stroke-width:3}.marker-fail{fill:var(--fail)}.marker-marginal{fill:var(--marginal)}.marker-pass{fill:var(--pass)}
.gauge-score{font-size:40px;font-weight:700;fill:var(--fg)}
.gauge-min,.gauge-max{font-size:11px;fill:var(--muted)}
main section{margin:28px 0}
h2{font-size:20px;margin:0 0 4px}
.note{margin:0 0 12px;color:var(--muted);font-size:14px}
.legend{display:flex;gap:18px;font-size:13px;color:var(--muted);margin:4px 0 8px}
.key{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.key-baseline{background:var(--base)}.key-canary{background:var(--canary)}
.key-dot{width:9px;height:9px;border-radius:50%;margin-right:4px}.key-critical{background:var(--critical)}.key-error{background:var(--error)}.key-warning{background:var(--warning)}.key-info{background:var(--info)}
.rate-bars{max-width:100%;height:auto}
.bar-label{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:var(--fg)}
.bar-value,.tick{font-size:11px;fill:var(--muted)}
.bar-baseline{fill:var(--base)}.bar-canary{fill:var(--canary)}
.axis{stroke:var(--line);stroke-width:1}
.tools{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:0 0 10px}
.tools input,.tools select{font:inherit;padding:5px 9px;border:1px solid var(--line);border-radius:6px;background:#fff}
.tools input{min-width:280px}
.count{color:var(--muted);font-size:14px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:13px;color:var(--muted);font-weight:600;white-space:nowrap}
th button{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer}
th button::after{content:" \\2195";opacity:.35}
th[aria-sort=ascending] button::after{content:" \\2191";opacity:1}
th[aria-sort=descending] button::after{content:" \\2193";opacity:1}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
#findings-table td.tpl{word-break:break-word}
#findings-table td.tpl a{color:var(--fg);text-decoration:none}
#findings-table td.tpl a:hover{text-decoration:underline}
tbody tr:hover{background:var(--panel)}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.sev-critical .badge,.badge.sev-critical{background:var(--critical)}
.badge.sev-error{background:var(--error)}.badge.sev-warning{background:var(--warning)}.badge.sev-info{background:var(--info)}
.kind{color:var(--muted);font-size:13px}
.sev-dot{fill:var(--info)}.bar-row.sev-critical .sev-dot{fill:var(--critical)}.bar-row.sev-error .sev-dot{fill:var(--error)}
.bar-row.sev-warning .sev-dot{fill:var(--warning)}
.finding{border:1px solid var(--line);border-left:5px solid var(--info);border-radius:8px;padding:14px 18px;margin:0 0 18px}
.finding.sev-critical{border-left-color:var(--critical)}.finding.sev-error{border-left-color:var(--error)}.finding.sev-warning{border-left-color:var(--warning)}
.finding-head{display:flex;flex-wrap:wrap;gap:10px;align-items:center}
.finding h3{margin:8px 0 4px;font-size:15px;font-weight:600;word-break:break-word}
.finding h3 code{font-size:14px}
mark.var{background:#ddf4ff;color:#0550ae;border-radius:3px;padding:0 2px}
.reason{margin:4px 0 10px}
.grid{display:grid;grid-template-columns:minmax(260px,1fr) minmax(300px,1.4fr);gap:18px;align-items:start}
dl.stats{display:grid;grid-template-columns:auto 1fr;gap:2px 14px;margin:0;font-size:14px}
dl.stats dt{color:var(--muted)}dl.stats dd{margin:0;font-variant-numeric:tabular-nums}
figure{margin:0}figcaption{font-size:12px;color:var(--muted)}
.timeline .area{opacity:.15;stroke:none}.timeline .line{fill:none;stroke-width:2}
.area.tl-baseline{fill:var(--base)}.line.tl-baseline{stroke:var(--base)}
.area.tl-canary{fill:var(--canary)}.line.tl-canary{stroke:var(--canary)}
h4{margin:14px 0 6px;font-size:14px}
.params{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
.params table{width:auto;min-width:260px;font-size:13px}
.params caption{text-align:left;font-weight:600;font-size:13px;padding-bottom:2px}
.new{color:#fff;background:var(--fail);border-radius:8px;padding:0 6px;font-size:11px;margin-left:6px}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:0 0 8px;white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4}
details>summary{cursor:pointer;color:var(--muted);font-size:14px;margin:4px 0}
footer{color:var(--muted);font-size:13px;border-top:1px solid var(--line);padding:14px 0 30px}
@media screen and (prefers-color-scheme:dark){
  :root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--panel:#151b23;--base:#6e7681;--canary:#4493f8;--info:#4493f8;color-scheme:dark}
  .tools input,.tools select{background:var(--panel);color:var(--fg)}
  mark.var{background:#12263f;color:#79c0ff}
  .marker{stroke:var(--bg)}.gauge .zone{opacity:.4}
}
@media (max-width:760px){.summary{flex-direction:column;align-items:flex-start}.grid{grid-template-columns:1fr}}
@media print{
  body{font-size:10.5pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .wrap{max-width:none;padding:0}
  .top{background:none}
  .tools{display:none!important}
  th button::after{content:none}
  tr[hidden]{display:table-row!important}
  a{color:inherit;text-decoration:none}
  .finding{break-inside:avoid-page}
  main section{break-before:auto}
  pre{font-size:9pt}
}
`;

/** The page's only script: sorting and filtering of the findings table (text only, no innerHTML). */
export const REPORT_SCRIPT = `
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var filter = document.getElementById("filter");
  var severity = document.getElementById("severity-filter");
  var count = document.getElementById("filter-count");
  document.getElementById("table-tools").hidden = false;
  function apply() {
    var q = filter.value.trim().toLowerCase();
    var s = severity.value;
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) !== -1) && (!s || r.getAttribute("data-severity") === s);
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " findings";
  }
  filter.addEventListener("input", apply);
  severity.addEventListener("change", apply);
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir);
      var numeric = button.getAttribute("data-type") === "number";
      var sign = dir === "ascending" ? 1 : -1;
      rows.sort(function (x, y) {
        var a = x.cells[col].getAttribute("data-v") || "", b = y.cells[col].getAttribute("data-v") || "";
        var d = numeric ? Number(a) - Number(b) : a.localeCompare(b);
        return d * sign || Number(x.getAttribute("data-i")) - Number(y.getAttribute("data-i"));
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
  apply();
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
})();
`;

/** `'sha256-…'` source expression of an inline script or style, for a CSP. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/**
 * The page's Content-Security-Policy: nothing may load from anywhere; only this stylesheet and
 * this script run (by hash); images only as `data:` URLs (the empty favicon).
 */
export function reportCsp(): string {
  return [
    "default-src 'none'",
    `style-src ${cspHash(REPORT_CSS)}`,
    `script-src ${cspHash(REPORT_SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
