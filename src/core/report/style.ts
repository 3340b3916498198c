/** The static report's stylesheet, inline: light and dark follow the reader's system. */
export const REPORT_STYLE = `
:root { color-scheme: light dark; --fg: #1b1f1d; --muted: #5d6862; --bg: #ffffff; --line: #d9dfdb; --pass: #1e7d46; --fail: #b3261e; --bar: #4f7cd9; --chip: #eef2ef; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6ebe8; --muted: #9aa7a0; --bg: #141816; --line: #34403a; --pass: #5fcf8d; --fail: #ff8a80; --bar: #7ea2ee; --chip: #222a26; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.muted, .kind { color: var(--muted); } .kind { display: block; font-size: 0.8em; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; } pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--chip); padding: 12px; border-radius: 6px; }
.scroll { overflow-x: auto; } table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chip { display: inline-block; padding: 0 8px; border-radius: 10px; background: var(--chip); font-size: 0.85em; }
.chip-pass { color: var(--pass); } .chip-fail, .chip-anomalous, .bad { color: var(--fail); }
.decision { font-size: 1.1rem; border-left: 4px solid var(--line); padding-left: 8px; } .decision-accept { border-color: var(--pass); } .decision-reject, .decision-regression { border-color: var(--fail); }
.warnings { color: var(--fail); }
th[scope="row"] code { white-space: nowrap; }
svg text { fill: var(--fg); font-size: 12px; } svg .tick { fill: var(--muted); font-size: 10px; }
svg .bar { fill: var(--bar); } svg rect.bad { fill: var(--fail); } svg .whisker { stroke: var(--fg); stroke-width: 1.5; } svg .axis { stroke: var(--muted); } svg .grid { stroke: var(--line); }
figure { margin: 12px 0; } figcaption { color: var(--muted); font-size: 0.85em; }
footer { margin-top: 32px; font-size: 0.85em; }
`;
