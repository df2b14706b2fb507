// Behaviour every page shares. The Content-Security-Policy allows no inline script
// (docs/security.md), so what used to be onclick/onchange attributes and <script>
// blocks in templates lives here, wired by data attributes.
(function () {
  "use strict";

  // <select data-autosubmit>: the language switcher sends its form on change.
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });

  // <button data-print>: print the page (the pupils' passwords after an import).
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
})();
