// Menuju kiosk: keep the screen current without reloading. Polls data.json every 30 s;
// when the server cannot be reached, keeps the last data, says how old it is, and retries
// with backoff (30 s, 60 s, 120 s, ... capped at 5 min). No framework, no external assets.
(function () {
  "use strict";
  var POLL_MS = 30000, MAX_MS = 300000;
  var screen = document.getElementById("screen");
  if (!screen) { return; }
  var url = screen.getAttribute("data-url");
  var serverNowMs = Number(screen.getAttribute("data-as-of"));
  var loadedAtMs = Date.now();      // client clock when serverNowMs was true
  var lastOkMs = Date.now();
  var delayMs = POLL_MS;
  var offline = false;

  function nowMs() { return serverNowMs + (Date.now() - loadedAtMs); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function hhmm(ms) {
    var d = new Date(ms + 7 * 3600000);   // Asia/Jakarta, UTC+7, no DST
    return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }

  function tick() {
    document.getElementById("clock").textContent = hhmm(nowMs());
    var deps = document.querySelectorAll(".dep[data-epoch]");
    for (var i = 0; i < deps.length; i++) {
      var left = Math.floor((Number(deps[i].getAttribute("data-epoch")) * 1000 - nowMs()) / 60000);
      var n = deps[i].querySelector(".n");
      if (left < 0) { deps[i].style.display = "none"; }
      else if (n) { n.textContent = String(left); }
    }
    var ageMin = Math.floor((Date.now() - lastOkMs) / 60000);
    var fresh = document.getElementById("freshness");
    if (offline || ageMin >= 2) {
      fresh.className = "stale";
      fresh.textContent = (screen.getAttribute("data-stale") || "%N% min").split("%N%")
        .join(String(ageMin));
    } else {
      fresh.className = "fresh";
      fresh.textContent = "";
    }
    document.body.classList.toggle("offline", offline);
  }

  function apply(data) {
    serverNowMs = data.as_of_epoch_ms;
    loadedAtMs = Date.now();
    var open = document.querySelector(".venue.open");
    var openId = open ? open.id : null;
    document.getElementById("departures").innerHTML = data.html.departures;
    document.getElementById("venues").innerHTML = data.html.venues;
    document.getElementById("events").innerHTML = data.html.events;
    var alerts = document.getElementById("alerts");
    if (alerts && data.html.alerts !== undefined) { alerts.innerHTML = data.html.alerts; }
    var vehicles = document.getElementById("vehicles");
    if (vehicles && data.html.vehicles !== undefined) { vehicles.innerHTML = data.html.vehicles; }
    var reach = document.getElementById("reach");
    if (reach && data.html.reach !== undefined) { reach.innerHTML = data.html.reach; }
    document.getElementById("as-of").textContent = data.clock;
    if (openId && document.getElementById(openId)) { toggle(document.getElementById(openId)); }
  }

  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url, true);
    xhr.timeout = 15000;
    xhr.onload = function () {
      var data = null;
      if (xhr.status === 200) {
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      }
      if (data && data.html) {
        apply(data);
        lastOkMs = Date.now();
        offline = false;
        delayMs = POLL_MS;
      } else {
        fail();
      }
      done();
    };
    xhr.onerror = xhr.ontimeout = function () { fail(); done(); };
    xhr.send();
  }
  function fail() {
    offline = true;
    delayMs = Math.min(delayMs * 2, MAX_MS);
  }
  function done() { tick(); window.setTimeout(poll, offline ? delayMs : POLL_MS); }

  // Touch: tap a venue card to expand it; tap again (or wait 60 s) to go back.
  var closeTimer = null;
  function toggle(card) {
    var list = document.getElementById("venues");
    var opening = !card.classList.contains("open");
    var cards = list.querySelectorAll(".venue");
    for (var i = 0; i < cards.length; i++) {
      cards[i].classList.remove("open");
      cards[i].setAttribute("aria-expanded", "false");
    }
    list.classList.toggle("has-open", opening);
    if (opening) {
      card.classList.add("open");
      card.setAttribute("aria-expanded", "true");
      window.clearTimeout(closeTimer);
      closeTimer = window.setTimeout(function () {
        if (card.classList.contains("open")) { toggle(card); }
      }, 60000);
    }
  }
  document.getElementById("venues").addEventListener("click", function (ev) {
    var card = ev.target.closest ? ev.target.closest(".venue") : null;
    if (card) { toggle(card); }
  });
  document.getElementById("venues").addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.classList.contains("venue")) {
      ev.preventDefault();
      toggle(ev.target);
    }
  });

  // Longer texts alternate between the screen's language and English (or Indonesian).
  var LANG_MS = 8000;
  document.body.classList.add("alt-id");
  window.setInterval(function () {
    var en = document.body.classList.contains("alt-id");
    document.body.classList.toggle("alt-id", !en);
    document.body.classList.toggle("alt-en", en);
  }, LANG_MS);

  // Text in another script than the page's can be laid out before its Noto font has loaded
  // and keep the fallback boxes after it loads: Chromium keeps the font fallback it chose
  // per font description (seen in the language bar, the bold badges and the map labels).
  // Once fonts are in, a new description (an invisible change of letter spacing) makes it
  // choose again.
  var refonts = 0;
  function refont() {
    refonts += 1;
    document.documentElement.style.letterSpacing = (refonts / 1000) + "px";
  }
  if (document.fonts) {
    document.fonts.ready.then(refont);
    document.fonts.addEventListener("loadingdone", refont);
  }

  tick();
  window.setInterval(tick, 15000);
  window.setTimeout(poll, POLL_MS);
})();
