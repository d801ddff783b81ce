// Results as the advisor types: the desk page is asked for the typed text and its result list
// replaces this one. Without this script the "Find" button does the same with a page load.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  if (!form || !input || !results || !window.fetch || !window.DOMParser) { return; }
  var timer = null;
  var latest = 0;
  function update() {
    var asked = ++latest;
    var text = input.value.trim();
    var url = form.getAttribute("action") + "?q=" + encodeURIComponent(text);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (asked !== latest) { return; }
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("results");
        if (fresh) { results.innerHTML = fresh.innerHTML; }
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", url);
        }
      })
      .catch(function () { /* keep the last results; the Find button still works */ });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
})();
