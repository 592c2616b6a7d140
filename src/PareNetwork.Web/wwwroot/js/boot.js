// Loaded in <head>, before the page shows: marks the page as scripted (the CSS hides or shows
// what needs a script) and arms the quick exit as early as possible.
(function () {
  'use strict';

  var root = document.documentElement;
  root.classList.remove('sans-js');
  root.classList.add('js');

  var DEFAULT_EXIT = 'https://www.meteofrance.com/';
  var DOUBLE_ESCAPE_MS = 800;
  var lastEscape = 0;

  function leave() {
    var link = document.getElementById('quitter');
    var url = (link && link.getAttribute('data-exit-url')) || DEFAULT_EXIT;
    // Blank the page at once: on a slow connection the next site can take a while to show.
    document.title = '';
    if (document.body) {
      document.body.hidden = true;
    }
    // replace(), not assign(): the "back" button must not come back here.
    window.location.replace(url);
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target && target.closest && target.closest('#quitter')) {
      event.preventDefault();
      leave();
    }
  });

  // Escape twice in a row leaves too; an Escape already used by a component (closing a list, a popup) does not count.
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || event.repeat || event.defaultPrevented) {
      return;
    }
    var now = Date.now();
    if (now - lastEscape < DOUBLE_ESCAPE_MS) {
      leave();
    } else {
      lastEscape = now;
    }
  });
})();
