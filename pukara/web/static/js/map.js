/* Pukara map: department choropleth + clustered markers of events and figures.
 *
 * Everything comes from this server: /api/map/departments (polygons, the base map: no
 * tiles), /api/map/points (counts per place, already aggregated in SQL) and /api/hotspots.
 * Markers are one per place, never one per event, and Leaflet.markercluster groups them.
 * When the first render is drawn, window.pukaraMapReady holds performance.now() (ms since
 * navigation start); bench/web.py and the browser tests wait for it.
 */
(function () {
  "use strict";
  var el = document.getElementById("map");
  var params = new URLSearchParams(window.location.search);
  var showMarkers = params.get("markers") !== "0";  // ?markers=0: the bench's baseline
  var state = { query: el.dataset.query || "", points: null, scores: null, shapes: null };

  var map = L.map(el, { preferCanvas: true, zoomSnap: 0.5, minZoom: 4, maxZoom: 13 });
  map.fitBounds([[-18.4, -81.4], [0.1, -68.6]]);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth · Pukara");
  window.pukaraMap = map;  // for the browser tests and the console

  var RAMP = ["#f3f5f7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#2171b5", "#08519c", "#08306b"];

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function colour(value, top) {
    if (!value || !top) { return RAMP[0]; }
    var i = 1 + Math.floor((RAMP.length - 2) * Math.sqrt(value / top));
    return RAMP[Math.min(i, RAMP.length - 1)];
  }

  function placeUrl(id) { return "/places/" + encodeURIComponent(id); }

  function metricValues() {
    var metric = document.getElementById("metric").value;
    if (metric === "score") { return state.scores || {}; }
    if (!state.points) { return {}; }
    return metric === "facts" ? state.points.facts_by_department : state.points.events_by_department;
  }

  var departments = L.geoJSON(null, {
    style: function (f) {
      if (f.properties.role === "country") {
        return { fill: false, color: "#14243a", weight: 1.6, interactive: false };
      }
      return { color: "#7d8b9b", weight: 0.7, fillOpacity: 0.85, fillColor: RAMP[0] };
    },
    onEachFeature: function (f, layer) {
      if (f.properties.role !== "department") { return; }
      layer.on("click", function () { window.location.href = placeUrl(f.properties.id); });
      layer.on("mouseover", function () { layer.setStyle({ weight: 2, color: "#b5542d" }); });
      layer.on("mouseout", function () { layer.setStyle({ weight: 0.7, color: "#7d8b9b" }); });
    }
  }).addTo(map);

  function shadeDepartments() {
    var values = metricValues();
    var top = 0;
    Object.keys(values).forEach(function (k) { top = Math.max(top, values[k]); });
    var metric = document.getElementById("metric");
    var label = metric.options[metric.selectedIndex].text;
    departments.eachLayer(function (layer) {
      var p = layer.feature.properties;
      if (p.role !== "department") { return; }
      var v = values[p.id] || 0;
      layer.setStyle({ fillColor: colour(v, top) });
      layer.bindTooltip("<b>" + esc(p.name) + "</b><br>" + esc(label) + ": " +
        esc(Math.round(v * 100) / 100), { sticky: true, className: "dept" });
    });
    document.getElementById("ramp-max").textContent = top ? String(Math.round(top * 100) / 100) : "–";
  }

  function clusterGroup(kind) {
    return L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 45,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var n = 0;
        cluster.getAllChildMarkers().forEach(function (m) { n += m.options.n; });
        return icon(kind, n);
      }
    });
  }

  function icon(kind, n) {
    var size = Math.round(22 + 6 * Math.log10(Math.max(n, 1)) * 2);
    return L.divIcon({
      html: "<span>" + (n >= 10000 ? Math.round(n / 1000) + "k" : n) + "</span>",
      className: "cluster-icon " + kind,
      iconSize: [size, size]
    });
  }

  var groups = { events: clusterGroup("events"), facts: clusterGroup("facts") };

  function fill(kind, layer) {
    var group = groups[kind];
    group.clearLayers();
    var markers = [];
    var noun = kind === "events" ? "events" : "figures";
    for (var i = 0; i < layer.ids.length; i++) {
      var m = L.marker([layer.lat[i], layer.lon[i]], {
        icon: icon(kind, layer.n[i]), n: layer.n[i], placeId: layer.ids[i],
        keyboard: false, title: layer.names[i] + ": " + layer.n[i] + " " + noun
      });
      m.bindTooltip("<b>" + esc(layer.names[i]) + "</b><br>" + layer.n[i] + " " + noun);
      m.on("click", function (e) { window.location.href = placeUrl(e.target.options.placeId); });
      markers.push(m);
    }
    group.addLayers(markers);
  }

  function showCounts() {
    var p = state.points;
    var box = document.getElementById("counts");
    if (!p) { box.textContent = "markers off"; return; }
    box.innerHTML =
      "<b>" + p.events.total.toLocaleString("en") + "</b> " + esc(p.counted) + " at <b>" +
      p.events.ids.length.toLocaleString("en") + "</b> places" +
      (p.events.unmapped ? " (" + p.events.unmapped.toLocaleString("en") + " too vague to map)" : "") +
      "<br><b>" + p.facts.total.toLocaleString("en") + "</b> figures at <b>" +
      p.facts.ids.length.toLocaleString("en") + "</b> places" +
      (p.facts.unmapped ? " (" + p.facts.unmapped.toLocaleString("en") + " unmapped)" : "");
  }

  function toggle(id, group) {
    var box = document.getElementById(id);
    function apply() { if (box.checked) { map.addLayer(group); } else { map.removeLayer(group); } }
    box.addEventListener("change", apply);
    apply();
  }

  function ready() {
    // two frames: the layers are added, then painted
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        window.pukaraMapReady = performance.now();
        el.dataset.state = "ready";
      });
    });
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { return r.json().then(function (e) { throw new Error(e.detail || r.statusText); }); }
      return r.json();
    });
  }

  function loadPoints() {
    el.dataset.state = "loading";
    if (!showMarkers) { return Promise.resolve(null); }
    return getJSON("/api/map/points?" + state.query).then(function (points) {
      state.points = points;
      fill("events", points.events);
      fill("facts", points.facts);
      return points;
    });
  }

  function loadScores() {
    var q = new URLSearchParams(state.query);
    var window_ = new URLSearchParams();
    ["since", "until"].forEach(function (k) { if (q.get(k)) { window_.set(k, q.get(k)); } });
    return getJSON("/api/hotspots?" + window_.toString()).then(function (spots) {
      state.scores = {};
      spots.forEach(function (h) { state.scores[h.unit_id] = h.score; });
    });
  }

  function fail(err) {
    el.dataset.state = "error";
    document.getElementById("counts").textContent = "Could not load: " + err.message;
  }

  document.getElementById("metric").addEventListener("change", function () {
    var next = this.value === "score" && state.scores === null ? loadScores() : Promise.resolve();
    next.then(shadeDepartments).catch(fail);
  });

  document.getElementById("filters").addEventListener("submit", function (e) {
    e.preventDefault();
    var q = new URLSearchParams();
    new FormData(this).forEach(function (v, k) { if (String(v).trim()) { q.set(k, String(v).trim()); } });
    state.query = q.toString();
    state.scores = null;
    history.replaceState(null, "", "/map" + (state.query ? "?" + state.query : ""));
    var metric = document.getElementById("metric").value;
    Promise.all([loadPoints(), metric === "score" ? loadScores() : null])
      .then(function () { shadeDepartments(); showCounts(); ready(); }).catch(fail);
  });

  Promise.all([getJSON("/api/map/departments"), loadPoints()]).then(function (got) {
    departments.addData(got[0]);
    shadeDepartments();
    toggle("layer-events", groups.events);
    toggle("layer-facts", groups.facts);
    showCounts();
    ready();
  }).catch(fail);
})();
