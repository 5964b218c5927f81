// Map page: places and events from the page's JSON block, clustered on a grid
// that shrinks as you zoom; an SVG viewBox over the bundled basemap. Elements
// are created with createElementNS/textContent only: no HTML from data.
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("map");
  var layer = document.getElementById("points");
  var dataEl = document.getElementById("map-data");
  if (!svg || !layer || !dataEl) return;
  var points = JSON.parse(dataEl.textContent || "[]");
  var list = document.getElementById("map-list");
  var hint = document.getElementById("map-hint");
  var FULL = [-180, -90, 360, 180];
  var view = FULL.slice();

  function setView(v) {
    var w = Math.min(360, Math.max(2, v[2]));
    var h = w / 2;
    var x = Math.min(180 - w, Math.max(-180, v[0]));
    var y = Math.min(90 - h, Math.max(-90, v[1]));
    view = [x, y, w, h];
    svg.setAttribute("viewBox", view.join(" "));
    draw();
  }

  function clusters() {
    var cell = view[2] / 36; // about 36 cells across whatever is in view
    var buckets = {};
    var out = [];
    points.forEach(function (p, i) {
      var key = Math.floor(p.lon / cell) + ":" + Math.floor(-p.lat / cell);
      var b = buckets[key];
      if (!b) { b = buckets[key] = { x: 0, y: 0, members: [] }; out.push(b); }
      b.x += p.lon; b.y += -p.lat; b.members.push(i);
    });
    out.forEach(function (b) { b.x /= b.members.length; b.y /= b.members.length; });
    return out;
  }

  function draw() {
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    var unit = view[2] / 360;
    clusters().forEach(function (b) {
      var n = b.members.length;
      var first = points[b.members[0]];
      var g = document.createElementNS(SVGNS, "g");
      var c = document.createElementNS(SVGNS, "circle");
      c.setAttribute("cx", b.x);
      c.setAttribute("cy", b.y);
      c.setAttribute("r", unit * (n > 1 ? 3 + 1.6 * Math.log2(n) : 2.6));
      c.setAttribute("class", "pt " + (n > 1 ? "cluster" : first.k));
      c.setAttribute("data-count", String(n));
      var t = document.createElementNS(SVGNS, "title");
      t.textContent = n > 1 ? n + " points" : (first.name || "") + (first.type ? " · " + first.type : "");
      c.appendChild(t);
      g.appendChild(c);
      if (n > 1) {
        var label = document.createElementNS(SVGNS, "text");
        label.setAttribute("x", b.x);
        label.setAttribute("y", b.y + unit * 1.2);
        label.setAttribute("text-anchor", "middle");
        label.setAttribute("class", "n");
        label.setAttribute("font-size", unit * 3.4);
        label.textContent = String(n);
        g.appendChild(label);
      }
      g.addEventListener("click", function (ev) {
        ev.stopPropagation();
        show(b.members);
        Array.prototype.forEach.call(layer.querySelectorAll(".pt.selected"), function (el) { el.classList.remove("selected"); });
        c.classList.add("selected");
        if (n > 1 && view[2] > 4) {
          var w = view[2] / 3;
          setView([b.x - w / 2, b.y - w / 4, w, w / 2]);
        }
      });
      layer.appendChild(g);
    });
  }

  function show(members) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (hint) hint.hidden = true;
    members.slice(0, 100).forEach(function (i) {
      var p = points[i];
      var li = document.createElement("li");
      li.className = "map-item " + p.k;
      var head = document.createElement("strong");
      head.textContent = p.name || "(unnamed)";
      li.appendChild(head);
      var bits = [];
      if (p.k === "place") bits.push("place" + (p.country ? " in " + p.country : "") + ", " + p.n + " article" + (p.n === 1 ? "" : "s"));
      if (p.type) bits.push(p.type);
      if (p.date) bits.push(String(p.date).slice(0, 10));
      if (p.actor || p.target) bits.push((p.actor || "?") + " → " + (p.target || "?"));
      bits.push(p.lat.toFixed(2) + ", " + p.lon.toFixed(2));
      var meta = document.createElement("span");
      meta.className = "sub";
      meta.textContent = " " + bits.join(" · ");
      li.appendChild(meta);
      if (p.text) {
        var d = document.createElement("div");
        d.textContent = p.text;
        li.appendChild(d);
      }
      if (p.article) {
        var a = document.createElement("a");
        a.href = "/articles/" + encodeURIComponent(p.article);
        a.textContent = "article";
        li.appendChild(a);
      } else if (p.key) {
        var tl = document.createElement("a");
        tl.href = "/timeline?place=" + encodeURIComponent(p.name || p.key);
        tl.textContent = "timeline";
        li.appendChild(tl);
      }
      list.appendChild(li);
    });
    if (members.length > 100) {
      var more = document.createElement("li");
      more.textContent = "… and " + (members.length - 100) + " more: zoom in";
      list.appendChild(more);
    }
  }

  function zoom(f, cx, cy) {
    var w = view[2] / f;
    if (cx === undefined) { cx = view[0] + view[2] / 2; cy = view[1] + view[3] / 2; }
    setView([cx - (cx - view[0]) / f, cy - (cy - view[1]) / f, w, w / 2]);
  }

  function toMap(ev) {
    var r = svg.getBoundingClientRect();
    // preserveAspectRatio meet: the drawing is letterboxed inside the element
    var s = Math.min(r.width / view[2], r.height / view[3]);
    var ox = (r.width - view[2] * s) / 2, oy = (r.height - view[3] * s) / 2;
    return [view[0] + (ev.clientX - r.left - ox) / s, view[1] + (ev.clientY - r.top - oy) / s, s];
  }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var m = toMap(ev);
    zoom(ev.deltaY < 0 ? 1.5 : 1 / 1.5, m[0], m[1]);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, v: view.slice(), s: toMap(ev)[2] }; });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag || (ev.buttons & 1) === 0) return;
    var dx = (ev.clientX - drag.x) / drag.s, dy = (ev.clientY - drag.y) / drag.s;
    if (Math.abs(dx) + Math.abs(dy) < 0.01) return;
    setView([drag.v[0] - dx, drag.v[1] - dy, drag.v[2], drag.v[3]]);
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.5); });
  document.getElementById("zoom-reset").addEventListener("click", function () { setView(FULL.slice()); });
  setView(FULL.slice());
})();
