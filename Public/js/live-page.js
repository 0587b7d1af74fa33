// Keeps a public page current: the server sends the page's content again whenever the data behind it
// changes (a result, a standing, a timing read, a decision). The browser reconnects by itself and sends
// the id of what it shows, so nothing is sent twice and nothing is missed after a dropped connection.
(function () {
  "use strict";
  var region = document.getElementById("live-region");
  if (!region || !window.EventSource) return;
  var note = document.getElementById("live-note");
  var tokenField = document.querySelector('input[name="_csrf"]');
  var token = tokenField ? tokenField.value : "";
  var source = region.getAttribute("data-live");
  var since = region.getAttribute("data-live-id") || "";

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function say(text) {
    if (!note || !text) return;
    note.hidden = false;
    note.textContent = text;
  }

  var events = new EventSource(source + (source.indexOf("?") < 0 ? "?" : "&") + "since=" + encodeURIComponent(since));
  // The server ends each stream after a few minutes and the browser comes straight back: only a connection
  // that stays down is announced, and "connected" again only after such a loss.
  var lostTimer = null, lost = false;
  events.addEventListener("open", function () {
    clearTimeout(lostTimer);
    if (lost || (note && note.hidden)) say(note && note.getAttribute("data-connected"));
    lost = false;
  });
  events.addEventListener("error", function () {
    clearTimeout(lostTimer);
    lostTimer = setTimeout(function () {
      if (events.readyState !== EventSource.OPEN) { lost = true; say(note && note.getAttribute("data-lost")); }
    }, 5000);
  });
  events.addEventListener("page", function (event) {
    // Keep the reader's place: the focused control (by id, or a link by where it leads and what it says)
    // and any opened details (by their summary's text).
    var active = document.activeElement && region.contains(document.activeElement) ? document.activeElement : null;
    var key = function (el) { return el.id ? "#" + el.id : (el.getAttribute("href") || "") + "|" + el.textContent.trim(); };
    var focusedKey = active ? key(active) : null;
    var summaryText = function (d) { var s = d.querySelector("summary"); return s ? s.textContent.trim() : ""; };
    var opened = Array.prototype.filter.call(region.querySelectorAll("details"), function (d) { return d.open; }).map(summaryText);
    region.innerHTML = event.data.split("{{podium-csrf}}").join(token);
    region.setAttribute("data-live-id", event.lastEventId);
    Array.prototype.forEach.call(region.querySelectorAll("details"), function (d) { if (opened.indexOf(summaryText(d)) >= 0) d.open = true; });
    if (focusedKey !== null) {
      var again = Array.prototype.filter.call(region.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]"),
        function (el) { return key(el) === focusedKey; })[0];
      if (again) { again.focus(); } else { region.setAttribute("tabindex", "-1"); region.focus(); }
    }
    var now = new Date();
    var time = two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
    say(note && (note.getAttribute("data-updated") || "").replace("{time}", time));
  });
})();
