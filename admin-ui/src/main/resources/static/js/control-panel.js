// Control Panel behaviour: dialogs, copy buttons, the provisioning switch, htmx's CSRF header, live activity.
// No inline scripts anywhere (the Content-Security-Policy allows scripts from this origin only).
(function () {
  'use strict';

  var openers = new WeakMap();

  function announce(text) {
    var live = document.getElementById('announcer');
    if (!live) {
      return;
    }
    live.textContent = '';
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // A group of fields refused as one (the teams of an invitation, one of them deleted meanwhile) takes no focus itself:
  // its first field does, and the group's error is read as the focus enters it.
  function focusable(target) {
    if (target && target.matches('fieldset')) {
      return target.querySelector('input:not([type=hidden]), select, textarea, button') || target;
    }
    return target;
  }

  function focusFirst(dialog) {
    var target = focusable(dialog.querySelector('[aria-invalid="true"]') ||
      dialog.querySelector('[data-autofocus]') ||
      dialog.querySelector('[autofocus]'));
    if (target) {
      target.focus();
    }
  }

  function openDialog(dialog, opener) {
    if (!dialog) {
      return;
    }
    openers.set(dialog, opener || document.activeElement);
    if (dialog.open) {
      // opened by the server (<dialog open>, so that it shows without scripts): make it modal, focus stays inside
      dialog.setAttribute('data-reopening', 'true');
      dialog.close();
    }
    dialog.showModal();
    focusFirst(dialog);
  }

  // CSRF: forms rendered with th:action carry the token; htmx requests send it as a header.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header && token.content && header.content) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // a link shown as a button acts on Space too, as a button does (Enter it takes as a link)
  document.addEventListener('keydown', function (event) {
    var link = event.target.closest && event.target.closest('a[role="button"]');
    if (link && (event.key === ' ' || event.key === 'Spacebar') && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      link.click();
    }
  });

  document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-dialog-open]');
    if (opener) {
      event.preventDefault();
      if (!opener.disabled) {
        openDialog(document.getElementById(opener.getAttribute('data-dialog-open')), opener);
      }
      return;
    }
    var closer = event.target.closest('[data-dialog-close]');
    if (closer) {
      event.preventDefault();
      var dialog = closer.closest('dialog');
      if (dialog) {
        dialog.close();
      }
      return;
    }
    if (event.target.tagName === 'DIALOG') {
      // a click on the backdrop, outside the dialog's box
      event.target.close();
      return;
    }
    var copy = event.target.closest('[data-copy]');
    if (copy) {
      copyFrom(copy, document.getElementById(copy.getAttribute('data-copy')));
    }
  });

  // Give focus back to what opened a dialog when it closes (Escape, Cancel, the close button).
  document.addEventListener('close', function (event) {
    var dialog = event.target;
    if (dialog.tagName !== 'DIALOG') {
      return;
    }
    if (dialog.hasAttribute('data-reopening')) {
      dialog.removeAttribute('data-reopening');
      return;
    }
    forgetDialogInAddress(dialog);
    var opener = openers.get(dialog);
    if (opener && document.contains(opener) && typeof opener.focus === 'function') {
      opener.focus();
    }
  }, true);

  // A dialog taller than its screen (a phone, a page zoomed to 200 %) scrolls under its buttons, which stay at its foot:
  // what the focus moves to is scrolled clear of them, not left under them (WCAG 2.2, 2.4.11). The browser scrolls a
  // focused element into view as if they were not there; this runs once it has.
  document.addEventListener('focusin', function (event) {
    var article = event.target.closest && event.target.closest('dialog > article');
    var footer = article && article.querySelector(':scope > footer');
    if (!footer || footer.contains(event.target)) {
      return;
    }
    window.requestAnimationFrame(function () {
      var covered = event.target.getBoundingClientRect().bottom - footer.getBoundingClientRect().top;
      if (covered > 0) {
        article.scrollTop += covered + 8;
      }
    });
  });

  // a dialog the address opened (?add after adding a member, ?invite after a refused invitation): once it is closed,
  // the address no longer says to open it, so that a reload or a bookmark shows the page
  function forgetDialogInAddress(dialog) {
    var names = dialog.getAttribute('data-address-params');
    if (!names || !window.URL || !window.history || !window.history.replaceState) {
      return;
    }
    var url = new URL(window.location.href);
    names.split(' ').forEach(function (name) {
      url.searchParams.delete(name);
    });
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    }
  }

  function selectAndCopy(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }

  function copyFrom(button, field) {
    if (!field) {
      return;
    }
    var text = field.value !== undefined ? field.value : field.textContent;
    var label = button.textContent;
    function done(copied) {
      button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
      button.setAttribute('data-copied', copied ? 'true' : 'false');
      announce(copied ? 'Copied to the clipboard.' : 'Selected: press Control and C to copy.');
      window.setTimeout(function () { button.textContent = label; }, 2500);
    }
    // navigator.clipboard needs a secure context (https or localhost); elsewhere select the text and copy that.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(selectAndCopy(field)); });
    } else {
      done(selectAndCopy(field));
    }
  }

  // The provisioning switch: switching on submits at once; switching off asks first (it breaks the Okta integration).
  document.addEventListener('change', function (event) {
    var toggle = event.target.closest('[data-provisioning-switch]');
    if (!toggle) {
      return;
    }
    var confirmId = toggle.getAttribute('data-confirm');
    if (confirmId) {
      toggle.checked = !toggle.checked;
      openDialog(document.getElementById(confirmId), toggle);
    } else if (toggle.form) {
      toggle.disabled = true;
      toggle.form.submit();
    }
  });

  // After htmx replaced a list, keep focus somewhere sensible and tell screen readers what changed. The event comes
  // from the new content: the old target is gone after an outerHTML swap (focus with it, to <body>).
  document.addEventListener('htmx:afterSwap', function (event) {
    var swapped = event.target;
    if (!swapped || !swapped.querySelector) {
      return;
    }
    var from = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
    if (from && from.closest && from.closest('nav.pager')) {
      pagedTo(swapped, from.getAttribute('rel'));
      return;
    }
    var status = swapped.querySelector('.results-status');
    var said = resultsAnnouncement(swapped, status);
    if (said) {
      // the results' own status is new with them: a live region inserted so is not reliably read out
      announce(said);
    }
    if (document.activeElement === document.body) {
      // focus lost with what was replaced: to a field the new content refuses (its error is read with it), as for
      // a form sent back with an error; else to the results' status
      var refused = focusable(document.querySelector('main form [aria-invalid="true"]'));
      if (refused) {
        refused.focus();
      } else if (status) {
        status.focus();
      }
    }
  });

  // What a search or a filter found, as a screen reader is told it: "3 of 45 members match", "No member matches", or
  // for Activity the order and how many actions the page shows.
  function resultsAnnouncement(swapped, status) {
    if (!status) {
      return null;
    }
    var parts = [];
    var count = status.querySelector('span');
    if (count && count.textContent.trim()) {
      parts.push(count.textContent.trim());
    }
    var empty = swapped.querySelector('.empty-state h2');
    if (empty && empty.textContent.trim()) {
      parts.push(empty.textContent.trim());
    }
    var rows = swapped.querySelectorAll('#activity-rows tr[data-position]').length;
    if (swapped.querySelector('#activity-rows') && rows > 0) {
      parts.push(rows === 1 ? '1 action on this page' : rows + ' actions on this page');
    }
    return parts.length ? parts.join('. ') : null;
  }

  // A page of a list opened from its pager (Next, Previous): focus stays on the pager, on the same link when the new
  // page has one, and the page is announced ("Page 2 of 5: members 21–40 of 95").
  function pagedTo(swapped, rel) {
    var pager = swapped.matches('nav.pager') ? swapped : swapped.querySelector('nav.pager');
    var link = pager && ((rel && pager.querySelector('a[rel="' + rel + '"]')) || pager.querySelector('a[href]'));
    var fallback = swapped.querySelector('.results-status[tabindex]');
    if (link) {
      link.focus();
    } else if (fallback) {
      fallback.focus();
    }
    var text = pager ? pager.getAttribute('data-page-announcement') : null;
    if (text) {
      announce(text);
    }
  }

  document.addEventListener('htmx:responseError', function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    showProblem(status === 403
      ? 'This page was open too long. Reload it and try again.'
      : 'That did not work. Reload the page and try again.');
  });

  document.addEventListener('htmx:sendError', function () {
    showProblem('The Control Panel cannot be reached. Check your connection and try again.');
  });

  function showProblem(text) {
    var area = document.querySelector('.flash-area');
    if (!area) {
      return;
    }
    var box = document.createElement('div');
    box.className = 'flash flash-alert';
    box.setAttribute('role', 'alert');
    box.textContent = text;
    area.appendChild(box);
  }

  // A list narrowed as one types (the invite dialog's teams): what it shows is the items whose text holds the words,
  // with or without accents, and those already ticked; a status line says how many, by the field's noun.
  function folded(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  document.addEventListener('input', function (event) {
    var field = event.target;
    if (!field.matches || !field.matches('input[data-filters]')) {
      return;
    }
    var wanted = folded(field.value.trim());
    var items = document.querySelectorAll(field.getAttribute('data-filters'));
    var shown = 0;
    items.forEach(function (item) {
      var ticked = item.querySelector('input:checked');
      var show = !wanted || ticked || folded(item.textContent).indexOf(wanted) >= 0;
      item.hidden = !show;
      if (show) {
        shown++;
      }
    });
    var status = document.getElementById(field.getAttribute('aria-describedby'));
    if (status) {
      var noun = field.getAttribute('data-filter-noun') || 'items';
      status.textContent = wanted ? shown + ' of ' + items.length + ' ' + noun + ' shown' : items.length + ' ' + noun;
    }
  });

  // Enter in such a field narrows nothing more: it must not send the form around it (the invite, with half its teams
  // chosen), which only its own button does.
  document.addEventListener('keydown', function (event) {
    var field = event.target;
    if (event.key === 'Enter' && field.matches && field.matches('input[data-filters]')) {
      event.preventDefault();
    }
  });

  // A filter that applies as soon as it is chosen (the form still has its Apply button without scripts).
  document.addEventListener('change', function (event) {
    var field = event.target.closest('[data-autosubmit]');
    if (field && field.form && typeof field.form.requestSubmit === 'function') {
      field.form.requestSubmit();
    }
  });

  // A form that changes something (every form sent by POST) sends once: a second click while the page changes does
  // nothing. The browser shows the answer to the last form sent, so the answer to the first, which did what was asked,
  // was dropped: a Secret Token or a new admin's password issued once and never seen, an invitation said to be refused
  // for the member it made. (Without scripts the server answers a form sent twice with what the first one did.)
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.hasAttribute('data-submit-once') && String(form.method).toLowerCase() !== 'post') {
      return;
    }
    if (form.getAttribute('data-submitted') === 'true') {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-submitted', 'true');
  });
  // Back (or Forward) to a page the browser kept as it was shown (its back/forward cache): it is read again, as it is
  // now (a member deleted since, a count from before an invite), and its forms may be sent again. Asked for by GET,
  // never by sending again the form whose answer it may have been.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      window.location.replace(window.location.href.split('#')[0]);
      return;
    }
    document.querySelectorAll('form[data-submitted]').forEach(function (form) {
      form.removeAttribute('data-submitted');
    });
  });

  // A row that opens a page: a click anywhere on it follows its link (the link itself serves the keyboard).
  document.addEventListener('click', function (event) {
    var row = event.target.closest('tr[data-href]');
    if (!row || event.target.closest('a, button, input, select, label') || window.getSelection().toString()) {
      return;
    }
    window.location.href = row.getAttribute('data-href');
  });

  // A fragment that polls (a rebuild's progress) says what screen readers should hear when it changes.
  var lastAnnounced = null;
  document.addEventListener('htmx:afterSettle', function () {
    var source = document.querySelector('[data-announce]');
    var text = source ? source.getAttribute('data-announce') : null;
    if (text && text !== lastAnnounced) {
      lastAnnounced = text;
      announce(text);
    }
  });

  // Activity > Actions, live: the server says when the organization has a new action (server-sent events, under
  // this session); the page then asks for the rows after the newest it shows that its filters let through.
  function liveTimeline() {
    var status = document.querySelector('[data-activity-stream]');
    if (!status) {
      return;
    }
    var text = status.querySelector('.live-text');
    function say(state, words) {
      status.setAttribute('data-state', state);
      if (text.textContent !== words) {
        text.textContent = words;
      }
    }
    if (!window.EventSource || !window.fetch) {
      say('off', 'Reload the page to see new actions.');
      return;
    }
    var busy = false;
    var again = false;

    function results() {
      return document.getElementById('activity-results');
    }

    function idle() {
      var box = results();
      if (box && box.getAttribute('data-live') === 'true') {
        say('live', 'Live: new actions appear at the top as they happen.');
      } else {
        say('paused', (box && box.getAttribute('data-not-live')) || 'New actions appear live on the newest page.');
      }
    }

    function insert(box, html) {
      var template = document.createElement('template');
      template.innerHTML = html;
      var batch = template.content.querySelector('#new-activity-rows');
      var rows = document.getElementById('activity-rows');
      if (!batch || !rows || results() !== box) {
        return;
      }
      var shown = Array.prototype.slice.call(rows.querySelectorAll('tr[data-position]'));
      var oldest = shown.length ? Number(shown[shown.length - 1].getAttribute('data-position')) : 0;
      var fresh = [];
      Array.prototype.slice.call(batch.querySelectorAll('tr[data-position]')).forEach(function (row) {
        var position = Number(row.getAttribute('data-position'));
        if (!rows.querySelector('tr[data-position="' + position + '"]') && (shown.length === 0 || position > oldest)) {
          fresh.push(row);
        }
      });
      box.setAttribute('data-last-position', batch.getAttribute('data-last-position'));
      if (fresh.length === 0) {
        return;
      }
      // newest first, each in its place: a row whose event filled a gap belongs below newer ones
      fresh.forEach(function (row) {
        var position = Number(row.getAttribute('data-position'));
        var before = Array.prototype.slice.call(rows.querySelectorAll('tr[data-position]')).find(function (existing) {
          return Number(existing.getAttribute('data-position')) < position;
        });
        row.classList.add('fresh');
        rows.insertBefore(row, before || null);
      });
      var table = document.getElementById('activity-table');
      if (table) {
        table.hidden = false;
      }
      var empty = document.getElementById('activity-empty');
      if (empty) {
        empty.remove();
      }
      var newest = fresh[0].querySelector('.summary-link');
      var what = newest ? newest.textContent.trim() : '';
      var more = batch.getAttribute('data-more') === 'true' ? ' There are more: reload the page to see them all.' : '';
      say('live', (fresh.length === 1 ? 'New action: ' + what + '.' : fresh.length + ' new actions; the newest: ' + what + '.') + more);
    }

    function refresh() {
      var box = results();
      if (!box || box.getAttribute('data-live') !== 'true') {
        return;
      }
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      var base = box.getAttribute('data-new-rows');
      var url = base + (base.indexOf('?') < 0 ? '?' : '&') + 'after=' + encodeURIComponent(box.getAttribute('data-last-position') || '0');
      // as htmx says which page asks: a session ended meanwhile returns, once signed in, to this page and its filters
      fetch(url, { headers: { 'HX-Request': 'true', 'HX-Current-URL': window.location.href }, credentials: 'same-origin' })
        .then(function (response) {
          if (response.status === 401) {
            window.location.href = response.headers.get('HX-Redirect') || '/login?expired';
            return null;
          }
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html) {
            insert(box, html);
          }
        })
        .catch(function () {
          say('paused', 'New actions could not be loaded. Reload the page.');
        })
        .then(function () {
          busy = false;
          if (again) {
            again = false;
            refresh();
          }
        });
    }

    var stream = null;
    // refused: the admin holds as many live streams as it may; the server says so, and the browser asks again later
    var refused = false;
    var left = false;
    var retryIn = 0;
    function connect() {
      stream = new EventSource(status.getAttribute('data-activity-stream'));
      stream.addEventListener('ready', function () {
        refused = false;
        retryIn = 0;
        idle();
        refresh();
      });
      stream.addEventListener('refused', function (event) {
        refused = true;
        say('paused', event.data);
      });
      stream.addEventListener('activity', refresh);
      stream.addEventListener('error', function () {
        if (stream.readyState === EventSource.CLOSED) {
          // the browser gives up on an answer that is no stream (the service or its database out of reach for a
          // moment, a 503): ask again later, less often the longer it lasts; a signed-out session is sent to sign in
          // at once, by the fetch of new rows (its 401), rather than told the service could not be reached
          refresh();
          retryIn = Math.min(retryIn ? retryIn * 2 : 5, 60);
          say('connecting', 'Live updates paused: the service could not be reached. Trying again in ' + retryIn + ' s…');
          setTimeout(function () {
            if (!left) {
              refresh();
              connect();
            }
          }, retryIn * 1000);
        } else if (!refused) {
          say('connecting', 'Reconnecting to live updates…');
        }
      });
    }
    connect();
    // after a filter or page change the view is new: say whether it is live, and fetch what it may have missed
    document.addEventListener('htmx:afterSettle', function () {
      if (stream.readyState === EventSource.OPEN && !refused) {
        idle();
        refresh();
      }
    });
    window.addEventListener('pagehide', function () {
      left = true;
      stream.close();
    });
    // back to a page the browser kept: its stream is closed and it may have missed actions; it is read again (the
    // pageshow of every page, above)
  }

  // the organization switcher (a details element): Escape closes it and gives the focus back to it, and it closes
  // once the focus leaves it, as a menu does
  function switcher() {
    document.querySelectorAll('details.dropdown').forEach(function (menu) {
      var summary = menu.querySelector('summary');
      menu.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && menu.open) {
          menu.open = false;
          summary.focus();
          event.preventDefault();
        }
      });
      menu.addEventListener('focusout', function (event) {
        if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) {
          menu.open = false;
        }
      });
    });
  }

  // a page that answers a form stands at the form's address (…/rename, …/members/invite, …/provisioning/regenerate),
  // which only a POST reaches: Back or Forward to it, or a reload, would ask to send the form again (Chrome: "Confirm
  // Form Resubmission"), and a second regenerate would issue another token. Its address becomes the page it stands
  // for (named by the page: a new organization's admins), else the page the form was sent from: they then read that
  // page again, by GET.
  function addressOfAnsweredForm() {
    var meta = document.querySelector('meta[name="answered-form"]');
    if (!meta || !window.URL || !window.history || !window.history.replaceState) {
      return;
    }
    var standsFor = meta.getAttribute('content') || '';
    var to;
    try {
      to = standsFor.indexOf('/orgs/') === 0 ? new URL(standsFor, window.location.href)
        : document.referrer ? new URL(document.referrer) : null;
    } catch (e) {
      return;
    }
    if (to && to.origin === window.location.origin && to.pathname.indexOf('/orgs/') === 0) {
      window.history.replaceState(window.history.state, '', to.pathname + to.search);
    }
  }

  function init() {
    addressOfAnsweredForm();
    switcher();
    // what a form sent with a full page load did ("Renamed the team to …", "Added … to …") is on the new page from
    // the start, where a screen reader does not read a status out: it is said through the lasting live region
    var done = document.querySelector('#add-status') || document.querySelector('.flash-area .flash');
    if (done && done.textContent.trim()) {
      announce(done.textContent.replace(/\s+/g, ' ').trim());
    }
    document.querySelectorAll('dialog[data-open-on-load="true"]').forEach(function (dialog) {
      // what would have opened it: a link or button, or the provisioning switch whose question it is
      openDialog(dialog, document.querySelector(
        '[data-dialog-open="' + dialog.id + '"], [data-confirm="' + dialog.id + '"]'));
    });
    // a form sent back with errors: the focus goes to its first refused field, whose error is read with it
    // (a dialog's fields are focused as the dialog opens)
    if (!document.querySelector('dialog[open]')) {
      var refused = focusable(document.querySelector('main form [aria-invalid="true"]'));
      var whole = document.querySelector('main form .form-error[role="alert"]');
      if (refused) {
        refused.focus();
      } else if (whole && document.activeElement === document.body) {
        // refused as a whole (a member changed meanwhile): the focus on what it says, read before the form it explains
        whole.setAttribute('tabindex', '-1');
        whole.focus();
      }
    }
    liveTimeline();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
