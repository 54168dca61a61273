// The dashboard's only script: local times, copy buttons, time filters and pages that keep themselves current,
// live through the event stream where it opens, by refreshing where it does not. Everything works without it
// except those four; it loads nothing from anywhere else.
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

  /**
   * Regions marked data-refresh are fetched again while the page is visible, until data-final is true. A region
   * whose event stream is open (data-live) is fetched when an event says it changed instead.
   */
  function refresh(every) {
    var busy = false;
    setInterval(function () {
      if (busy || leaving || document.visibilityState !== 'visible') return;
      var regions = Array.prototype.filter.call(document.querySelectorAll('[data-refresh]'), function (el) {
        return el.getAttribute('data-final') !== 'true' && el.getAttribute('data-live') !== 'true'
          && !el.contains(document.activeElement);
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
        if (region.hasAttribute('data-live')) fresh.setAttribute('data-live', region.getAttribute('data-live'));
        if (region.hasAttribute('data-keyed')) {
          patch(region, fresh);
          return;
        }
        // Nothing changed: keep the elements, so that a selection, a hover or a reader's place survives.
        if (fresh.outerHTML === region.outerHTML) return;
        region.replaceWith(fresh);
        // The parts outside the live region (details, raw result) change only when the job ends: load them once.
        if (ended) window.location.reload();
      });
    });
  }

  /**
   * Rows keyed by an attribute (data-keyed names it) are updated in place: a row that changed is replaced and
   * marked, a new one inserted where the server put it, one no longer shown removed; the others stay untouched.
   */
  function patch(region, fresh) {
    var key = region.getAttribute('data-keyed');
    var old = {};
    Array.prototype.forEach.call(region.children, function (row) {
      if (row.hasAttribute(key)) old[row.getAttribute(key)] = row;
    });
    var rows = Array.prototype.slice.call(fresh.children);
    var told = [];
    rows.forEach(function (row, i) {
      var existing = old[row.getAttribute(key)];
      var html = row.outerHTML;
      if (existing && (existing.dataset.shown || existing.outerHTML) === html) {
        row = existing;
      } else if (row.hasAttribute(key)) {
        if (!existing || existing.getAttribute('data-status') !== row.getAttribute('data-status')) told.push(row);
        // What the server sent, to compare the next answer with: the mark below is the page's own.
        row.dataset.shown = html;
        row.classList.add('changed');
      }
      if (region.children[i] !== row) region.insertBefore(row, region.children[i] || null);
    });
    while (region.children.length > rows.length) region.lastElementChild.remove();
    announce(told);
  }

  /** Status changes are told to screen readers in words, through the page's status region. */
  function announce(rows) {
    var region = document.getElementById('changes');
    if (!region || rows.length === 0) return;
    region.textContent = rows.map(function (row) {
      var name = row.querySelector('.job-link');
      return 'Alation job ' + (name ? name.textContent.trim() : '') + ' is now ' + row.getAttribute('data-status')
        .replace(/_/g, ' ');
    }).join('. ') + '.';
  }

  /**
   * A region with data-events follows the dashboard's event stream: each event fetches it again (at most one
   * fetch at a time, the next one right after). EventSource reconnects by itself and resumes where it left off;
   * when it gives up (refused, signed out, no stream here) the region goes back to refreshing itself.
   */
  function follow(region, every) {
    var url = region.getAttribute('data-events');
    if (!url || typeof window.EventSource !== 'function') return;
    var id = region.id;
    var source = new EventSource(url);
    var fetching = false;
    var again = false;
    var hidden = false;
    var state = document.querySelector('[data-live-state]');

    function current() { return document.getElementById(id); }

    function live(on) {
      var el = current();
      if (el && on) el.setAttribute('data-live', 'true');
      if (el && !on) el.removeAttribute('data-live');
      if (state) {
        state.hidden = false;
        state.textContent = on ? 'Live: rows change as the jobs do.'
          : 'Refreshes every ' + Math.round(every / 1000) + ' s.';
        state.classList.toggle('on', on);
      }
    }

    function changed() {
      if (document.visibilityState !== 'visible') { hidden = true; return; }
      if (fetching) { again = true; return; }
      var el = current();
      if (!el) return;
      fetching = true;
      update(el).then(done, done);
    }

    function done() {
      fetching = false;
      var el = current();
      if (!el || el.getAttribute('data-final') === 'true') { source.close(); return; }
      if (again) { again = false; changed(); }
    }

    var opened = false;
    source.addEventListener('open', function () {
      live(true);
      // What changed between the page's rendering and the stream's first event is fetched once.
      if (!opened) changed();
      opened = true;
    });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) live(false);
    });
    ['job.registered', 'job.running', 'job.ended', 'job.chain_ended'].forEach(function (type) {
      source.addEventListener(type, changed);
    });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible' && hidden) { hidden = false; changed(); }
    });
    window.addEventListener('pagehide', function () { source.close(); });
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
    document.querySelectorAll('[data-events]').forEach(function (region) { follow(region, every); });
  });
})();
