/* The page's boot script, apart from the HTML builder (and from `vscode`) so that tests can run it against a fake page. */

// Runs before the bundle. It owns acquireVsCodeApi (callable once) and the error screen, so that a bundle
// that fails to load, throws, or never mounts still leaves the user a message and a Reload button.
export const BOOT_SCRIPT = `(function () {
  var api = acquireVsCodeApi();
  var mounted = false;
  var messages = JSON.parse(document.getElementById('boot-messages').textContent);
  window.__dashscopeVsCodeApi = api;
  window.__dashscopeMounted = function () { mounted = true; document.getElementById('app').removeAttribute('aria-busy'); };
  function fail(detail) {
    var box = document.getElementById('boot-error');
    if (!box || !box.hidden) return;
    box.hidden = false;
    box.querySelector('.boot-error-detail').textContent = String(detail || messages.startFailed).slice(0, 500);
    if (!mounted) document.getElementById('app').hidden = true;
    api.postMessage({ type: 'failed', message: String(detail).slice(0, 4000) });
  }
  // A picture or video that cannot be loaded (a deleted result, a moved file) is not a failed page: a placeholder takes its place.
  function missing(element) {
    var note = document.createElement('span');
    note.className = 'media-missing ' + element.className;
    note.setAttribute('role', 'img');
    note.setAttribute('aria-label', messages.mediaMissing);
    note.title = messages.mediaMissing;
    note.textContent = messages.mediaMissing;
    element.replaceWith(note);
  }
  // Captured, to see resources' load errors (which do not bubble) as well as the page's own errors.
  window.addEventListener('error', function (event) {
    var tag = event.target && event.target !== window ? event.target.tagName : undefined;
    if (tag === 'SCRIPT') fail(messages.loadFailed);
    else if (tag === 'IMG' || tag === 'VIDEO' || tag === 'AUDIO') missing(event.target);
    else if (!tag) fail(event.message || (event.error && event.error.message));
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    var reason = event.reason;
    fail(reason && reason.message ? reason.message : String(reason));
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('boot-reload').addEventListener('click', function () { api.postMessage({ type: 'reload' }); });
  });
  setTimeout(function () { if (!mounted) fail(messages.startFailed); }, 8000);
})();`;
