/* "Wer ist an meiner Schule?": filters the list of schools while typing.
   The page is complete without this script; it only shows the search field and hides what does not match.
   Matching ignores case, accents and umlauts ("rosslau" finds "Roßlau", "akazien" finds "Akazienwäldchen")
   and also looks at the district and the school form above each link.
   It also answers the start page's finder (?q=…, see below). */
(function () {
  "use strict";
  var box = document.querySelector(".sf-schulsuche");
  if (!box) return;
  var input = box.querySelector("input[type=search]");
  var status = box.querySelector(".sf-schulsuche__status");
  var empty = document.querySelector(".sf-schulsuche__leer");
  var forms = Array.prototype.slice.call(document.querySelectorAll(".sf-schulform"));

  function normal(text) {
    return text.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9\u0400-\u04ff]+/g, " ").trim();
  }

  // Every school once, with the words it can be found by.
  var entries = [];
  forms.forEach(function (form) {
    var formName = form.querySelector("h2").textContent;
    form.querySelectorAll(".sf-stadtteil").forEach(function (group) {
      var district = group.querySelector("h3").textContent;
      group.querySelectorAll("li").forEach(function (li) {
        entries.push({ li: li, group: group, form: form, text: normal(li.textContent + " " + district + " " + formName) });
      });
    });
  });

  var timer;
  function filter() {
    var words = normal(input.value).split(" ").filter(Boolean);
    var shown = 0;
    entries.forEach(function (e) {
      var hit = words.every(function (w) { return e.text.indexOf(w) !== -1; });
      e.li.hidden = !hit;
      if (hit) shown += 1;
    });
    [".sf-stadtteil", ".sf-schulform"].forEach(function (selector) {
      document.querySelectorAll(selector).forEach(function (el) {
        el.hidden = !el.querySelector("li:not([hidden])");
      });
    });
    empty.hidden = shown > 0;
    // Announce the count after a short pause, not on every key press.
    clearTimeout(timer);
    timer = setTimeout(function () {
      status.textContent = words.length === 0 ? "" :
        shown === 0 ? "Keine Schule gefunden" : shown === 1 ? "1 Schule gefunden" : shown + " Schulen gefunden";
    }, 400);
  }

  input.addEventListener("input", filter);
  box.hidden = false;

  // The start page's finder sends ?q=…: a school's exact name (chosen from its suggestions) opens that school's
  // page; anything else filters the list here. Without this script, ?q= is ignored and the whole list shows.
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    var wanted = normal(q);
    var exact = entries.filter(function (e) { return normal(e.li.querySelector("a").textContent) === wanted; });
    if (exact.length === 1) {
      window.location.replace(exact[0].li.querySelector("a").href);
      return;
    }
    input.value = q;
  }
  if (input.value) filter(); // from ?q=, or a value kept by the browser after "back"
})();
