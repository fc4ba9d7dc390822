// The home page's filters: a closed panel ("Filters (3)") on phones, so that the results
// come first; open on wider screens. Without JavaScript the CSS shows it open there too.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 701px)");
  function fit() {
    document.querySelectorAll("details.filter-panel").forEach(function (panel) {
      panel.open = wide.matches;
    });
  }
  document.addEventListener("DOMContentLoaded", fit);
  wide.addEventListener("change", fit);
})();
