/* Entry module of the pupil's tools on the exam and result pages: the highlighter,
 * and per question a notepad, options struck out and a review flag; the overview of
 * the questions and the keyboard shortcuts (static/js/exam/tools/).
 *
 * Everything is kept on the server with the attempt (exam/pupil_tools.py), so it
 * survives a reload and follows the pupil to another computer. The result page shows
 * the pupil's marks, and nothing can change any more.
 */
import { initHighlighter, renderHighlights } from "./tools/highlighter.js";
import { initOverview } from "./tools/overview.js";
import { initQuestionTools, showQuestionTools } from "./tools/questions.js";
import { initShortcuts } from "./tools/shortcuts.js";

function whenReady(run) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
}

const exam = document.getElementById("exam");
const dataEl = document.getElementById("exam-tools-data");

if (document.getElementById("exam-tools") && dataEl) {
  const data = JSON.parse(dataEl.textContent);
  if (data.readOnly || !exam) {
    whenReady(() => renderHighlights(data));
  } else {
    initHighlighter(data);
    initQuestionTools(data);
    initOverview();
    initShortcuts();
    whenReady(() => {
      showQuestionTools();
      const toolbar = document.querySelector("[data-hl-toolbar]");
      if (toolbar) toolbar.hidden = false;
      renderHighlights(data);
    });
  }
}
