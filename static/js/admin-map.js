/* The admin's Leaflet widget: django-leaflet's script runs in <head>, before the widget's
 * "force-img-path" element exists, so Leaflet would guess its marker image path from the
 * (hashed) CSS URL and get it wrong. Set it once the page is parsed, before the map loads. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var element = document.getElementById("force-img-path");
  var path = element ? JSON.parse(element.textContent) : null;
  if (typeof path === "string") L.Icon.Default.imagePath = path;
});
