/* The two panes of the exam layout (exam page, preview, result page): the booklet
 * and the questions side by side, or on a phone as tabs "Text" / "Questions", each
 * pane scrolling on its own; and jumping to a question from the navigator.
 */

const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
const scrollOf = {};

export function isNarrow() {
  return window.matchMedia("(max-width: 767.98px)").matches;
}

export function showPane(name) {
  const panes = document.querySelector(".exam-panes");
  if (!panes || panes.dataset.active === name) return;
  const current = document.querySelector(".exam-pane-" + panes.dataset.active);
  if (current) scrollOf[panes.dataset.active] = current.scrollTop;
  panes.dataset.active = name;
  document.querySelectorAll(".exam-tab").forEach((tab) => {
    tab.setAttribute("aria-selected", String(tab.dataset.pane === name));
    tab.tabIndex = tab.dataset.pane === name ? 0 : -1;
  });
  const next = document.querySelector(".exam-pane-" + name);
  if (next && scrollOf[name] !== undefined) next.scrollTop = scrollOf[name];
}

// Scroll only the pane that holds the element: scrollIntoView would also scroll
// the page itself and push the navigation bar out of sight.
export function scrollPaneTo(first, last, block) {
  const pane = first.closest(".exam-pane");
  if (!pane) {
    first.scrollIntoView({ block: block, behavior: reduceMotion ? "auto" : "smooth" });
    return;
  }
  const paneTop = pane.getBoundingClientRect().top;
  const top = first.getBoundingClientRect().top - paneTop + pane.scrollTop;
  const bottom = last.getBoundingClientRect().bottom - paneTop + pane.scrollTop;
  let target = block === "center" ? (top + bottom - pane.clientHeight) / 2 : top - 12;
  if (block === "center" && bottom - top > pane.clientHeight) target = top - 24;
  pane.scrollTo({ top: Math.max(0, target), behavior: reduceMotion ? "auto" : "smooth" });
}

// focusQuestion: focus the question itself rather than its first field, so the
// keyboard shortcuts (exam/tools/shortcuts.js) keep working after a jump.
export function showQuestion(number, focusQuestion) {
  const question = document.getElementById("question-" + number);
  if (!question) return false;
  if (isNarrow()) showPane("questions");
  scrollPaneTo(question, question, "start");
  const field = question.querySelector("input:not([type=hidden]), select, textarea");
  if (focusQuestion || !field) {
    question.tabIndex = -1;
    question.focus({ preventScroll: true });
  } else {
    field.focus({ preventScroll: true });
  }
  return true;
}

export function initTabs() {
  document.addEventListener("click", (event) => {
    const tab = event.target.closest(".exam-tab");
    if (tab) showPane(tab.dataset.pane);
  });

  // The tabs as a tab list: one Tab stop, arrow keys (and Home/End) switch.
  document.addEventListener("keydown", (event) => {
    const tab = event.target.closest && event.target.closest(".exam-tab");
    if (!tab || !["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
    const tabs = Array.from(document.querySelectorAll(".exam-tab"));
    const at = tabs.indexOf(tab);
    let next = tabs[(at + (event.key === "ArrowLeft" ? -1 : 1) + tabs.length) % tabs.length];
    if (event.key === "Home") next = tabs[0];
    if (event.key === "End") next = tabs[tabs.length - 1];
    event.preventDefault();
    showPane(next.dataset.pane);
    next.focus();
  });

  // The navigator and the lists of question numbers.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.exam-nav-item[data-number]");
    if (link && showQuestion(link.dataset.number)) event.preventDefault();
  });
}
