// Portcullis living documentation: client-side search over search-index.js (window.PORTCULLIS_SEARCH), no network.
(function () {
  'use strict';
  var input = document.getElementById('search');
  var results = document.getElementById('results');
  var index = window.PORTCULLIS_SEARCH || [];
  if (!input || !results) {
    return;
  }
  function matches(entry, words) {
    var text = (entry.kind + ' ' + entry.name + ' ' + entry.purpose + ' ' + entry.owner + ' ' + entry.account).toLowerCase();
    return words.every(function (w) { return text.indexOf(w) >= 0; });
  }
  function show() {
    var words = input.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    while (results.firstChild) {
      results.removeChild(results.firstChild);
    }
    if (words.length === 0) {
      return;
    }
    var shown = 0;
    for (var i = 0; i < index.length && shown < 50; i++) {
      if (matches(index[i], words)) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = index[i].page;
        a.textContent = index[i].kind + ' ' + index[i].name;
        li.appendChild(a);
        if (index[i].purpose) {
          li.appendChild(document.createTextNode(': ' + index[i].purpose));
        }
        results.appendChild(li);
        shown++;
      }
    }
    if (shown === 0) {
      var none = document.createElement('li');
      none.textContent = 'Nothing matches.';
      results.appendChild(none);
    }
  }
  input.addEventListener('input', show);
})();
