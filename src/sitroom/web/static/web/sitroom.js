// sitroom: behaviour shared by every page. Small, no framework, CSP-safe (no eval, no inline handlers).
(function () {
  "use strict";
  // Close the Records menu when focus or a click leaves it, and on Escape.
  document.addEventListener("click", function (ev) {
    document.querySelectorAll(".menu details[open]").forEach(function (d) {
      if (!d.contains(ev.target)) d.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      document.querySelectorAll(".menu details[open]").forEach(function (d) {
        d.removeAttribute("open");
        var s = d.querySelector("summary"); if (s) s.focus();
      });
    }
  });
  // Buttons that ask for confirmation carry data-confirm="question".
  document.addEventListener("submit", function (ev) {
    var btn = ev.submitter;
    var q = (btn && btn.getAttribute("data-confirm")) || ev.target.getAttribute("data-confirm");
    if (q && !window.confirm(q)) ev.preventDefault();
  });
})();
