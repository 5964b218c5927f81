// Article page: click (or Enter on) a highlighted passage to show the cards of
// every item covering it; toggle kinds in the legend. Only existing elements
// are shown or hidden: no HTML is ever built from article text.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var details = document.getElementById("details");
  if (!text || !details) return;
  var cards = Array.prototype.slice.call(details.querySelectorAll(".card[data-item]"));
  var hint = document.getElementById("details-hint");
  var spans = Array.prototype.slice.call(text.querySelectorAll(".hl"));

  function select(ids) {
    var wanted = {};
    ids.forEach(function (id) { wanted[id] = true; });
    var shown = 0;
    cards.forEach(function (card) {
      var on = wanted[card.getAttribute("data-item")] === true;
      card.hidden = !on;
      if (on) shown += 1;
    });
    if (hint) hint.hidden = shown > 0;
    spans.forEach(function (s) {
      var its = (s.getAttribute("data-items") || "").split(" ");
      var hit = its.some(function (id) { return wanted[id] === true; });
      s.classList.toggle("selected", hit);
    });
  }

  function fromSpan(el) {
    var ids = (el.getAttribute("data-items") || "").split(" ").filter(Boolean);
    var kinds = (el.getAttribute("data-kinds") || "").split(" ");
    // only kinds currently switched on in the legend
    return ids.filter(function (_, i) { return !document.body.classList.contains("hide-" + kinds[i]); });
  }

  text.addEventListener("click", function (ev) {
    var el = ev.target.closest(".hl");
    if (el) select(fromSpan(el));
  });
  text.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    var el = ev.target.closest(".hl");
    if (el) { ev.preventDefault(); select(fromSpan(el)); }
  });
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-pick]");
    if (!b) return;
    var id = b.getAttribute("data-pick");
    select([id]);
    var first = spans.find(function (s) { return (s.getAttribute("data-items") || "").split(" ").indexOf(id) >= 0; });
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-toggle-kind]"), function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-toggle-kind"), !box.checked);
    });
  });
})();
