/* Leaflet's controls in the page's language: the texts come from gettext through
 * {% leaflet_texts %} (places/templatetags/map_texts.py). Runs before any map is drawn. */
(function () {
  "use strict";
  var element = document.getElementById("leaflet-texts");
  if (!element || typeof L === "undefined") return;
  var texts = JSON.parse(element.textContent);

  function merge(target, source) {
    Object.keys(source).forEach(function (key) {
      if (typeof source[key] === "object" && target[key]) merge(target[key], source[key]);
      else target[key] = source[key];
    });
  }

  L.Control.Zoom.prototype.options.zoomInTitle = texts.zoomIn;
  L.Control.Zoom.prototype.options.zoomOutTitle = texts.zoomOut;

  var layersLayout = L.Control.Layers.prototype._initLayout;
  L.Control.Layers.prototype._initLayout = function () {
    layersLayout.call(this);
    this._layersLink.title = texts.layers;
    this._layersLink.setAttribute("aria-label", texts.layers);
  };

  var popupLayout = L.Popup.prototype._initLayout;
  L.Popup.prototype._initLayout = function () {
    popupLayout.call(this);
    if (this._closeButton) this._closeButton.setAttribute("aria-label", texts.closePopup);
  };

  if (L.drawLocal) merge(L.drawLocal, { draw: texts.draw, edit: texts.edit });
})();
