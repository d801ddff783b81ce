// The proposal recomputes as soon as the advisor ticks an add-on away or changes an amount.
// Without this script the "Recompute" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("recompute");
  if (!form) { return; }
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target && (target.name === "drop" || target.name.indexOf("amounts.") === 0)) {
      form.submit();
    }
  });
  // One click records one offer: the button is disabled once the form is on its way (the
  // server also stores one offer per form, whatever arrives).
  var outcome = document.querySelector("#outcome form");
  if (outcome) {
    outcome.addEventListener("submit", function () {
      var button = outcome.querySelector("button[type=submit]");
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    });
  }
})();
