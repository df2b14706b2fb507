/* Booklet references: "regel 85-91" in a stem, or "Show lines" in the answer model,
 * highlights those lines of the booklet and scrolls them into view.
 */
import { isNarrow, scrollPaneTo, showPane } from "./tabs.js";

const MAX_RANGE = 400;

// The booklet lines a stem reference (a.exam-ref) points at: a line range, or every
// line of a paragraph range.
export function linesFor(ref) {
  const text = ref.dataset.text;
  const first = parseInt(ref.dataset.first, 10);
  const last = Math.min(parseInt(ref.dataset.last, 10) || first, first + MAX_RANGE);
  const found = [];
  for (let n = first; n <= last; n++) {
    if (ref.dataset.refKind === "paragraph") {
      const para = document.getElementById("text-" + text + "-para-" + n);
      if (para) found.push(...para.querySelectorAll(".booklet-line"));
    } else {
      const line = document.getElementById("text-" + text + "-line-" + n);
      if (line) found.push(line);
    }
  }
  return found;
}

// Numbered lines of one text, e.g. linesByNumber(3, ["85", "86"]).
export function linesByNumber(text, numbers) {
  return numbers
    .map((n) => document.getElementById("text-" + text + "-line-" + n))
    .filter(Boolean);
}

export function clearHighlights() {
  document.querySelectorAll(".booklet-line.is-highlighted").forEach((el) => {
    el.classList.remove("is-highlighted");
  });
  document.querySelectorAll(".exam-ref.is-active").forEach((el) => {
    el.classList.remove("is-active");
  });
}

// Highlight the lines (after clearing any others) and bring them into view, switching
// to the booklet tab on a phone. Returns false when there was nothing to show.
export function highlightLines(lines) {
  clearHighlights();
  if (!lines.length) return false;
  lines.forEach((el) => el.classList.add("is-highlighted"));
  if (isNarrow()) showPane("booklet");
  scrollPaneTo(lines[0], lines[lines.length - 1], "center");
  return true;
}

export function initReferences() {
  document.addEventListener("click", (event) => {
    const ref = event.target.closest("a.exam-ref");
    if (!ref) return;
    event.preventDefault();
    if (highlightLines(linesFor(ref))) ref.classList.add("is-active");
  });
}
