// Filter forms: changing the event type submits at once.
(function () {
  "use strict";
  var sel = document.getElementById("filter-type");
  if (sel && sel.form) sel.addEventListener("change", function () { sel.form.submit(); });
})();
