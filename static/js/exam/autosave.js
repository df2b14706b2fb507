/* The exam page: saving answers.
 *
 * Every answer form posts itself through htmx (on change, 2 s after typing stops, and
 * at least every 8 s while typing goes on). Each save carries a revision that only
 * grows, so the server ignores a save that arrives late. Until the server confirms,
 * the answer is also kept in localStorage; a failed save (no network, a server error)
 * is retried with growing pauses, and answers still unsaved when the page is reloaded
 * are sent again.
 */
import { answerForm, refreshWidgets } from "./widgets.js";

// A translated string from the exam's data-msg-* attributes, "{seconds}" filled in.
export function examMessage(exam, name, values) {
  let text = exam.dataset["msg" + name] || "";
  Object.keys(values || {}).forEach((key) => {
    text = text.replace("{" + key + "}", values[key]);
  });
  return text;
}

// Returns save(form) and start(); the page calls start() once htmx is ready.
export function initAutosave(exam) {
  var storeKey = "exam:attempt:" + exam.dataset.attempt;
  var BACKOFF = [1, 2, 4, 8, 15, 30];
  var MAX_WAIT = 8000; // while typing, save at least this often
  var stateEl = document.getElementById("exam-save-state");
  var alertEl = document.getElementById("exam-alert");
  htmx.config.timeout = 15000;

  function message(name, values) {
    return examMessage(exam, name, values);
  }

  function loadLocal() {
    try {
      return JSON.parse(window.localStorage.getItem(storeKey)) || {};
    } catch (error) {
      return {};
    }
  }

  function storeLocal(entries) {
    try {
      if (Object.keys(entries).length) {
        window.localStorage.setItem(storeKey, JSON.stringify(entries));
      } else {
        window.localStorage.removeItem(storeKey);
      }
    } catch (error) {
      /* private mode or full storage: the server copy still counts */
    }
  }

  function formFields(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "revision") fields.push([name, value]);
    });
    return fields;
  }

  function restoreFields(form, fields) {
    var values = {};
    fields.forEach(function (pair) {
      (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "revision") return;
      var given = values[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = given.indexOf(el.value) !== -1;
      } else {
        el.value = given.length ? given[0] : "";
      }
    });
    refreshWidgets(form);
  }

  function statusEl(form) {
    return document.getElementById("q" + form.dataset.number + "-status");
  }

  function setSaveState(form, state) {
    form.dataset.saveState = state;
    updateGlobalState();
  }

  function showQuestionState(form, state, text, className) {
    var box = statusEl(form);
    if (!box) return;
    box.innerHTML = "";
    var span = document.createElement("span");
    span.className = "exam-status " + className;
    span.dataset.state = state;
    span.textContent = text;
    box.appendChild(span);
  }

  // The top bar and the counter are worked out from the questions' own states, so
  // they never say more than the questions do: "saved" only when every question is.
  function updateGlobalState() {
    var forms = document.querySelectorAll("form.exam-answer");
    var pending = 0;
    var failing = 0;
    var refused = 0;
    forms.forEach(function (form) {
      var state = form.dataset.saveState;
      if (state === "saving" || state === "failed") pending++;
      if (state === "failed") failing++;
      if (state === "refused" || state === "stale") refused++;
    });
    exam.dataset.pending = String(pending);
    var answered = document.querySelectorAll(".exam-nav .exam-nav-item.is-answered").length;
    var counter = exam.querySelector("[data-answered-count]");
    if (counter) counter.textContent = String(answered);
    if (!stateEl) return;
    var offline = !navigator.onLine;
    if (failing || (offline && pending)) {
      stateEl.dataset.state = offline ? "offline" : "failed";
      stateEl.textContent = message("RetryShort");
    } else if (pending) {
      stateEl.dataset.state = "saving";
      stateEl.textContent = message("Saving");
    } else if (refused) {
      stateEl.dataset.state = "unsaved";
      stateEl.textContent = message("NotAllSaved");
    } else if (offline) {
      stateEl.dataset.state = "offline";
      stateEl.textContent = message("OfflineShort");
    } else {
      stateEl.dataset.state = "saved";
      stateEl.textContent = message("Saved");
    }
    var alertText = "";
    if (offline) alertText = message("Offline");
    else if (failing) alertText = exam.dataset.sessionProblem ? message("Session") : message("Failing");
    // role=alert: setting the same text again could be read out again.
    if (alertEl.textContent !== alertText) alertEl.textContent = alertText;
    alertEl.hidden = !alertText;
    announceSaveState(stateEl.dataset.state);
  }

  // Screen readers hear the save state only when it means something: answers stop
  // being saved ("not all answers saved"; a lost connection is the alert's to say),
  // and all are saved again. "Saving…" and "saved" after each keystroke stay quiet.
  var announceEl = document.getElementById("exam-announce");
  var announcedProblem = "";

  function announceSaveState(state) {
    if (!announceEl || state === "saving") return; // wait for the outcome
    var problem = "";
    if (state === "failed" || state === "offline") problem = "connection";
    else if (state === "unsaved") problem = "refused";
    if (problem === announcedProblem) return;
    if (problem === "refused") announceEl.textContent = message("NotAllSaved");
    else if (!problem) announceEl.textContent = message("Saved");
    announcedProblem = problem;
  }

  // The navigator item arrives out of band, but htmx gives a swapped element its new
  // class only when it settles, after afterRequest: mark it from the header at once.
  function markAnswered(form, xhr) {
    var answered = xhr.getResponseHeader("X-Answer-Answered");
    var item = document.getElementById("nav-q" + form.dataset.number);
    if (item && answered !== null) item.classList.toggle("is-answered", answered === "1");
  }

  function save(form) {
    htmx.trigger(form, "exam:save");
  }

  function scheduleRetry(form, status) {
    var failures = parseInt(form.dataset.failures || "0", 10);
    form.dataset.failures = String(failures + 1);
    var seconds = BACKOFF[Math.min(failures, BACKOFF.length - 1)];
    exam.dataset.sessionProblem = status === 403 || status === 401 ? "1" : "";
    clearTimeout(form._retry);
    form._retry = setTimeout(function () {
      save(form);
    }, seconds * 1000);
    showQuestionState(form, "retrying", message("Retry", { seconds: seconds }), "is-error");
    setSaveState(form, "failed");
  }

  // Each request gets the next revision, is kept in localStorage until confirmed.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var form = answerForm(event.detail.elt);
    if (!form) return;
    var revision = parseInt(form.dataset.revision || "0", 10) + 1;
    form.dataset.revision = String(revision);
    event.detail.parameters.revision = String(revision);
    form._dirty = false;
    clearTimeout(form._pause);
    clearTimeout(form._maxWait);
    form._maxWait = null;
    clearTimeout(form._retry);
    var local = loadLocal();
    local[form.dataset.number] = { revision: revision, fields: formFields(form) };
    storeLocal(local);
    showQuestionState(form, "saving", message("SavingOne"), "is-saving");
    setSaveState(form, "saving");
  });

  // A refused answer (422: impossible, 409: handed in) is shown, not retried.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    // beforeSwap fires on the target (the status box); the form is the requester.
    var config = event.detail.requestConfig;
    var status = event.detail.xhr.status;
    if (config && answerForm(config.elt) && (status === 422 || status === 409)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = answerForm(event.detail.elt);
    if (!form) return;
    var xhr = event.detail.xhr;
    var status = xhr ? xhr.status : 0;
    if (status >= 200 && status < 300) {
      var stored = parseInt(xhr.getResponseHeader("X-Answer-Revision") || "0", 10);
      if (stored > parseInt(form.dataset.revision || "0", 10)) form.dataset.revision = String(stored);
      var local = loadLocal();
      var entry = local[form.dataset.number];
      if (entry && entry.revision <= stored) {
        delete local[form.dataset.number];
        storeLocal(local);
      }
      form.dataset.failures = "0";
      exam.dataset.sessionProblem = "";
      markAnswered(form, xhr);
      var state = "saved";
      if (xhr.getResponseHeader("X-Answer-State") === "stale") state = "stale";
      else if (entry && entry.revision > stored) state = "saving";
      setSaveState(form, state);
    } else if (status === 422 || status === 409) {
      var refused = loadLocal();
      delete refused[form.dataset.number];
      storeLocal(refused);
      form.dataset.failures = "0";
      setSaveState(form, "refused");
    } else {
      scheduleRetry(form, status);
    }
  });

  // Typing: save 2 s after a pause, and during a long stretch of typing at least
  // every MAX_WAIT ms. Radios, checkboxes and selects save on change (htmx).
  var PAUSE = 2000;

  function isTyped(el) {
    return el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && /^(text|number|search)$/.test(el.type));
  }

  document.addEventListener("input", function (event) {
    var form = answerForm(event.target);
    if (!form || !isTyped(event.target)) return;
    form._dirty = true;
    clearTimeout(form._pause);
    form._pause = setTimeout(function () {
      if (form._dirty) save(form);
    }, PAUSE);
    if (!form._maxWait) {
      form._maxWait = setTimeout(function () {
        form._maxWait = null;
        if (form._dirty) save(form);
      }, MAX_WAIT);
    }
  });

  window.addEventListener("online", function () {
    document.querySelectorAll("form.exam-answer").forEach(function (form) {
      if (form.dataset.saveState === "failed") save(form);
    });
    updateGlobalState();
  });
  window.addEventListener("offline", updateGlobalState);
  // Anything htmx swapped in (a status, a navigator item) has settled: count again.
  document.body.addEventListener("htmx:afterSettle", updateGlobalState);

  window.addEventListener("beforeunload", function (event) {
    if (exam.dataset.pending !== "0") {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  /* --- start: answers left unsaved last time ---------- */

  // Run once htmx has set up its triggers (DOMContentLoaded): save() needs them.
  function start() {
    document.querySelectorAll("form.exam-answer").forEach(function (form) {
      form.dataset.saveState = "saved";
    });
    var local = loadLocal();
    Object.keys(local).forEach(function (number) {
      var entry = local[number];
      var form = document.querySelector('form.exam-answer[data-number="' + number + '"]');
      if (!form || !entry || entry.revision <= parseInt(form.dataset.revision || "0", 10)) {
        delete local[number];
        return;
      }
      restoreFields(form, entry.fields || []);
      form.dataset.revision = String(entry.revision);
      save(form);
    });
    storeLocal(local);
    // An answer given before the scripts were ready (a quick click while the page was
    // still loading, or a field the browser filled in again) fired its change before
    // htmx listened: it differs from what the server rendered, so save it now.
    document.querySelectorAll("form.exam-answer").forEach(function (form) {
      if (form.dataset.saveState === "saved" && changedSinceRendered(form)) save(form);
    });
    updateGlobalState();
  }

  function changedSinceRendered(form) {
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "hidden" || field.type === "button" || field.type === "submit") {
        return false;
      }
      if (field.type === "radio" || field.type === "checkbox") {
        return field.checked !== field.defaultChecked;
      }
      if (field.tagName === "SELECT") {
        // A select without a selected option shows its first one.
        var rendered = Array.prototype.findIndex.call(field.options, function (option) {
          return option.defaultSelected;
        });
        return field.selectedIndex !== Math.max(rendered, 0);
      }
      return "defaultValue" in field && field.value !== field.defaultValue;
    });
  }

  return { save: save, start: start };
}
