// The map: markers aggregated on the server (/map/data/), one circle per place or per grid cell when zoomed
// out; a place's popup loads its latest figures and events on demand. Works offline: with no tile URL the
// background is plain. Everything written into the page goes through textContent (no HTML injection).
(function () {
  "use strict";
  var el = document.getElementById("map");
  var cfgEl = document.getElementById("map-config");
  if (!el || !cfgEl || typeof L === "undefined") return;
  var cfg = JSON.parse(cfgEl.textContent);
  if (!cfg.tileUrl) el.classList.add("no-tiles");
  var map = L.map(el, { preferCanvas: true, zoomControl: true }).setView([39.85, 46.75], cfg.small ? 8 : 9);
  if (cfg.tileUrl) {
    L.tileLayer(cfg.tileUrl, { maxZoom: 18, attribution: "Map tiles: configured server" }).addTo(map);
  }
  var layer = L.layerGroup().addTo(map);
  var fitted = false;

  function url(extra) {
    var q = cfg.query ? cfg.query + "&" : "";
    return cfg.dataUrl + "?" + q + extra;
  }

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) n.textContent = text;
    if (cls) n.className = cls;
    return n;
  }

  function link(href, text) {
    var a = node("a", text);
    a.href = href;
    return a;
  }

  function popupFor(marker) {
    var box = node("div", null, "map-popup");
    box.appendChild(node("h3", marker.name));
    box.appendChild(node("p", marker.events + " events (" + marker.incidents + " incidents), " + marker.activities + " activities"));
    var more = node("div", "Loading figures…");
    box.appendChild(more);
    fetch(url("detail=" + encodeURIComponent(marker.id)), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        more.textContent = "";
        if (d.place && d.place.names && d.place.names !== marker.name) more.appendChild(node("p", d.place.names, "small"));
        if (d.figures && d.figures.length) {
          more.appendChild(node("strong", "Latest accepted figures"));
          var ul = node("ul");
          d.figures.slice(0, 8).forEach(function (f) {
            var li = node("li");
            li.appendChild(document.createTextNode(f.indicator + ": "));
            li.appendChild(link(f.url, Number(f.value).toLocaleString() + " " + f.unit));
            li.appendChild(document.createTextNode(" (" + f.date + (f.source ? ", " + f.source : "") + ")"));
            ul.appendChild(li);
          });
          more.appendChild(ul);
        }
        if (d.events && d.events.length) {
          more.appendChild(node("strong", "Latest events"));
          var ev = node("ul");
          d.events.forEach(function (e) {
            var li = node("li");
            li.appendChild(document.createTextNode(e.date + " "));
            li.appendChild(link(e.url, e.title));
            ev.appendChild(li);
          });
          more.appendChild(ev);
        }
        more.appendChild(link(d.timelineUrl, "Timeline of this place"));
      })
      .catch(function () { more.textContent = "Could not load the place's figures."; });
    return box;
  }

  function draw(data) {
    layer.clearLayers();
    var bounds = [];
    data.markers.forEach(function (m) {
      var weight = m.events + m.activities;
      var radius = weight ? Math.min(28, 5 + Math.sqrt(weight) * 2) : 3;
      var circle = L.circleMarker([m.lat, m.lon], {
        radius: radius,
        color: m.incidents ? "#a4262c" : (weight ? "#1f5f99" : "#7a8591"),
        weight: weight ? 2 : 1,
        fillOpacity: weight ? 0.55 : 0.25,
      });
      var label = m.name + (weight ? " — " + m.events + " events, " + m.activities + " activities" : "");
      circle.bindTooltip(label);
      if (m.id === null) {
        circle.on("click", function () { map.setView([m.lat, m.lon], Math.min(map.getZoom() + 2, 12)); });
      } else {
        circle.bindPopup(function () { return popupFor(m); }, { maxWidth: 320 });
      }
      circle.addTo(layer);
      if (weight) bounds.push([m.lat, m.lon]);
    });
    if (!fitted && bounds.length) {
      fitted = true;
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
    }
  }

  var pending = null;
  function load() {
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url("zoom=" + map.getZoom()), { headers: { Accept: "application/json" }, credentials: "same-origin", signal: pending.signal })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(draw)
      .catch(function (e) { if (e.name !== "AbortError") el.setAttribute("data-error", "map data could not be loaded"); });
  }
  map.on("zoomend", load);
  load();
})();
