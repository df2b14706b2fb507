/* Per question: a notepad, options struck out and a review flag, kept on the server
 * with the attempt (exam/pupil_tools.py) so they survive a reload and follow the pupil.
 */
import { isSaving, message, post } from "./server.js";

var NOTE_PAUSE = 1500;
var NOTE_MAX_WAIT = 8000;
var data = { questions: {}, scratchUrls: {} }; // the parsed #exam-tools-data
var state = {}; // question number -> {note, flagged, struck, revision}

export function questionState(number) {
  if (!state[number]) state[number] = { note: "", flagged: false, struck: [], revision: 0 };
  return state[number];
}

export function questionEl(number) {
  return document.getElementById("question-" + number);
}

function showState(number) {
  var s = questionState(number);
  var question = questionEl(number);
  if (!question) return;
  var flag = question.querySelector("[data-flag]");
  if (flag) {
    flag.setAttribute("aria-pressed", String(s.flagged));
    flag.classList.toggle("is-on", s.flagged);
  }
  question.classList.toggle("is-flagged", s.flagged);
  var item = document.getElementById("nav-q" + number);
  if (item) {
    item.classList.toggle("is-flagged", s.flagged);
    var hint = item.querySelector("[data-flag-hint]");
    if (s.flagged && !hint) {
      hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.dataset.flagHint = "";
      hint.textContent = " (" + message("Flagged") + ")";
      item.appendChild(hint);
    } else if (!s.flagged && hint) {
      hint.remove();
    }
  }
  question.querySelectorAll("[data-strike]").forEach(function (button) {
    var struck = s.struck.indexOf(button.dataset.strike) !== -1;
    button.setAttribute("aria-pressed", String(struck));
    var option = button.closest(".exam-option");
    if (option) option.classList.toggle("is-struck", struck);
  });
  var mark = question.querySelector("[data-note-mark]");
  if (mark) mark.hidden = !s.note.trim();
}

function noteStateEl(number) {
  var question = questionEl(number);
  return question ? question.querySelector("[data-note-state]") : null;
}

function saveQuestion(number) {
  var s = questionState(number);
  var url = data.scratchUrls[number];
  if (!url) return;
  s.revision += 1;
  var revision = s.revision;
  clearTimeout(s.retry);
  var stateEl = noteStateEl(number);
  if (stateEl && s.noteDirty) stateEl.textContent = message("Saving");
  s.noteDirty = false;
  post(url, {
    revision: revision,
    note: s.note,
    flagged: s.flagged ? "on" : "",
    struck: s.struck.join(","),
  }).then(function (result) {
    var body = result.body || {};
    if (result.status === 200) {
      s.failures = 0;
      if (body.state === "stale" && body.revision > s.revision) {
        // A newer save from another computer: show what is stored.
        s.note = body.note;
        s.flagged = body.flagged;
        s.struck = body.struck;
        s.revision = body.revision;
        var field = questionEl(number).querySelector("[data-note-field]");
        if (field && document.activeElement !== field) field.value = s.note;
        showState(number);
      }
      if (stateEl && revision === s.revision) stateEl.textContent = message("NoteSaved");
    } else if (result.status === 0 || result.status >= 500) {
      s.failures = (s.failures || 0) + 1;
      if (stateEl) stateEl.textContent = message("NotSaved");
      s.retry = setTimeout(function () {
        saveQuestion(number);
      }, Math.min(30, 2 * s.failures) * 1000);
    } else if (stateEl) {
      stateEl.textContent = body.error || message("Failed");
    }
  });
}

export function toggleFlag(number) {
  var s = questionState(number);
  s.flagged = !s.flagged;
  showState(number);
  saveQuestion(number);
}

export function questionNumbers() {
  return Array.prototype.map.call(document.querySelectorAll(".exam-question[data-number]"), function (q) {
    return q.dataset.number;
  });
}


// Saving an answer swaps in a new navigator item (static/js/exam/autosave.js): mark it again.
function showFlags() {
  Object.keys(state).forEach(showState);
}

// Show the buttons and notes (hidden without script) with what the server keeps.
export function showQuestionTools() {
  Object.keys(data.questions).forEach(function (number) {
    var stored = data.questions[number];
    state[number] = {
      note: stored.note,
      flagged: stored.flagged,
      struck: stored.struck.slice(),
      revision: stored.revision,
    };
  });
  questionNumbers().forEach(function (number) {
    var question = questionEl(number);
    var s = questionState(number);
    question.querySelectorAll("[data-flag], [data-strike], [data-note]").forEach(function (el) {
      el.hidden = false;
    });
    var field = question.querySelector("[data-note-field]");
    if (field) {
      field.value = s.note;
      if (s.note.trim()) field.closest("[data-note]").open = true;
    }
    showState(number);
  });
}

export function initQuestionTools(toolsData) {
  data = toolsData;
  document.addEventListener("click", function (event) {
    var flag = event.target.closest("[data-flag]");
    if (flag) {
      toggleFlag(flag.closest(".exam-question").dataset.number);
      return;
    }
    var strike = event.target.closest("[data-strike]");
    if (strike) {
      var number = strike.closest(".exam-question").dataset.number;
      var s = questionState(number);
      var label = strike.dataset.strike;
      var at = s.struck.indexOf(label);
      if (at === -1) s.struck.push(label);
      else s.struck.splice(at, 1);
      showState(number);
      saveQuestion(number);
    }
  });

  document.addEventListener("input", function (event) {
    var field = event.target.closest && event.target.closest("[data-note-field]");
    if (!field) return;
    var number = field.closest(".exam-question").dataset.number;
    var s = questionState(number);
    s.note = field.value;
    s.noteDirty = true;
    clearTimeout(s.pause);
    s.pause = setTimeout(function () {
      if (s.noteDirty) saveQuestion(number);
    }, NOTE_PAUSE);
    if (!s.maxWait) {
      s.maxWait = setTimeout(function () {
        s.maxWait = null;
        if (s.noteDirty) saveQuestion(number);
      }, NOTE_MAX_WAIT);
    }
  });

  // Leaving the note saves it at once (a pupil may click "Hand in" next).
  document.addEventListener("focusout", function (event) {
    var field = event.target.closest && event.target.closest("[data-note-field]");
    if (!field) return;
    var s = questionState(field.closest(".exam-question").dataset.number);
    if (s.noteDirty) {
      clearTimeout(s.pause);
      saveQuestion(field.closest(".exam-question").dataset.number);
    }
  });

  window.addEventListener("beforeunload", function (event) {
    var dirty = Object.keys(state).some(function (number) {
      return state[number].noteDirty;
    });
    if (dirty || isSaving()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.body.addEventListener("htmx:oobAfterSwap", showFlags);
  document.body.addEventListener("htmx:afterSettle", showFlags);
}
