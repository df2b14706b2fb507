/* Keyboard shortcuts on the exam page: n and p (next, previous question), f (flag),
 * o (overview), t (to the text), ? (the list); Esc leaves a field so they work again.
 */
import { isNarrow, showPane, showQuestion } from "../tabs.js";
import { questionEl, questionNumbers, toggleFlag } from "./questions.js";

function isTyping(el) {
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  return el.tagName === "INPUT" && !/^(radio|checkbox|button|submit|reset)$/.test(el.type);
}

var current = null;

// The question the pupil is at: the one with focus, or the first one in view.
function currentQuestion() {
  var focused = document.activeElement && document.activeElement.closest
    ? document.activeElement.closest(".exam-question[data-number]")
    : null;
  if (focused) return focused.dataset.number;
  if (current) return current;
  var pane = document.getElementById("questions-pane");
  var top = pane ? pane.getBoundingClientRect().top : 0;
  var numbers = questionNumbers();
  for (var i = 0; i < numbers.length; i++) {
    if (questionEl(numbers[i]).getBoundingClientRect().bottom > top + 40) return numbers[i];
  }
  return numbers[0];
}

function move(step) {
  var numbers = questionNumbers();
  var at = numbers.indexOf(currentQuestion());
  var next = numbers[Math.min(numbers.length - 1, Math.max(0, at + step))];
  if (next) {
    current = next;
    showQuestion(next, true);
  }
}

function showModal(id) {
  var el = document.getElementById(id);
  if (el && window.bootstrap) window.bootstrap.Modal.getOrCreateInstance(el).show();
}

export function initShortcuts() {
  document.addEventListener("focusin", function (event) {
    var question = event.target.closest && event.target.closest(".exam-question[data-number]");
    if (question) current = question.dataset.number;
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    if (isTyping(event.target)) {
      // Esc leaves an answer or a note field, so the shortcuts work again.
      var inQuestion = event.key === "Escape" && event.target.closest(".exam-question[data-number]");
      if (inQuestion) {
        inQuestion.tabIndex = -1;
        inQuestion.focus({ preventScroll: true });
      }
      return;
    }
    if (document.querySelector(".modal.show")) return;
    var key = event.key;
    if (key === "?") showModal("shortcuts-modal");
    else if (key === "n" || key === "N") move(1);
    else if (key === "p" || key === "P") move(-1);
    else if (key === "f" || key === "F") toggleFlag(currentQuestion());
    else if (key === "o" || key === "O") showModal("overview-modal");
    else if (key === "t" || key === "T") {
      var booklet = document.getElementById("booklet-pane");
      if (!booklet) return;
      if (isNarrow()) showPane("booklet");
      booklet.focus({ preventScroll: true });
    } else return;
    event.preventDefault();
  });
}
