/* The overview: which questions are unanswered, flagged or answered, each a link to
 * the question (also in the hand-in dialog's list of flagged questions).
 */
import { showQuestion } from "../tabs.js";
import { questionNumbers, questionState } from "./questions.js";
import { message } from "./server.js";

function isAnswered(number) {
  var item = document.getElementById("nav-q" + number);
  return !!item && item.classList.contains("is-answered");
}

function fillOverview() {
  var groups = { unanswered: [], flagged: [], answered: [] };
  questionNumbers().forEach(function (number) {
    groups[isAnswered(number) ? "answered" : "unanswered"].push(number);
    if (questionState(number).flagged) groups.flagged.push(number);
  });
  Object.keys(groups).forEach(function (name) {
    var section = document.querySelector('[data-overview-group="' + name + '"]');
    if (!section) return;
    var list = section.querySelector("[data-overview-list]");
    list.innerHTML = "";
    groups[name].forEach(function (number) {
      var li = document.createElement("li");
      li.className = "list-inline-item";
      var link = document.createElement("a");
      link.className = "exam-overview-item is-" + name;
      link.href = "#question-" + number;
      link.dataset.number = number;
      link.dataset.bsDismiss = "modal";
      // Without a target Bootstrap takes the href ("#question-3") for the dialog.
      link.dataset.bsTarget = "#overview-modal";
      link.setAttribute("aria-label", message("Question") + " " + number);
      link.textContent = number;
      li.appendChild(link);
      list.appendChild(li);
    });
    section.querySelector("[data-overview-count]").textContent = String(groups[name].length);
    section.querySelector("[data-overview-empty]").hidden = groups[name].length > 0;
  });
}

export function initOverview() {
  var overviewModal = document.getElementById("overview-modal");
  if (overviewModal) overviewModal.addEventListener("show.bs.modal", fillOverview);

  // Links to a question in the overview (and in the hand-in dialog's flagged list).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.exam-overview-item[data-number]");
    if (!link) return;
    event.preventDefault();
    // Bootstrap's hide gives focus back to the button that opened the dialog: jump
    // once it is hidden, so focus lands on the question.
    var modalEl = link.closest(".modal");
    var number = link.dataset.number;
    if (modalEl) {
      modalEl.addEventListener(
        "hidden.bs.modal",
        function () {
          showQuestion(number, true);
        },
        { once: true }
      );
    } else {
      showQuestion(number, true);
    }
  });
}
