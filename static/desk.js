// Results as the advisor types: the desk is asked for the result list alone (`part=results`)
// and it replaces this one. Without this script the "Find" button does the same with a page load.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  if (!form || !input || !results || !window.fetch) { return; }
  var timer = null;
  var latest = 0;
  function update() {
    var asked = ++latest;
    var text = input.value.trim();
    var url = form.getAttribute("action") + "?q=" + encodeURIComponent(text);
    fetch(url + "&part=results", { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (asked !== latest) { return; }
        results.innerHTML = html; // the server's list, escaped by its template
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
