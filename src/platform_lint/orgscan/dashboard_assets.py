"""The dashboard's stylesheet and script, inlined into the page (it works offline, from a file).

The script only reorders and hides table rows that are already in the page; it reads no data
and builds no HTML, so nothing from a report ever reaches it except as text already escaped.
The page's Content-Security-Policy allows this script by its hash and nothing else.
"""

from __future__ import annotations

import base64
import hashlib

STYLE = """
:root { --ink:#1f2933; --muted:#6b7280; --line:#e5e7eb; --panel:#fff; --bg:#f4f5f7; --accent:#2563eb;
  --gold:#b8860b; --silver:#6c7a89; --bronze:#a05a2c; --none:#9f9f9f; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--bg); }
header { padding: 20px 28px 8px; }
h1 { margin: 0; font-size: 22px; } h1 small { color: var(--muted); font-weight: 400; font-size: 15px; }
h2 { margin: 0 0 10px; font-size: 16px; }
h3 { margin: 4px 0 8px; font-size: 14px; }
.big b { font-size: 20px; margin-right: 4px; }
.meta, .basis { color: var(--muted); font-size: 12.5px; margin: 4px 0 0; }
main { padding: 8px 28px 28px; display: grid; gap: 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
.card, .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 14px 16px; }
.card b { display: block; font-size: 26px; } .card span { color: var(--muted); font-size: 12.5px; }
.two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); gap: 16px; }
.two.even { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
@media (max-width: 900px) { .two, .two.even { grid-template-columns: 1fr; } }
.stack { width: 100%; height: 28px; border-radius: 4px; display: block; margin-bottom: 10px; }
.bars { display: grid; grid-template-columns: minmax(0, max-content) minmax(80px, 1fr) max-content;
  gap: 6px 12px; align-items: center; }
.bar { background: #eef0f3; border-radius: 4px; height: 14px; overflow: hidden; }
.bar { display: flex; }
.bar i { display: block; height: 100%; background: var(--accent); }
.bar i.part, .legend i.part { background: #9dbcf5; } .legend i.full { background: var(--accent); }
.bar i.gap { background: #dc6b2f; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart { width: 100%; height: auto; }
.chart .grid { stroke: var(--line); } .chart .tick { fill: var(--muted); font-size: 11px; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 12.5px; margin-top: 4px; }
.legend i { display: inline-block; width: 12px; height: 3px; vertical-align: middle; margin-right: 5px; }
.legend i.solid { background: var(--c); }
.legend i.dash { width: 16px;
  background: repeating-linear-gradient(90deg, var(--c) 0 6px, transparent 6px 9px); }
.pill { display: inline-block; min-width: 56px; text-align: center; border-radius: 10px; padding: 1px 8px;
  color: #fff; font-size: 12px; }
.lv-gold { background: var(--gold); } .lv-silver { background: var(--silver); }
.lv-bronze { background: var(--bronze); } .lv-none { background: var(--none); }
.controls { display: flex; gap: 10px; align-items: center; margin-bottom: 10px; flex-wrap: wrap; }
.controls input, .controls select { font: inherit; padding: 5px 8px; border: 1px solid #cbd0d6;
  border-radius: 6px; }
.controls input { min-width: 260px; }
.scroll { overflow-x: auto; }
table.fit th { white-space: normal; vertical-align: bottom; } table.fit code { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: #fafafa; white-space: nowrap; }
th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer;
  color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; font-size: 10px; }
th[aria-sort="descending"] button::after { content: " \\25BC"; font-size: 10px; }
td.c { text-align: center; font-variant-numeric: tabular-nums; font-size: 12px; }
td.c.s0 { background: #eef0f3; color: #4b5563; } td.c.s1 { background: #dbe6fd; }
td.c.s2 { background: #a9c3f7; } td.c.s3 { background: #5b8def; color: #fff; }
td.c.s4 { background: #1d4ed8; color: #fff; } td.c.na { color: var(--muted); }
td.gaps { color: #374151; max-width: 420px; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.notice { background: #fff7e6; border: 1px solid #f5d48b; border-radius: 8px; padding: 10px 14px; }
.notice p { margin: 2px 0; }
footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; }
"""

SCRIPT = """
(function () {
  var table = document.getElementById('repos');
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var filter = document.getElementById('filter');
  var level = document.getElementById('level-filter');
  var shown = document.getElementById('shown');
  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.getAttribute('data-sort');
    if (raw === null) { raw = cell.textContent.trim().toLowerCase(); }
    return numeric ? parseFloat(raw) : raw;
  }
  function sortBy(index) {
    var head = heads[index];
    var numeric = head.getAttribute('data-type') === 'number';
    var current = head.getAttribute('aria-sort');
    var ascending = current ? current === 'descending' : !numeric;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric), order;
      if (numeric) {
        if (isNaN(x) && isNaN(y)) { order = 0; }
        else if (isNaN(x)) { return 1; }
        else if (isNaN(y)) { return -1; }
        else { order = x - y; }
      } else { order = x < y ? -1 : x > y ? 1 : 0; }
      if (order === 0) { order = value(a, 0, false) < value(b, 0, false) ? -1 : 1; return order; }
      return ascending ? order : -order;
    });
    heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
    head.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    rows.forEach(function (row) { body.appendChild(row); });
  }
  heads.forEach(function (head, index) {
    var button = head.querySelector('button');
    if (button) { button.addEventListener('click', function () { sortBy(index); }); }
  });
  function apply() {
    var text = filter.value.trim().toLowerCase();
    var wanted = level.value;
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var match = (!text || row.textContent.toLowerCase().indexOf(text) >= 0) &&
        (!wanted || row.getAttribute('data-level') === wanted);
      row.hidden = !match;
      if (match) { count += 1; }
    });
    shown.textContent = count + ' of ' + body.rows.length + ' shown';
  }
  filter.addEventListener('input', apply);
  level.addEventListener('change', apply);
  apply();
})();
"""


def script_hash() -> str:
    """The CSP source that allows :data:`SCRIPT` (and no other script)."""
    digest = hashlib.sha256(SCRIPT.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
