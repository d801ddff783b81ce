// The printout's "Print" button (the browser's own Print works the same).
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (button && window.print) {
    button.addEventListener("click", function () { window.print(); });
  }
})();
