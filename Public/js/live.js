// The live board follows the race through Server-Sent Events. The browser reconnects by itself and
// sends the last event id, so nothing is missed after a tunnel or a dropped mobile connection.
(function () {
  "use strict";
  var table = document.getElementById("live-board");
  if (!table) return;
  var status = document.getElementById("live-status");
  var clock = document.getElementById("race-clock");
  var updated = document.getElementById("board-updated");
  var raceState = document.getElementById("race-state");
  var start = parseInt(clock && clock.getAttribute("data-start"), 10);
  var end = parseInt(clock && clock.getAttribute("data-end"), 10);

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    if (!clock) return;
    if (isNaN(start)) { clock.textContent = "—"; return; }
    var s = Math.max(0, Math.ceil(((isNaN(end) ? Date.now() : end) - start) / 1000));
    clock.textContent = Math.floor(s / 3600) + ":" + two(Math.floor((s % 3600) / 60)) + ":" + two(s % 60);
  }
  setInterval(tick, 1000);
  tick();

  if (!window.EventSource) return;
  var cells = ["position", "bib", "name", "status", "lastPoint", "time", "gap", "projected"];
  var classes = { position: "pos", bib: "bib", name: "team", time: "time" };
  var previous = {};

  function render(board) {
    start = board.startAt ? board.startAt : NaN;
    end = board.endAt ? board.endAt : NaN;
    var body = document.createElement("tbody");
    board.rows.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.className = "state-" + row.state;
      var signature = row.position + "|" + row.lastPoint + "|" + row.state;
      if (previous[row.bib] !== undefined && previous[row.bib] !== signature) tr.className += " changed";
      previous[row.bib] = signature;
      cells.forEach(function (key) {
        var td = document.createElement("td");
        if (classes[key]) td.className = classes[key];
        td.textContent = row[key];
        if (key === "status" && row.runner) {
          td.appendChild(document.createElement("br"));
          var runner = document.createElement("span");
          runner.className = "runner";
          runner.textContent = row.runner;
          td.appendChild(runner);
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.replaceChild(body, table.tBodies[0]);
    if (updated) updated.textContent = board.updated;
    if (raceState) raceState.textContent = board.raceState;
    tick();
  }

  table.tBodies[0] && Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
    var c = tr.cells;
    if (c.length > 4) previous[c[1].textContent] = c[0].textContent + "|" + c[4].textContent + "|" + tr.className.replace("state-", "");
  });

  var url = table.getAttribute("data-events") + "?since=" + encodeURIComponent(table.getAttribute("data-revision") || "");
  var source = new EventSource(url);
  source.addEventListener("open", function () { if (status) status.textContent = status.getAttribute("data-connected"); });
  source.addEventListener("error", function () { if (status) status.textContent = status.getAttribute("data-lost"); });
  source.addEventListener("board", function (event) {
    try { render(JSON.parse(event.data)); } catch (e) { /* a malformed event is skipped; the next one replaces the board */ }
  });
})();
