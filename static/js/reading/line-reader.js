/* The line reader: one booklet line stands out, following the mouse or the arrow keys. */
import { hasMode } from "./modes.js";

var readingLine = null;

function bookletLines() {
  return Array.prototype.slice.call(document.querySelectorAll(".booklet-body .booklet-line"));
}

function bookletPane() {
  return document.querySelector(".exam-pane-booklet");
}

// Scroll only the pane that holds the line (scrollIntoView would also move the page),
// at once: a smooth scroll per arrow key would lag behind the band.
function keepInView(line) {
  var pane = line.closest(".exam-pane");
  if (!pane) {
    line.scrollIntoView({ block: "nearest" });
    return;
  }
  var paneBox = pane.getBoundingClientRect();
  var box = line.getBoundingClientRect();
  var margin = box.height * 2;
  var delta = 0;
  if (box.top < paneBox.top + margin) {
    delta = box.top - (paneBox.top + margin);
  } else if (box.bottom > paneBox.bottom - margin) {
    delta = box.bottom - (paneBox.bottom - margin);
  }
  if (delta) pane.scrollBy({ top: delta, behavior: "instant" });
}

function setReadingLine(line) {
  if (line === readingLine) return;
  if (readingLine) readingLine.classList.remove("is-reading-line");
  readingLine = line;
  if (line) line.classList.add("is-reading-line");
}

export function firstVisibleLine() {
  var pane = bookletPane();
  var lines = bookletLines();
  if (!pane) return lines[0] || null;
  var top = pane.getBoundingClientRect().top;
  for (var i = 0; i < lines.length; i++) {
    if (lines[i].getBoundingClientRect().bottom > top) return lines[i];
  }
  return lines[0] || null;
}

export function lineReaderChanged() {
  var pane = bookletPane();
  if (hasMode("line-reader")) {
    if (!readingLine) setReadingLine(firstVisibleLine());
    // The arrow keys work where the focus is: make the booklet reachable with Tab.
    if (pane) pane.setAttribute("tabindex", "0");
  } else {
    setReadingLine(null);
    if (pane) pane.setAttribute("tabindex", "-1");
  }
}

// The line the reader is on, or null.
export function currentLine() {
  return readingLine;
}

export function initLineReader() {
  document.addEventListener("mousemove", function (event) {
    if (!hasMode("line-reader")) return;
    var line = event.target.closest && event.target.closest(".booklet-body .booklet-line");
    if (line) setReadingLine(line);
  });

  document.addEventListener("click", function (event) {
    var line = event.target.closest && event.target.closest(".booklet-body .booklet-line");
    if (line && hasMode("line-reader")) setReadingLine(line);
  });

  document.addEventListener("keydown", function (event) {
    if (!hasMode("line-reader")) return;
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var focus = document.activeElement;
    if (!focus || !focus.closest || !focus.closest(".exam-pane-booklet, .booklet")) return;
    if (focus.matches("input, select, textarea, [contenteditable]")) return;
    var lines = bookletLines();
    if (!lines.length) return;
    var index = readingLine ? lines.indexOf(readingLine) : -1;
    var next = event.key === "ArrowDown" ? index + 1 : index - 1;
    next = Math.max(0, Math.min(lines.length - 1, next));
    event.preventDefault();
    setReadingLine(lines[next]);
    keepInView(lines[next]);
  });

  lineReaderChanged();
}
