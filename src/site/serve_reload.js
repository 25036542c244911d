// veille serve: reloads the page after each rebuild and shows what went wrong in an overlay
// (a failed build, or content files a good build skipped), naming files and lines. Injected
// into pages by the preview server only; never part of a built site. The next good build
// reloads the page, and a page loads without an overlay.
(function () {
  var events = new EventSource("/__veille/events");
  var overlay = null;
  function show(heading, text) {
    if (!overlay) {
      overlay = document.createElement("pre");
      overlay.id = "veille-build-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;padding:1rem;background:#7a1212;color:#fff;font:13px/1.4 monospace;z-index:2147483647;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = heading + "\n\n" + text;
  }
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("build-error", function (e) {
    show("veille build failed — the last good build is shown", e.data);
  });
  events.addEventListener("build-skipped", function (e) {
    show("veille built the site without these content files", e.data);
  });
})();
