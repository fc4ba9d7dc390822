/* Address suggestions while typing (progressive enhancement): the nearby search's address
   field gets a <datalist> filled from the app's own JSON view, which asks PDOK's suggest
   endpoint. Without this script the field is a plain text field and the search still works.
   Typing an address also forgets a point chosen on the map, so the address is searched. */
(function () {
  "use strict";
  var WAIT_MS = 250;

  function fill(list, names) {
    var options = names.map(function (name) {
      var option = document.createElement("option");
      option.value = name; // text, never HTML
      return option;
    });
    list.replaceChildren.apply(list, options);
  }

  function enhance(input) {
    var list = document.createElement("datalist");
    var form = input.form;
    var timer = null;
    var asked = "";
    list.id = input.id + "-suggestions";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.addEventListener("input", function () {
      if (form && form.elements.lat) form.elements.lat.value = "";
      if (form && form.elements.lng) form.elements.lng.value = "";
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 3 || query === asked) return;
      timer = window.setTimeout(function () {
        asked = query;
        var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (input.value.trim() === query) fill(list, data.suggestions || []);
          })
          .catch(function () { /* no suggestions: the plain search still works */ });
      }, WAIT_MS);
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
