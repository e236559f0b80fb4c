// The source reader: keyboard review (j/k move, a accept, e edit, r reject, n next unreviewed) and
// highlighting of the claim named in the address (#claim-<id>) across all pieces of its span.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("#claim-list .claim-item"));
  var configEl = document.getElementById("reader-config");
  var config = configEl ? JSON.parse(configEl.textContent) : {};
  var current = -1;

  function claimIdFromHash() {
    var m = /^#claim-(\d+)$/.exec(window.location.hash);
    return m ? m[1] : null;
  }

  function select(index, scrollText) {
    if (index < 0 || index >= items.length) return;
    current = index;
    var id = items[index].getAttribute("data-claim");
    document.querySelectorAll(".is-current").forEach(function (el) { el.classList.remove("is-current"); });
    items[index].classList.add("is-current");
    items[index].scrollIntoView({ block: "nearest" });
    var marks = document.querySelectorAll('mark[data-claim="' + id + '"]');
    marks.forEach(function (m) { m.classList.add("is-current"); });
    if (scrollText && marks.length) marks[0].scrollIntoView({ block: "center" });
    items[index].focus({ preventScroll: true });
  }

  function selectById(id, scrollText) {
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-claim") === id) { select(i, scrollText); return; }
    }
    // A claim of a kind not listed: still highlight its span.
    document.querySelectorAll('mark[data-claim="' + id + '"]').forEach(function (m) { m.classList.add("is-current"); });
  }

  var fromHash = claimIdFromHash();
  if (fromHash) selectById(fromHash, true);
  window.addEventListener("hashchange", function () {
    var id = claimIdFromHash();
    if (id) selectById(id, true);
  });

  // Clicking a highlighted span selects its claim in the list.
  var text = document.getElementById("source-text");
  if (text) {
    text.addEventListener("click", function (ev) {
      var mark = ev.target.closest("mark[data-claim]");
      if (mark) selectById(mark.getAttribute("data-claim"), false);
    });
  }

  function press(selector) {
    if (current < 0) return false;
    var el = items[current].querySelector(selector);
    if (!el) return false;
    el.click();
    return true;
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || ev.target.isContentEditable) return;
    switch (ev.key) {
      case "j": select(Math.min(items.length - 1, current + 1), true); break;
      case "k": select(Math.max(0, current - 1), true); break;
      case "a": if (!press('button[data-key="a"]')) return; break;
      case "r": if (!press('button[data-key="r"]')) return; break;
      case "e": {
        if (current < 0) return;
        var d = items[current].querySelector('details[data-key="e"]');
        if (!d) return;
        d.open = true;
        var first = d.querySelector("input, select");
        if (first) first.focus();
        break;
      }
      case "n": {
        var after = current >= 0 ? items[current].getAttribute("data-claim") : "";
        if (!config.nextUrl) return;
        window.location.href = config.nextUrl + (after ? "?after=" + encodeURIComponent(after) : "");
        break;
      }
      default: return;
    }
    ev.preventDefault();
  });
})();
