// veille serve: reloads the page after each rebuild and shows build errors. Injected into pages
// by the preview server only; never part of a built site.
(function () {
  var events = new EventSource("/__veille/events");
  var overlay = null;
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("build-error", function (e) {
    if (!overlay) {
      overlay = document.createElement("pre");
      overlay.id = "veille-build-error";
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;padding:1rem;background:#7a1212;color:#fff;font:13px/1.4 monospace;z-index:2147483647;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "veille build failed — the last good build is shown\n\n" + e.data;
  });
})();
