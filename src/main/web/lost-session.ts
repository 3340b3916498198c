/**
 * The page a tab gets when its session is gone: `greenlight serve` was restarted (a new
 * token at every start unless --keep) or the cookie was cleared. Plain HTML with inline
 * styles only, so it needs nothing the console's CSP forbids and works in both themes.
 */
export const LOST_SESSION_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Greenlight: this tab lost its session</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; }
  code { font: 0.95em ui-monospace, monospace; background: rgba(128,128,128,0.15); padding: 0.1em 0.3em; border-radius: 4px; }
  h1 { font-size: 1.4rem; }
</style>
</head>
<body>
<main>
<h1>This tab lost its session with the Greenlight console</h1>
<p>The console was restarted or stopped since this tab was opened. <code>greenlight serve</code> makes a new token at every start, so old tabs and bookmarks stop working.</p>
<p><strong>To get back in:</strong> open the address that <code>greenlight serve</code> (or <code>npm start</code>) printed in its terminal, the line that starts with <code>Greenlight console: http://127.0.0.1:…/?token=…</code>. If the console is not running, start it again.</p>
<p>To keep the same address across restarts, start it with <code>greenlight serve --keep</code>: the port and token are kept in the data folder (readable by you only) and this page's address works again.</p>
</main>
</body>
</html>
`;
