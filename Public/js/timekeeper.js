// The timekeeper's page: a tap records the time at once, in the browser, then goes to the server.
// Taps wait in localStorage while the network is down and are sent again until the server has them;
// each carries its own read id, so sending one twice stores it once. A tap without a bib can get its
// bib afterwards: before it is sent, it simply travels with it; after, it is sent as a correction.
(function () {
  "use strict";
  var root = document.getElementById("timekeeper");
  if (!root || !window.fetch || !window.localStorage) return;
  var form = document.getElementById("tap-form");
  var bibInput = document.getElementById("bib");
  var list = document.getElementById("taps");
  var state = document.getElementById("sync-state");
  var said = document.getElementById("tap-said");
  var point = parseInt(root.getAttribute("data-point"), 10);
  var readsURL = root.getAttribute("data-reads-url");
  var csrf = root.getAttribute("data-csrf");
  var zone = root.getAttribute("data-time-zone");
  var key = "podium.taps." + root.getAttribute("data-slug") + "." + point;
  var words = function (name) { return root.getAttribute("data-" + name) || ""; };
  // The phone's clock may be off; measure against the server's clock when the page loaded.
  var offset = parseInt(root.getAttribute("data-server-now"), 10) - Date.now();
  if (isNaN(offset) || Math.abs(offset) < 500) offset = 0;

  var device = localStorage.getItem("podium.device");
  if (!device) {
    device = "phone-" + Math.random().toString(36).slice(2, 10);
    localStorage.setItem("podium.device", device);
  }
  function load() { try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; } }
  function save(taps) { localStorage.setItem(key, JSON.stringify(taps.slice(-200))); }
  function newID() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
  var clockFormat;
  try { clockFormat = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }); }
  catch (e) { clockFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }); }
  function clock(ms) { return clockFormat.format(new Date(ms)) + "." + Math.floor((ms % 1000) / 100); }
  function normal(bib) { bib = (bib || "").trim().toUpperCase(); return /^\d+$/.test(bib) ? String(parseInt(bib, 10)) : bib; }

  var knownBibs = {};
  Array.prototype.forEach.call(document.querySelectorAll("#bibs option"), function (o) { knownBibs[normal(o.value)] = o.textContent; });

  function render() {
    // The list is drawn again after every sync: keep the bib being typed into an assign field, and the focus.
    var active = document.activeElement && list.contains(document.activeElement) ? document.activeElement : null;
    var keep = active ? { readId: active.getAttribute("data-read-id"), tag: active.tagName, value: active.value } : null;
    var taps = load().slice().reverse();
    list.textContent = "";
    taps.forEach(function (tap) {
      var li = document.createElement("li");
      li.className = "tap-row" + (tap.id ? " sent" : " queued") + (tap.bib ? "" : " no-bib");
      var time = document.createElement("span");
      time.className = "time";
      time.textContent = clock(tap.at);
      li.appendChild(time);
      var bib = document.createElement("span");
      bib.className = "bib";
      bib.textContent = tap.bib ? tap.bib + (knownBibs[tap.bib] ? " · " + knownBibs[tap.bib] : " · " + words("unknown-bib")) : words("no-bib");
      li.appendChild(bib);
      var status = document.createElement("span");
      status.className = "sync";
      status.textContent = tap.error ? words("failed") + " " + tap.error : (tap.id && !tap.pendingBib ? words("sent") : words("queued"));
      li.appendChild(status);
      if (!tap.bib || tap.pendingBib) {
        var assign = document.createElement("form");
        assign.className = "assign";
        var input = document.createElement("input");
        input.type = "text";
        input.inputMode = "numeric";
        input.setAttribute("aria-label", words("assign") + " " + clock(tap.at));
        input.setAttribute("data-read-id", tap.readId);
        input.value = tap.pendingBib || "";
        var button = document.createElement("button");
        button.type = "submit";
        button.textContent = words("assign");
        button.setAttribute("data-read-id", tap.readId);
        assign.appendChild(input);
        assign.appendChild(button);
        assign.addEventListener("submit", function (event) {
          event.preventDefault();
          var value = normal(input.value);
          if (!value) return;
          var all = load();
          all.forEach(function (t) {
            if (t.readId !== tap.readId) return;
            if (t.id) { t.pendingBib = value; } else { t.bib = value; }
          });
          save(all);
          render();
          sync();
        });
        li.appendChild(assign);
      }
      list.appendChild(li);
    });
    if (!keep) return;
    var again = keep.readId && list.querySelector(keep.tag.toLowerCase() + '[data-read-id="' + keep.readId + '"]');
    if (again && keep.tag === "INPUT") {
      again.value = keep.value;
      again.focus();
      again.setSelectionRange(keep.value.length, keep.value.length);
    } else if (again) {
      again.focus();
    } else {
      bibInput.focus();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var tap = { readId: newID(), at: Date.now() + offset, bib: normal(bibInput.value) || null, point: point };
    var taps = load();
    taps.push(tap);
    save(taps);
    bibInput.value = "";
    if (said) said.textContent = clock(tap.at) + (tap.bib ? " · " + tap.bib : " · " + words("no-bib"));
    if (navigator.vibrate) navigator.vibrate(60);
    render();
    sync();
  });

  var syncing = false;
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) { return { ok: response.ok, status: response.status, json: json }; });
    });
  }
  function sync() {
    if (syncing) return;
    var taps = load();
    var unsent = taps.filter(function (t) { return !t.id; });
    var toAssign = taps.filter(function (t) { return t.id && t.pendingBib; });
    if (!unsent.length && !toAssign.length) { state.textContent = words("online"); return; }
    syncing = true;
    var work = Promise.resolve();
    if (unsent.length) {
      work = work.then(function () {
        return post(readsURL, { reads: unsent.map(function (t) { return { bib: t.bib, point: t.point, at: t.at, device: device, readId: t.readId }; }) })
          .then(function (result) {
            var all = load();
            if (result.ok && result.json.ids && result.json.ids.length === unsent.length) {
              unsent.forEach(function (t, i) { all.forEach(function (a) { if (a.readId === t.readId) { a.id = result.json.ids[i]; a.error = null; } }); });
            } else if (!result.ok && result.status < 500 && result.status !== 429) {
              // Refused for a reason retrying will not fix: show it and keep the tap for the official.
              var detail = (result.json && (result.json.detail || result.json.title)) || String(result.status);
              unsent.forEach(function (t) { all.forEach(function (a) { if (a.readId === t.readId) a.error = detail; }); });
            }
            save(all);
          });
      });
    }
    toAssign.forEach(function (tap) {
      work = work.then(function () {
        return post(readsURL + "/" + tap.id + "/corrections", { kind: "assign", bib: tap.pendingBib, reason: words("assign") + " · " + device })
          .then(function (result) {
            if (!result.ok) return;
            var all = load();
            all.forEach(function (a) { if (a.readId === tap.readId) { a.bib = a.pendingBib; a.pendingBib = null; } });
            save(all);
          });
      });
    });
    work.then(function () { state.textContent = words("online"); }, function () { state.textContent = words("offline"); })
      .then(function () { syncing = false; render(); });
  }

  window.addEventListener("online", sync);
  setInterval(sync, 3000);
  render();
  sync();
})();
