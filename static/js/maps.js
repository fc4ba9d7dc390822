/* Maps of Ontmoeting: the markers on django-leaflet's maps.
 *
 * Feature properties are text typed by people: popups are built with textContent,
 * never by gluing properties into HTML.
 */
(function () {
  "use strict";

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function placeIcon(typeSlug) {
    return L.divIcon({
      className: "place-marker type-" + typeSlug,
      iconSize: [18, 18],
      iconAnchor: [9, 9],
      popupAnchor: [0, -9],
    });
  }

  // The URL of a place page, from a pattern the template renders for slug "-" in the map's
  // data-place-url (never a fixed path: the site may be served under a SUBPATH).
  var placeUrlPattern = null;

  function placeUrl(slug) {
    return placeUrlPattern.replace("/-/", "/" + encodeURIComponent(slug) + "/");
  }

  function popupContent(properties) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = placeUrl(properties.slug);
    link.textContent = properties.name;
    box.appendChild(link);
    return box;
  }

  function placeMarker(feature, latlng) {
    var properties = feature.properties;
    // On the results map the colour says whether a place answered, not its type.
    var colour = properties.answered === undefined ? properties.type
      : properties.answered ? "answered" : "not-answered";
    var marker = L.marker(latlng, {
      icon: placeIcon(colour),
      title: properties.name,
      keyboard: true,
    });
    marker.bindPopup(function () { return popupContent(properties); });
    return marker;
  }

  function countText(container, count) {
    if (count === 1) return container.dataset.countOne;
    return container.dataset.countMany.replace("%(count)s", String(count));
  }

  // A cluster shows its count; its accessible name says what the count is.
  var NamedIcon = L.DivIcon.extend({
    createIcon: function (oldIcon) {
      var element = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      element.setAttribute("aria-label", this.options.label);
      return element;
    },
  });

  function countElement(count) {
    var span = document.createElement("span");
    span.textContent = String(count);
    return span;
  }

  // Leaflet.markercluster's own icon, with a name.
  function clusterIcon(container) {
    return function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      var html = document.createElement("div");
      html.appendChild(countElement(count));
      return new NamedIcon({
        html: html, className: "marker-cluster marker-cluster-" + size,
        iconSize: L.point(40, 40), label: countText(container, count),
      });
    };
  }

  function clusterMarker(feature, latlng, map, container) {
    var count = feature.properties.count;
    var marker = L.marker(latlng, {
      icon: new NamedIcon({
        className: "server-cluster", html: countElement(count), iconSize: [40, 40],
        label: countText(container, count),
      }),
      title: countText(container, count),
      keyboard: true,
    });
    marker.on("click", function () { map.setView(latlng, Math.min(map.getZoom() + 2, 18)); });
    return marker;
  }

  function withParams(url, params) {
    return url + (url.indexOf("?") === -1 ? "?" : "&") + params;
  }

  /* Small registers come in one go and are clustered in the browser. When the server says
   * there are too many places, the map asks for what is in view at each move, and the
   * server sends points or clusters of places. */
  var FIRST_ZOOM = 8;

  function loadPlaces(map, container, fitToPlaces) {
    var status = document.getElementById("map-status");
    var layer = null;
    var pending = null;

    function draw(data) {
      if (layer) map.removeLayer(layer);
      if (data.clustered) {
        layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return clusterMarker(feature, latlng, map, container);
          },
        });
      } else {
        layer = L.markerClusterGroup({
          showCoverageOnHover: false, maxClusterRadius: 50, iconCreateFunction: clusterIcon(container),
        });
        layer.addLayer(L.geoJSON(data, { pointToLayer: placeMarker }));
      }
      map.addLayer(layer);
      container.dataset.loaded = String(data.count);
      container.dataset.clustered = String(Boolean(data.clustered));
      if (status) status.textContent = countText(container, data.count);
    }

    function fetchData(params) {
      if (pending) pending.abort();
      pending = new AbortController();
      return fetch(withParams(container.dataset.url, params), {
        headers: { Accept: "application/geo+json" }, signal: pending.signal,
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }

    function inView() {
      var b = map.getBounds();
      var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map(function (n) { return n.toFixed(5); }).join(",");
      fetchData("bbox=" + bbox + "&zoom=" + map.getZoom()).then(draw).catch(function () {});
    }

    function boundsOf(data) {
      return L.latLngBounds(data.features.map(function (feature) {
        var c = feature.geometry.coordinates;
        return [c[1], c[0]];
      }));
    }

    // The first answer, at a zoom that clusters a large set coarsely, tells where the places
    // are. Points are drawn at once; clusters are fetched again for the fitted view, so that
    // thousands of fine clusters are never drawn only to be thrown away.
    fetchData("zoom=" + Math.min(map.getZoom(), FIRST_ZOOM))
      .then(function (data) {
        var bounds = boundsOf(data);
        // Fit first, then draw: drawn before, the cluster group redraws its markers on the
        // move that follows, closing a popup that was opened in between.
        if (fitToPlaces && bounds.isValid()) {
          map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20], animate: false });
        }
        if (!data.clustered) draw(data);
        if (data.clustered) {
          map.on("moveend", inView);
          inView();
        }
      })
      .catch(function () {
        container.dataset.loaded = "error";
        if (status) status.textContent = container.dataset.error;
      });
  }

  function showPlace(map) {
    var point = readJSON("place-point");
    if (!point) return;
    var latlng = L.latLng(point[1], point[0]);
    L.marker(latlng, { icon: placeIcon("here"), keyboard: false, interactive: false }).addTo(map);
    map.setView(latlng, 16);
  }

  function showArea(map, container) {
    var boundary = readJSON("area-boundary");
    if (boundary) {
      var outline = L.geoJSON(boundary, {
        style: { color: "#1f3a93", weight: 3, fillOpacity: 0.05 },
        interactive: false,
      }).addTo(map);
      map.fitBounds(outline.getBounds(), { padding: [10, 10], animate: false });
    }
    loadPlaces(map, container, false);
  }

  function numberedMarker(feature, latlng) {
    var marker = placeMarker(feature, latlng);
    marker.options.title = feature.properties.number + ". " + feature.properties.name;
    return marker;
  }

  function searchFrom(latlng) {
    var form = document.getElementById("nearby-form");
    form.elements.lat.value = latlng.lat.toFixed(6);
    form.elements.lng.value = latlng.lng.toFixed(6);
    form.submit();
  }

  function setupLocationButton() {
    var button = document.getElementById("use-my-location");
    if (!button || !navigator.geolocation) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var form = document.getElementById("nearby-form");
          form.elements.adres.value = "";
          searchFrom(L.latLng(position.coords.latitude, position.coords.longitude));
        },
        function () { window.alert(button.dataset.error); },
        { timeout: 10000 }
      );
    });
  }

  function showNearby(map) {
    var origin = readJSON("nearby-origin");
    var places = readJSON("nearby-places");
    map.on("click", function (event) {
      document.getElementById("nearby-form").elements.adres.value = "";
      searchFrom(event.latlng);
    });
    setupLocationButton();
    if (!origin) return;
    var centre = L.latLng(origin.lat, origin.lng);
    var circle = L.circle(centre, { radius: origin.radius, weight: 2, fillOpacity: 0.04, interactive: false });
    circle.addTo(map);
    L.marker(centre, { icon: placeIcon("here"), title: map.getContainer().dataset.originLabel, keyboard: false })
      .addTo(map);
    var layer = L.geoJSON(places, { pointToLayer: numberedMarker }).addTo(map);
    map.fitBounds(circle.getBounds(), { animate: false });
    map.getContainer().dataset.loaded = String(layer.getLayers().length);
  }

  function showFeatures(map, container) {
    var layer = L.geoJSON(readJSON("map-places"), { pointToLayer: placeMarker }).addTo(map);
    if (layer.getLayers().length) {
      map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20], animate: false });
    }
    container.dataset.loaded = String(layer.getLayers().length);
  }

  var UNKNOWN_FILL = "#a0a0a0";
  var HATCH = "url(#sparse-hatch)";

  function classColour(value, classes) {
    if (value === null || value === undefined) return UNKNOWN_FILL;
    for (var i = 0; i < classes.length; i++) {
      if (value <= classes[i][1]) return classes[i][2];
    }
    return classes.length ? classes[classes.length - 1][2] : UNKNOWN_FILL;
  }

  function areaTooltip(name, value, words) {
    var box = document.createElement("span");
    box.textContent = name + ": " + (words || (value === null || value === undefined ? "?" : value));
    return box;
  }

  // Areas with no or few inhabitants are hatched: a pattern, not a colour of the legend's scale.
  function addHatch(map) {
    var svg = map.getPanes().overlayPane.querySelector("svg");
    if (!svg || svg.querySelector("#sparse-hatch")) return;
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    var attributes = { id: "sparse-hatch", width: 8, height: 8, patternUnits: "userSpaceOnUse",
                       patternTransform: "rotate(45)" };
    Object.keys(attributes).forEach(function (key) { pattern.setAttribute(key, attributes[key]); });
    var back = document.createElementNS(ns, "rect");
    back.setAttribute("width", 8); back.setAttribute("height", 8); back.setAttribute("fill", "#fff");
    var line = document.createElementNS(ns, "line");
    [["x1", 0], ["y1", 0], ["x2", 0], ["y2", 8], ["stroke", "#555"], ["stroke-width", 3]]
      .forEach(function (pair) { line.setAttribute(pair[0], pair[1]); });
    pattern.appendChild(back); pattern.appendChild(line); defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  function showDashboard(map, container) {
    var data = readJSON("dashboard-values");
    var gaps = readJSON("dashboard-gaps");
    var sparse = {};
    (data.sparse || []).forEach(function (code) { sparse[code] = true; });
    fetch(container.dataset.areas)
      .then(function (response) { return response.json(); })
      .then(function (areas) {
        var layer = L.geoJSON(areas, {
          // Only the areas of the chosen gemeente, wijk or buurt: the map opens fitted to them.
          filter: function (feature) { return feature.properties.code in data.values; },
          style: function (feature) {
            var code = feature.properties.code;
            return { color: "#555", weight: 1, fillOpacity: sparse[code] ? 0.9 : 0.75,
                     fillColor: sparse[code] ? HATCH : classColour(data.values[code], data.classes) };
          },
          onEachFeature: function (feature, shape) {
            var code = feature.properties.code;
            shape.bindTooltip(areaTooltip(feature.properties.name, data.values[code],
                                          (data.labels || {})[code]));
          },
        }).addTo(map);
        addHatch(map);
        if (gaps) {
          // An outline without fill: it does not mix with the choropleth's colours.
          L.geoJSON(gaps, { style: { color: "#000", weight: 2, dashArray: "4 3", fill: false },
                            interactive: false }).addTo(map);
        }
        if (layer.getLayers().length) {
          // Quarter zoom steps: the chosen areas fill the map instead of half of it.
          map.options.zoomSnap = 0.25;
          map.invalidateSize();
          map.fitBounds(layer.getBounds(), { animate: false, padding: [4, 4] });
        }
        container.dataset.loaded = String(layer.getLayers().length);
      });
  }

  window.addEventListener("map:init", function (event) {
    var map = event.detail.map;
    var container = map.getContainer();
    if (container.dataset.placeUrl) placeUrlPattern = container.dataset.placeUrl;
    if (container.id === "places-map") loadPlaces(map, container, true);
    if (container.id === "place-map") showPlace(map);
    if (container.id === "area-map") showArea(map, container);
    if (container.id === "nearby-map") showNearby(map);
    if (container.id === "wijkteam-map" || container.id === "results-map") showFeatures(map, container);
    if (container.id === "dashboard-map") showDashboard(map, container);
  });
})();
