/* global window, location */
/*
 * The browser console's first calls, started as soon as the page is parsed (issue 14), while
 * the app's script is still downloading and compiling; src/renderer/api.ts adopts these
 * responses instead of asking again. Plain script, not bundled: it must run before the bundle.
 * In the desktop app (IPC, file://) it does nothing. The request is byte for byte the one the
 * HTTP transport sends; which calls mirrors src/renderer/main.tsx (a call made here and not
 * taken there is only a spare request).
 */
(function () {
  if (window.greenlight || location.protocol === 'file:' || typeof fetch !== 'function') return;
  var path = location.hash.replace(/^#\/?/, '').split('?')[0];
  var names = ['app.info'];
  if (path === '' || path === 'projects') names.push('projects.list');
  var early = {};
  names.forEach(function (name) {
    var response = fetch('/api/call/' + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
    response.catch(function () {}); // the adopter sees the failure
    early[name + ' {}'] = response;
  });
  window.__greenlightEarly = early;
})();
