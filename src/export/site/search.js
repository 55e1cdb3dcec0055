// The home page's search box: matches what is typed against the names of the states and
// jurisdictions and the descriptions and audiences of their documents in
// window.responsekitIndex (the page's language, written by the build as a script beside this
// one: no request, so it works from file:// too). Every word typed must appear, ignoring case
// and accents. Results are built as DOM nodes (never HTML from the index) and their count is
// announced.
"use strict";
(function () {
  var form = document.querySelector("form.search");
  var states = window.responsekitIndex;
  if (!form || !Array.isArray(states)) return;
  var input = form.querySelector("input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var LIMIT = 50;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Every searchable entry once: a jurisdiction (with its state's name), or a document (with
  // its jurisdiction's and state's names, so "alameda detainer" finds Alameda's letter).
  var entries = [];
  states.forEach(function (state) {
    var kits = (state.state ? [state.state] : []).concat(state.kits);
    kits.forEach(function (kit) {
      var place = kit.name === state.name ? kit.name : kit.name + ", " + state.name;
      entries.push({ label: place, href: kit.href, text: fold(place), own: "" });
      (kit.documents || []).forEach(function (doc) {
        entries.push({ label: doc.title + " — " + kit.name, href: doc.href,
          text: fold(place + " " + doc.title + " " + doc.audience),
          own: fold(doc.title + " " + doc.audience) });
      });
    });
  });

  function search() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    list.replaceChildren();
    if (!words.length) { status.textContent = ""; return; }
    // A document is listed only when some word is its own, not its jurisdiction's alone:
    // typing a county's name lists the county, not its every document.
    var found = entries.filter(function (e) {
      return words.every(function (w) { return e.text.indexOf(w) >= 0; }) &&
        (!e.own || words.some(function (w) { return e.own.indexOf(w) >= 0; }));
    });
    found.slice(0, LIMIT).forEach(function (e) {
      var a = document.createElement("a");
      a.href = e.href;
      a.textContent = e.label;
      var li = document.createElement("li");
      li.appendChild(a);
      list.appendChild(li);
    });
    status.textContent = found.length
      ? form.dataset.found.replace("{count}", String(found.length))
      : form.dataset.none;
  }

  form.hidden = false;
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.getAttribute("href");
  });
  if (input.value) search();
})();
