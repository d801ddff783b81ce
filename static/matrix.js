// Live profitability panel for the matrix cell editor: while the manager types, the form is
// sent as a preview (nothing is saved) and the panel is replaced by the one the server
// computes. Without this script the "Preview" button does the same with a page load.
(function () {
  "use strict";
  var form = document.getElementById("cell-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var timer = null;
  var latest = 0;
  function refresh() {
    var asked = ++latest;
    var data = new FormData(form);
    data.set("intent", "preview");
    data.set("fragment", "1");
    fetch(form.getAttribute("action"), {
      method: "POST",
      credentials: "same-origin",
      body: new URLSearchParams(data)
    })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null || asked !== latest) { return; }
        var panel = document.getElementById("panel");
        if (!panel) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#panel");
        if (fresh) { panel.replaceWith(fresh); }
      })
      .catch(function () { /* keep the last panel; the Preview button still works */ });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 50);
  });
})();
