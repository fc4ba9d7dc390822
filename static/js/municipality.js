// The municipality's map settings (places.models.municipality): the base map it chose and,
// until a page fits its own content, the extent of its gemeente. Runs before maps.js.
(function () {
  "use strict";
  function settings() {
    var node = document.getElementById("municipality-map");
    return node ? JSON.parse(node.textContent) : {};
  }

  window.addEventListener("map:init", function (event) {
    var map = event.detail.map;
    var chosen = settings();
    if (chosen.extent) map.fitBounds(chosen.extent, { animate: false });
    var control = map.layerscontrol;
    if (!control || !chosen.baseMap) return;
    var bases = control._layers.filter(function (entry) { return !entry.overlay; });
    var wanted = bases[chosen.baseMap];
    if (!wanted) return;
    bases.forEach(function (entry) { if (map.hasLayer(entry.layer)) map.removeLayer(entry.layer); });
    map.addLayer(wanted.layer);
  });
})();
