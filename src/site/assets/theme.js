/*
 * Light or dark: the system setting decides (a media query in site.css, also without
 * JavaScript) until the reader presses the switch in the masthead; their choice is
 * remembered in localStorage. Loaded in <head> without defer so a remembered choice is on
 * <html> before the first paint (no flash of the other theme); a few hundred bytes.
 */
(function () {
  var root = document.documentElement;
  var KEY = 'blattwerk-theme';
  var dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  var stored = null;
  try {
    stored = window.localStorage.getItem(KEY);
  } catch (e) {
    /* storage off: the system setting decides */
  }
  if (stored === 'light' || stored === 'dark') root.setAttribute('data-theme', stored);

  function isDark() {
    var chosen = root.getAttribute('data-theme');
    return chosen ? chosen === 'dark' : !!(dark && dark.matches);
  }

  function wire() {
    var button = document.querySelector('.theme-toggle');
    if (!button) return;
    var show = function () {
      button.setAttribute('aria-pressed', isDark() ? 'true' : 'false');
    };
    button.addEventListener('click', function () {
      var next = isDark() ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try {
        window.localStorage.setItem(KEY, next);
      } catch (e) {
        /* not remembered, still switched */
      }
      show();
    });
    if (dark && dark.addEventListener) dark.addEventListener('change', show);
    show();
    button.hidden = false;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
