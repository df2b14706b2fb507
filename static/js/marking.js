// Keyboard marking for the grading page: grade a question for a whole class without the mouse.
// j / ArrowDown: next answer; k / ArrowUp: previous; 1-9: tick or untick model element n;
// z: tick or untick "in full sentences" (confirm or flip the computer's proposal);
// Enter: save the score and move on; s: accept the pupil's self-score.
// Without this script the page still works: every card is a plain form.
(function () {
  "use strict";
  const list = document.querySelector("[data-marking]");
  if (!list) return;
  let current = 0;
  let pending = null; // the answer id whose save is on its way

  function cards() {
    return Array.from(list.querySelectorAll(".marking-answer"));
  }

  function select(index, scroll) {
    const all = cards();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((card, i) => card.classList.toggle("is-current", i === current));
    const card = all[current];
    if (!card.contains(document.activeElement)) card.focus({ preventScroll: true });
    if (scroll !== false) card.scrollIntoView({ block: "center", behavior: "instant" });
  }

  function isTyping(target) {
    return target && (target.tagName === "TEXTAREA" ||
      (target.tagName === "INPUT" && !["checkbox", "radio", "submit", "button"].includes(target.type)));
  }

  function submit(card, selector) {
    const form = card && card.querySelector("form");
    const button = card && card.querySelector(selector);
    if (!form || !button) return;
    form.requestSubmit(button);
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const all = cards();
    if (!all.length) return;
    const card = all[current];
    if (event.key === "Enter") {
      // Enter anywhere in a card saves the ticked elements, never the self-score button
      // that comes first in the form.
      const inCard = event.target.closest && event.target.closest(".marking-answer");
      if (event.target.tagName === "BUTTON" && inCard) return;
      if (inCard || event.target === document.body) {
        event.preventDefault();
        submit(inCard || card, "[data-save]");
      }
      return;
    }
    if (isTyping(event.target)) return;
    if (event.key === "j" || event.key === "ArrowDown") {
      event.preventDefault();
      select(current + 1);
    } else if (event.key === "k" || event.key === "ArrowUp") {
      event.preventDefault();
      select(current - 1);
    } else if (/^[1-9]$/.test(event.key)) {
      const box = card.querySelector(`input[type=checkbox][data-key="${event.key}"]`);
      if (box) {
        event.preventDefault();
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (event.key === "z") {
      const box = card.querySelector("input[type=checkbox][data-sentences]");
      if (box) {
        event.preventDefault();
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (event.key === "s") {
      event.preventDefault();
      submit(card, "[data-confirm-self]");
    }
  });

  list.addEventListener("focusin", (event) => {
    const card = event.target.closest(".marking-answer");
    const index = cards().indexOf(card);
    if (index >= 0 && index !== current) select(index, false);
  });

  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const card = event.detail.elt.closest && event.detail.elt.closest(".marking-answer");
    if (card) pending = card.dataset.answer;
  });

  // htmx swapped a saved card in: move on to the next answer (or stay on a refusal).
  document.body.addEventListener("htmx:afterSettle", () => {
    if (!pending) return;
    const card = document.getElementById(`answer-${pending}`);
    pending = null;
    const index = cards().indexOf(card);
    if (index < 0) return;
    select(card.querySelector(".alert-danger") ? index : index + 1);
  });

  select(0, false);
  // Tells people and tests that the keys work from now on.
  list.dataset.keyboardReady = "true";
})();
