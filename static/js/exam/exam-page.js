/* Entry module of the pupil's exam page: panes and tabs, booklet references, the
 * answer widgets, saving every answer as it is given, and handing in.
 */
import { initAutosave } from "./autosave.js";
import { initHandIn } from "./hand-in.js";
import { initReferences } from "./references.js";
import { initTabs } from "./tabs.js";
import { initWidgets } from "./widgets.js";

initTabs();
initReferences();

const exam = document.getElementById("exam");
if (exam && window.htmx) {
  const autosave = initAutosave(exam);
  // Clearing a choice is an answer too: save it at once.
  initWidgets({ onClear: autosave.save });
  initHandIn(exam, autosave.save);
  // Modules run before DOMContentLoaded, as deferred scripts do; htmx sets up its
  // triggers then, and start() must come after it.
  if (document.readyState === "complete") {
    autosave.start();
  } else {
    document.addEventListener("DOMContentLoaded", autosave.start);
  }
}
