/* The handout's Print button (inline handlers are not allowed by the CSP). */
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (button) button.addEventListener("click", function () { window.print(); });
})();
