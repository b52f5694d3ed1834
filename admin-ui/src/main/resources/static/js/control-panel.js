// Control Panel behaviour: dialogs, copy buttons, the provisioning switch, and htmx's CSRF header.
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

  function focusFirst(dialog) {
    var target = dialog.querySelector('[aria-invalid="true"]') ||
      dialog.querySelector('[data-autofocus]') ||
      dialog.querySelector('[autofocus]');
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
    var opener = openers.get(dialog);
    if (opener && document.contains(opener) && typeof opener.focus === 'function') {
      opener.focus();
    }
  }, true);

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

  // After htmx replaced a list, keep focus somewhere sensible and tell screen readers what changed.
  document.addEventListener('htmx:afterSwap', function (event) {
    var status = event.detail.target && event.detail.target.querySelector
      ? event.detail.target.querySelector('[role="status"]') : null;
    if (document.activeElement === document.body && status) {
      status.focus();
    }
  });

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

  function init() {
    document.querySelectorAll('dialog[data-open-on-load="true"]').forEach(function (dialog) {
      openDialog(dialog, document.querySelector('[data-dialog-open="' + dialog.id + '"]'));
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
