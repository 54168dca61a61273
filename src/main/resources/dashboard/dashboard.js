// The dashboard's only script: local times, copy buttons, time filters and pages that keep themselves current.
// Everything works without it except those four; it loads nothing from anywhere else.
(function () {
  'use strict';

  var localFormat = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'
  });
  var hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

  /** Server-written UTC times become the reader's own; the UTC text stays in the title, shown on hover. */
  function localizeTimes(root) {
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      var at = new Date(el.getAttribute('datetime'));
      if (!isNaN(at)) el.textContent = localFormat.format(at);
    });
    root.querySelectorAll('text[data-hour]').forEach(function (el) {
      var at = new Date(el.getAttribute('data-hour'));
      if (!isNaN(at)) el.textContent = hourFormat.format(at);
    });
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var text = source.textContent;
    var done = function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { select(source); });
    } else {
      select(source);
      done();
    }
  }

  /** Without the clipboard API (plain HTTP to another host) the text is selected for Ctrl+C. */
  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /** A datetime-local field shows the reader's time; the hidden field carries it to the server with an offset. */
  function timeFilters() {
    document.querySelectorAll('input[data-iso-for]').forEach(function (local) {
      var hidden = local.form.querySelector('input[type=hidden][name="' + local.getAttribute('data-iso-for') + '"]');
      if (!hidden) return;
      if (hidden.value) {
        var at = new Date(hidden.value);
        if (!isNaN(at)) {
          var shifted = new Date(at.getTime() - at.getTimezoneOffset() * 60000);
          local.value = shifted.toISOString().slice(0, 19);
        }
      }
      local.addEventListener('change', function () {
        var value = local.value ? new Date(local.value) : null;
        hidden.value = value && !isNaN(value) ? value.toISOString() : '';
      });
    });
  }

  /**
   * Set once the page is being left (a form sent, such as Sign out, or a link followed): a refresh must not then
   * reload the page it is leaving, or the browser could land back on it instead of where the person went.
   */
  var leaving = false;
  document.addEventListener('submit', function () { leaving = true; });
  window.addEventListener('beforeunload', function () { leaving = true; });

  /** Regions marked data-refresh are fetched again while the page is visible, until data-final is true. */
  function refresh(every) {
    var busy = false;
    setInterval(function () {
      if (busy || leaving || document.visibilityState !== 'visible') return;
      var regions = Array.prototype.filter.call(document.querySelectorAll('[data-refresh]'), function (el) {
        return el.getAttribute('data-final') !== 'true' && !el.contains(document.activeElement);
      });
      if (regions.length === 0) return;
      busy = true;
      Promise.all(regions.map(update)).then(function () { busy = false; }, function () { busy = false; });
    }, every);
  }

  function update(region) {
    return fetch(region.getAttribute('data-refresh'), {
      credentials: 'same-origin', headers: { 'Accept': 'text/html' }, redirect: 'follow'
    }).then(function (response) {
      if (leaving) return;
      // Signed out or session expired: the page itself then goes to the sign-in form.
      if (response.redirected || response.status === 401 || response.status === 403) {
        window.location.reload();
        return;
      }
      if (!response.ok) return;
      return response.text().then(function (html) {
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        var fresh = template.content.firstElementChild;
        if (!fresh || fresh.id !== region.id) return;
        var ended = region.getAttribute('data-final') === 'false' && fresh.getAttribute('data-final') === 'true';
        localizeTimes(fresh);
        // Nothing changed: keep the elements, so that a selection, a hover or a reader's place survives.
        if (fresh.outerHTML === region.outerHTML) return;
        region.replaceWith(fresh);
        // The parts outside the live region (details, raw result) change only when the job ends: load them once.
        if (ended) window.location.reload();
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    localizeTimes(document);
    timeFilters();
    document.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-copy]');
      if (button) copy(button);
    });
    var every = parseInt(document.body.getAttribute('data-refresh-every'), 10);
    if (every > 0) refresh(every);
  });
})();
