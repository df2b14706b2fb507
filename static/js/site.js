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

  // #assignment-countdown: counts down to the server's deadline. The remaining time is
  // taken from the server's clock at render time, so a pupil's wrong computer clock
  // changes nothing; the server refuses late saves and hands the attempt in when the
  // page is opened after the deadline.
  const box = document.getElementById("assignment-countdown");
  if (box) {
    const left = Date.parse(box.dataset.deadline) - Date.parse(box.dataset.serverNow);
    const start = performance.now();
    const out = box.querySelector("[data-remaining]");
    let timer = null;
    const tick = () => {
      const ms = Math.max(0, left - (performance.now() - start));
      const s = Math.floor(ms / 1000);
      const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
      out.textContent = (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(sec).padStart(2, "0");
      box.classList.toggle("text-bg-warning", s <= 300 && s > 60);
      box.classList.toggle("text-bg-danger", s <= 60);
      if (ms <= 0) {
        clearInterval(timer);
        // Give saves on their way a moment, then let the server close the attempt.
        setTimeout(() => window.location.reload(), 3000);
      }
    };
    timer = setInterval(tick, 1000);
    tick();
  }
})();
