// The staff import page: while a dry run or an import runs, a progress line under the
// buttons says how many rows are read (asked from the server every half second).
(function () {
  "use strict";
  var form = document.getElementById("mapping-form");
  if (!form) return;
  var line = document.getElementById("import-progress");
  form.addEventListener("submit", function () {
    var timer = window.setInterval(function () {
      fetch(form.dataset.progressUrl, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (!data.total) return;
          line.textContent = form.dataset.progressText
            .replace("{done}", data.done).replace("{total}", data.total);
        })
        .catch(function () { window.clearInterval(timer); });
    }, 500);
  });
  var heading = document.getElementById("report-heading");
  if (heading) heading.focus();
})();
