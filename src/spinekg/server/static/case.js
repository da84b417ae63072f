// The case pages: open every explanation before printing (and restore after); an "expand all" button.
"use strict";
(function () {
  let reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = Array.from(document.querySelectorAll("details:not([open])"));
    reopened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button.expand-all").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        const closed = document.querySelectorAll(".tree details:not([open])");
        const open = closed.length > 0;
        document.querySelectorAll(".tree details").forEach(function (d) { d.open = open; });
        button.textContent = open ? "Collapse all" : "Expand all";
      });
    });
  });
})();
