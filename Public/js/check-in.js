// The door page: narrows the list as the name is typed, without a round trip. Without this script the
// search box is an ordinary form and the server narrows the list (`?q=`).
(function () {
  "use strict";
  var input = document.getElementById("check-in-q");
  var list = document.getElementById("door-list");
  var none = document.getElementById("door-none");
  if (!input || !list) return;
  var rows = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
  function fold(text) { return (text || "").normalize("NFKC").toLowerCase(); }
  function filter() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = fold(row.getAttribute("data-search"));
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (none) none.hidden = shown > 0;
  }
  input.addEventListener("input", filter);
  filter();
})();
