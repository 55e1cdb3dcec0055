// The desk works without this script; with it, lists marked `data-filter` are filtered as
// the person types into the search box that names them (`data-filter-list`), the number shown
// is announced in the list's `aria-live` count (`data-filter-count`), and a form sent back
// with errors moves the focus to its summary of them.
(function () {
  'use strict';

  // The list's `data-filter` text is folded the same way on the server: lowercase, without
  // accents, so "alameda" finds "Álameda" and "leon" finds "León".
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  document.querySelectorAll('input[data-filter-list]').forEach(function (box) {
    var list = document.getElementById(box.dataset.filterList);
    var count = document.getElementById(box.dataset.filterCount || '');
    if (!list) {
      return;
    }
    var items = list.querySelectorAll('[data-filter]');
    var pending;
    box.addEventListener('input', function () {
      var wanted = fold(box.value.trim());
      var shown = 0;
      items.forEach(function (item) {
        var match = item.dataset.filter.indexOf(wanted) !== -1;
        item.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      if (count && count.dataset.countWords) {
        // Announced once typing pauses, not at every key.
        clearTimeout(pending);
        pending = setTimeout(function () {
          count.textContent = count.dataset.countWords.replace('{count}', String(shown));
        }, 400);
      }
    });
  });

  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
})();
