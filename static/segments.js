// Live count of the clients a segment rule matches, while it is typed. Without this script the
// "Count" button does the same with a round trip.
(function () {
  "use strict";
  var rule = document.getElementById("rule");
  var out = document.getElementById("count");
  if (!rule || !out) { return; }
  var timer = null;
  var latest = 0;
  function update() {
    var asked = ++latest;
    var url = rule.getAttribute("data-count-url") + "?rule=" + encodeURIComponent(rule.value);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (asked !== latest) { return; }
        out.classList.toggle("field-error", !!data.error);
        out.textContent = data.error ? data.error : data.text;
      })
      .catch(function () { /* keep the last figure; the Count button still works */ });
  }
  rule.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });
})();
