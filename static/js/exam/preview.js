/* Entry module of the teacher's preview: the pupil's exam page with the same panes,
 * references and answer widgets, where answers can be tried but nothing is ever sent.
 */
import { initReferences } from "./references.js";
import { initTabs } from "./tabs.js";
import { ANSWER_FORM, initWidgets } from "./widgets.js";

function isAnswered(form) {
  let answered = false;
  form.querySelectorAll("input, textarea, select").forEach((field) => {
    if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
    if (field.value && field.value.trim()) answered = true;
  });
  return answered;
}

// The navigator and the "answered" counter follow the tried answers, as on the exam page.
function markAnswered(preview, form) {
  const nav = document.getElementById("nav-q" + form.dataset.number);
  if (nav) nav.classList.toggle("is-answered", isAnswered(form));
  const counter = preview.querySelector("[data-answered-count]");
  if (counter) {
    counter.textContent = String(preview.querySelectorAll(".exam-nav-item.is-answered").length);
  }
}

initTabs();
initReferences();

const preview = document.getElementById("exam-preview");
if (preview) {
  initWidgets({ onClear: (form) => markAnswered(preview, form) });
  preview.querySelectorAll(ANSWER_FORM).forEach((form) => {
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", () => markAnswered(preview, form));
    form.addEventListener("change", () => markAnswered(preview, form));
  });
}
