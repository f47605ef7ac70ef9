/** The report page's stylesheet: one readable column, quiet tables, charts on white cards. */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #fff; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 40px; }
h1 { font-size: 22px; margin: 0 0 6px; font-weight: 600; word-break: break-word; }
h2 { font-size: 17px; margin: 0 0 4px; font-weight: 600; }
h3 { font-size: 14px; margin: 18px 0 4px; font-weight: 600; }
header { margin-bottom: 18px; }
.corpus, .intro, .note, footer { color: var(--muted); }
.intro { margin: 0 0 12px; max-width: 860px; }
.note { margin: 6px 0 0; font-size: 13px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 18px; margin: 0 0 16px; }
.chart { width: 100%; min-height: 60px; }
.chart.failed { color: #b42318; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.table-wrap { overflow-x: auto; }
table.summary { border-collapse: collapse; width: 100%; font-size: 12.5px; font-variant-numeric: tabular-nums; }
table.summary th, table.summary td { padding: 6px 5px; border-bottom: 1px solid var(--line);
  text-align: left; vertical-align: top; white-space: nowrap; }
table.summary thead th { font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line);
  white-space: normal; vertical-align: bottom; }
table.summary th[title] { cursor: help; }
table.summary .num { text-align: right; }
table.summary tbody th { font-weight: 600; }
table.summary tbody tr:last-child th, table.summary tbody tr:last-child td { border-bottom: none; }
.sub { font-weight: normal; color: var(--muted); font-size: 11px; white-space: normal; max-width: 9em;
  margin-left: auto; }
table.summary tbody th .sub { margin-left: 16px; max-width: none; white-space: nowrap; }
.name { overflow-wrap: break-word; }
table.summary tbody th { white-space: normal; min-width: 8em; max-width: 20em; }
.who { display: flex; align-items: baseline; gap: 6px; }
.swatch { flex: none; width: 10px; height: 10px; border-radius: 2px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
footer { font-size: 12px; margin-top: 8px; }
`;
