// The place form's helpers (progressive enhancement: without JavaScript the form works as
// it is): "copy Monday to Tuesday–Friday" in the week grid, and "add another" row for the
// activities and yearly figures, so that several can be added before saving.
(function () {
  "use strict";

  function button(label) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "secondary";
    element.textContent = label;
    return element;
  }

  function copyMonday(grid) {
    var note = document.createElement("p");
    note.setAttribute("role", "status");
    var copy = button(grid.dataset.copyLabel);
    copy.addEventListener("click", function () {
      var rows = grid.querySelectorAll("tbody tr");
      var monday = rows[0].querySelectorAll("input");
      for (var day = 1; day <= 4; day++) {
        rows[day].querySelectorAll("input").forEach(function (input, index) {
          input.value = monday[index].value;
        });
      }
      note.textContent = grid.dataset.copiedLabel;
    });
    grid.after(copy, note);
  }

  function addRows(template) {
    var total = document.getElementById("id_" + template.dataset.prefix + "-TOTAL_FORMS");
    var add = button(template.dataset.addLabel);
    add.addEventListener("click", function () {
      var number = Number(total.value);
      template.insertAdjacentHTML("beforebegin", template.innerHTML.replace(/__prefix__/g, number));
      total.value = number + 1;
      var row = template.previousElementSibling;
      var first = row && row.querySelector("input, select, textarea");
      if (first) first.focus();
    });
    template.after(add);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".hours-grid[data-copy-label]").forEach(copyMonday);
    document.querySelectorAll("template.empty-form").forEach(addRows);
  });
})();
