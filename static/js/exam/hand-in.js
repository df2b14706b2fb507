/* The exam page: handing in. Answers still being typed are saved first; the
 * confirmation then says whether every answer reached the server.
 */
import { examMessage } from "./autosave.js";

export function initHandIn(exam, save) {
  function message(name) {
    return examMessage(exam, name);
  }

  function flushSaves() {
    document.querySelectorAll("form.exam-answer").forEach(function (form) {
      if (form._dirty) save(form);
    });
    return new Promise(function (resolve) {
      var waited = 0;
      (function check() {
        // The tools (exam/tools/server.js) count their own saves (a flag, a note) in toolsPending.
        var done = exam.dataset.pending === "0" && (exam.dataset.toolsPending || "0") === "0";
        if (done || waited >= 8000) return resolve(exam.dataset.pending === "0");
        waited += 100;
        setTimeout(check, 100);
      })();
    });
  }

  var modalEl = document.getElementById("submit-modal");
  var modal = modalEl && window.bootstrap ? new bootstrap.Modal(modalEl) : null;

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-submit-trigger]");
    if (!trigger || !modal) return;
    event.preventDefault();
    // The blur of a field fires its change (a save) before this click: wait for it.
    setTimeout(function () {
      flushSaves().then(function (allSaved) {
        htmx
          .ajax("GET", trigger.getAttribute("href"), { target: "#submit-modal-content", swap: "innerHTML" })
          .then(function () {
            var warning = modalEl.querySelector("[data-unsaved-warning]");
            if (warning && !allSaved) {
              warning.textContent = message("UnsavedSubmit");
              warning.hidden = false;
              var button = modalEl.querySelector("#confirm-submit");
              if (button) button.disabled = true;
            }
            modal.show();
          });
      });
    }, 0);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-submit-form]");
    if (!form) return;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    exam.dataset.pending = "0"; // leaving on purpose: no "unsaved changes" prompt
  });
}
