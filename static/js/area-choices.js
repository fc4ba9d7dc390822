/* The buurt choices follow the chosen wijk at once. Without this script the form still
 * works: the server offers the buurten of the wijk after "Toon plekken". */
(function () {
  "use strict";

  function setOptions(select, areas) {
    var first = select.options[0];  // "alle"
    select.textContent = "";
    select.appendChild(first);
    areas
      .sort(function (a, b) { return a.name.localeCompare(b.name, "nl", { sensitivity: "base" }); })
      .forEach(function (area) {
        var option = document.createElement("option");
        option.value = area.code;
        option.textContent = area.name;
        select.appendChild(option);
      });
    select.value = "";
  }

  function follow(parent, child) {
    parent.addEventListener("change", function () {
      if (!parent.value) {
        setOptions(child, []);
        return;
      }
      var url = child.dataset.areasUrl + "?kind=buurt&parent=" + encodeURIComponent(parent.value);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) { setOptions(child, data.results); })
        .catch(function () {});  // the form still narrows the choices when it is sent
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-areas-url]").forEach(function (child) {
      var parent = child.form && child.form.elements.namedItem(child.dataset.parentField);
      if (parent) follow(parent, child);
    });
  });
})();
