// sitegen serve: reload on rebuild, show the editor's mistakes over the last good page.
(function () {
  "use strict";
  var source = new EventSource("/__sitegen/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("search", function (event) {
    var data = JSON.parse(event.data);
    var old = document.getElementById("sitegen-search-stale");
    if (old) { old.remove(); }
    if (data.stale && /\/tim-kiem\/?$/.test(location.pathname)) {
      var holder = document.createElement("div");
      holder.innerHTML = data.notice;
      document.body.appendChild(holder.firstChild);
    }
  });
  source.addEventListener("errors", function (event) {
    var data = JSON.parse(event.data);
    var old = document.getElementById("sitegen-errors");
    if (old) { old.remove(); }
    var holder = document.createElement("div");
    holder.innerHTML = data.overlay;
    document.body.appendChild(holder.firstChild);
  });
})();
