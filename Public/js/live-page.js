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
  events.addEventListener("open", function () { say(note && note.getAttribute("data-connected")); });
  events.addEventListener("error", function () { say(note && note.getAttribute("data-lost")); });
  events.addEventListener("page", function (event) {
    // Keep the reader's place: the focused control (by id) and any opened details, by position.
    var active = document.activeElement && region.contains(document.activeElement) ? document.activeElement : null;
    var focused = active ? active.id : "";
    var focusables = 'a[href], button, input, select, textarea, summary, [tabindex]';
    var position = active ? Array.prototype.indexOf.call(region.querySelectorAll(focusables), active) : -1;
    var opened = Array.prototype.map.call(region.querySelectorAll("details"), function (d) { return d.open; });
    region.innerHTML = event.data.split("{{podium-csrf}}").join(token);
    region.setAttribute("data-live-id", event.lastEventId);
    Array.prototype.forEach.call(region.querySelectorAll("details"), function (d, i) { if (opened[i]) d.open = true; });
    var again = (focused && document.getElementById(focused)) || (position >= 0 && region.querySelectorAll(focusables)[position]);
    if (again) again.focus();
    var now = new Date();
    var time = two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
    say(note && (note.getAttribute("data-updated") || "").replace("{time}", time));
  });
})();
