/* The answer widgets of a question (exam page and preview): the word counter of every
 * box with a word limit (an open answer, a summary, each part of a question in parts),
 * the "choose two" counter, ordering without doubles, and clearing a choice.
 * They work on every form.exam-answer; the page decides what a change means (the exam
 * page saves it, the preview only shows it).
 */

export const ANSWER_FORM = "form.exam-answer";

export function answerForm(el) {
  return el && el.closest ? el.closest(ANSWER_FORM) : null;
}

// Runs of non-space, as exam/kinds/elements.py count_words counts them for the score.
export function countWords(value) {
  const text = value.trim();
  return text ? text.split(/\s+/).length : 0;
}

export function refreshWidgets(form) {
  // Every box with a limit: an open answer, a summary, each part of a question in parts.
  form.querySelectorAll("textarea[data-word-limit]").forEach((box) => {
    const words = countWords(box.value);
    const counter = document.getElementById(box.getAttribute("aria-describedby"));
    const limit = parseInt(box.dataset.wordLimit, 10);
    if (counter) {
      counter.querySelector("[data-words]").textContent = String(words);
      counter.classList.toggle("is-over", !!limit && words > limit);
    }
  });
  const choose = form.querySelector("[data-choose]");
  if (choose) {
    const chosen = choose.querySelectorAll("input:checked").length;
    const counter = choose.querySelector("[data-chosen]");
    if (counter) counter.textContent = String(chosen);
    choose.classList.toggle("is-over", chosen > parseInt(choose.dataset.choose, 10));
  }
  const clear = form.querySelector("[data-clear]");
  if (clear) clear.hidden = !form.querySelector("input[type=radio]:checked");
}

// onClear(form): called after a choice was cleared with the form's clear button.
export function initWidgets({ onClear = () => {} } = {}) {
  // An ordering keeps every part in one place: choosing a part that stands elsewhere
  // swaps the two. Runs in the capture phase, before htmx reads the form.
  document.addEventListener(
    "change",
    (event) => {
      const select = event.target;
      if (!select.matches || !select.matches("[data-ordering] select")) return;
      const previous = select.dataset.previous || "";
      if (select.value) {
        select
          .closest("[data-ordering]")
          .querySelectorAll("select")
          .forEach((other) => {
            if (other !== select && other.value === select.value) {
              other.value = previous;
              other.dataset.previous = previous;
            }
          });
      }
      select.dataset.previous = select.value;
    },
    true
  );

  for (const type of ["input", "change"]) {
    document.addEventListener(type, (event) => {
      const form = answerForm(event.target);
      if (form) refreshWidgets(form);
    });
  }

  document.addEventListener("click", (event) => {
    const clear = event.target.closest("[data-clear]");
    const form = answerForm(clear);
    if (!form) return;
    form.querySelectorAll("input[type=radio]").forEach((radio) => {
      radio.checked = false;
    });
    refreshWidgets(form);
    onClear(form);
  });

  document.querySelectorAll("[data-ordering] select").forEach((select) => {
    select.dataset.previous = select.value;
  });
  document.querySelectorAll(ANSWER_FORM).forEach(refreshWidgets);
}
