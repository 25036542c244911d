// Sorts the term lists of an index page by article count or by name. Without JavaScript the
// lists stay in count order and the buttons stay hidden.
(function () {
  var bar = document.querySelector(".sort");
  if (!bar) return;
  bar.hidden = false;
  var buttons = bar.querySelectorAll("button");
  function sortBy(key) {
    document.querySelectorAll(".term-list").forEach(function (list) {
      var items = Array.prototype.slice.call(list.children);
      items.sort(function (a, b) {
        if (key === "name") return a.dataset.name.localeCompare(b.dataset.name);
        return (b.dataset.count - a.dataset.count) || a.dataset.name.localeCompare(b.dataset.name);
      });
      items.forEach(function (item) { list.appendChild(item); });
    });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.sort === key)); });
  }
  buttons.forEach(function (b) { b.addEventListener("click", function () { sortBy(b.dataset.sort); }); });
})();
