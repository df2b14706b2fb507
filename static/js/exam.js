/* The exam page and the result page: booklet references, phone tabs, and saving.
 *
 * Saving: every answer form posts itself through htmx (on change, 2 s after typing
 * stops, and at least every 8 s while typing goes on). Each save carries a revision
 * that only grows, so the server ignores a save that arrives late. Until the server
 * confirms, the answer is also kept in localStorage; a failed save (no network, a
 * server error) is retried with growing pauses, and answers still unsaved when the
 * page is reloaded are sent again.
 */
(function () {
  "use strict";

  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /* --- tabs on a phone ------------------------------------------------------------ */

  var panes = document.querySelector(".exam-panes");
  var scrollOf = {};

  function showPane(name) {
    if (!panes || panes.dataset.active === name) return;
    var current = document.querySelector(".exam-pane-" + panes.dataset.active);
    if (current) scrollOf[panes.dataset.active] = current.scrollTop;
    panes.dataset.active = name;
    document.querySelectorAll(".exam-tab").forEach(function (tab) {
      tab.setAttribute("aria-selected", String(tab.dataset.pane === name));
      tab.tabIndex = tab.dataset.pane === name ? 0 : -1;
    });
    var next = document.querySelector(".exam-pane-" + name);
    if (next && scrollOf[name] !== undefined) next.scrollTop = scrollOf[name];
  }

  function isNarrow() {
    return window.matchMedia("(max-width: 767.98px)").matches;
  }

  document.addEventListener("click", function (event) {
    var tab = event.target.closest(".exam-tab");
    if (tab) showPane(tab.dataset.pane);
  });

  // The tabs as a tab list: one Tab stop, arrow keys (and Home/End) switch.
  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest(".exam-tab");
    if (!tab || ["ArrowLeft", "ArrowRight", "Home", "End"].indexOf(event.key) === -1) return;
    var tabs = Array.prototype.slice.call(document.querySelectorAll(".exam-tab"));
    var at = tabs.indexOf(tab);
    var next = tabs[(at + (event.key === "ArrowLeft" ? -1 : 1) + tabs.length) % tabs.length];
    if (event.key === "Home") next = tabs[0];
    if (event.key === "End") next = tabs[tabs.length - 1];
    event.preventDefault();
    showPane(next.dataset.pane);
    next.focus();
  });

  // Scroll only the pane that holds the element: scrollIntoView would also scroll
  // the page itself and push the navigation bar out of sight.
  function scrollPaneTo(first, last, block) {
    var pane = first.closest(".exam-pane");
    if (!pane) {
      first.scrollIntoView({ block: block, behavior: reduceMotion ? "auto" : "smooth" });
      return;
    }
    var paneTop = pane.getBoundingClientRect().top;
    var top = first.getBoundingClientRect().top - paneTop + pane.scrollTop;
    var bottom = last.getBoundingClientRect().bottom - paneTop + pane.scrollTop;
    var target = block === "center" ? (top + bottom - pane.clientHeight) / 2 : top - 12;
    if (block === "center" && bottom - top > pane.clientHeight) target = top - 24;
    pane.scrollTo({ top: Math.max(0, target), behavior: reduceMotion ? "auto" : "smooth" });
  }

  // focusQuestion: focus the question itself rather than its first field, so the
  // keyboard shortcuts (exam-tools.js) keep working after a jump.
  function showQuestion(number, focusQuestion) {
    var question = document.getElementById("question-" + number);
    if (!question) return false;
    if (isNarrow()) showPane("questions");
    scrollPaneTo(question, question, "start");
    var field = question.querySelector("input:not([type=hidden]), select, textarea");
    if (focusQuestion || !field) {
      question.tabIndex = -1;
      question.focus({ preventScroll: true });
    } else {
      field.focus({ preventScroll: true });
    }
    return true;
  }

  window.ExamPage = { showQuestion: showQuestion, showPane: showPane, isNarrow: isNarrow };

  // The navigator and the lists of question numbers.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.exam-nav-item[data-number]");
    if (link && showQuestion(link.dataset.number)) event.preventDefault();
  });

  /* --- references: "regel 85-91" highlights and scrolls the booklet --------------- */

  var MAX_RANGE = 400;

  function linesFor(ref) {
    var text = ref.dataset.text;
    var first = parseInt(ref.dataset.first, 10);
    var last = Math.min(parseInt(ref.dataset.last, 10) || first, first + MAX_RANGE);
    var found = [];
    for (var n = first; n <= last; n++) {
      if (ref.dataset.refKind === "paragraph") {
        var para = document.getElementById("text-" + text + "-para-" + n);
        if (para) found.push.apply(found, para.querySelectorAll(".booklet-line"));
      } else {
        var line = document.getElementById("text-" + text + "-line-" + n);
        if (line) found.push(line);
      }
    }
    return found;
  }

  function highlight(ref) {
    var lines = linesFor(ref);
    document.querySelectorAll(".booklet-line.is-highlighted").forEach(function (el) {
      el.classList.remove("is-highlighted");
    });
    document.querySelectorAll(".exam-ref.is-active").forEach(function (el) {
      el.classList.remove("is-active");
    });
    if (!lines.length) return;
    lines.forEach(function (el) {
      el.classList.add("is-highlighted");
    });
    ref.classList.add("is-active");
    if (isNarrow()) showPane("booklet");
    scrollPaneTo(lines[0], lines[lines.length - 1], "center");
  }

  document.addEventListener("click", function (event) {
    var ref = event.target.closest("a.exam-ref");
    if (!ref) return;
    event.preventDefault();
    highlight(ref);
  });

  /* --- the exam page: saving answers ------------------------------------------------ */

  var exam = document.getElementById("exam");
  if (!exam || !window.htmx) return;

  var storeKey = "exam:attempt:" + exam.dataset.attempt;
  var BACKOFF = [1, 2, 4, 8, 15, 30];
  var MAX_WAIT = 8000; // while typing, save at least this often
  var stateEl = document.getElementById("exam-save-state");
  var alertEl = document.getElementById("exam-alert");
  htmx.config.timeout = 15000;

  function message(name, values) {
    var text = exam.dataset["msg" + name] || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.replace("{" + key + "}", values[key]);
    });
    return text;
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

  function answerForm(el) {
    return el && el.closest ? el.closest("form.exam-answer") : null;
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
    if (!form) return;
    refreshWidgets(form);
    if (!isTyped(event.target)) return;
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

  document.addEventListener("change", function (event) {
    var form = answerForm(event.target);
    if (form) refreshWidgets(form);
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

  /* --- widgets: word count, "choose two", ordering, clearing a choice --------------- */

  function refreshWidgets(form) {
    var summary = form.querySelector("textarea[data-word-limit]");
    if (summary) {
      var words = summary.value.trim() ? summary.value.trim().split(/\s+/).length : 0;
      var box = document.getElementById(summary.getAttribute("aria-describedby"));
      var limit = parseInt(summary.dataset.wordLimit, 10);
      if (box) {
        box.querySelector("[data-words]").textContent = String(words);
        box.classList.toggle("is-over", !!limit && words > limit);
      }
    }
    var choose = form.querySelector("[data-choose]");
    if (choose) {
      var chosen = choose.querySelectorAll("input:checked").length;
      var counter = choose.querySelector("[data-chosen]");
      if (counter) counter.textContent = String(chosen);
      choose.classList.toggle("is-over", chosen > parseInt(choose.dataset.choose, 10));
    }
    var clear = form.querySelector("[data-clear]");
    if (clear) clear.hidden = !form.querySelector("input[type=radio]:checked");
  }

  // An ordering keeps every part in one place: choosing a part that stands elsewhere
  // swaps the two. Runs in the capture phase, before htmx reads the form.
  document.addEventListener(
    "change",
    function (event) {
      var select = event.target;
      if (!select.matches || !select.matches("[data-ordering] select")) return;
      var previous = select.dataset.previous || "";
      if (select.value) {
        select
          .closest("[data-ordering]")
          .querySelectorAll("select")
          .forEach(function (other) {
            if (other !== select && other.value === select.value) {
              other.value = previous;
              other.dataset.previous = previous;
            }
          });
      }
      select.dataset.previous = select.value;
    },
    true
  );

  document.addEventListener("click", function (event) {
    var clear = event.target.closest("[data-clear]");
    if (!clear) return;
    var form = answerForm(clear);
    form.querySelectorAll("input[type=radio]").forEach(function (radio) {
      radio.checked = false;
    });
    refreshWidgets(form);
    save(form);
  });

  /* --- handing in: save what is pending, then confirm -------------------------------- */

  function flushSaves() {
    document.querySelectorAll("form.exam-answer").forEach(function (form) {
      if (form._dirty) save(form);
    });
    return new Promise(function (resolve) {
      var waited = 0;
      (function check() {
        // exam-tools.js counts its own saves (a flag, a note) in toolsPending.
        var done = exam.dataset.pending === "0" && (exam.dataset.toolsPending || "0") === "0";
        if (done || waited >= 8000) return resolve(exam.dataset.pending === "0");
        waited += 100;
        setTimeout(check, 100);
      })();
    });
  }

  var modalEl = document.getElementById("submit-modal");
  var modal = modalEl && window.bootstrap ? new bootstrap.Modal(modalEl) : null;

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-submit-trigger]");
    if (!trigger || !modal) return;
    event.preventDefault();
    // The blur of a field fires its change (a save) before this click: wait for it.
    setTimeout(function () {
      flushSaves().then(function (allSaved) {
        htmx
          .ajax("GET", trigger.getAttribute("href"), { target: "#submit-modal-content", swap: "innerHTML" })
          .then(function () {
            var warning = modalEl.querySelector("[data-unsaved-warning]");
            if (warning && !allSaved) {
              warning.textContent = message("UnsavedSubmit");
              warning.hidden = false;
              var button = modalEl.querySelector("#confirm-submit");
              if (button) button.disabled = true;
            }
            modal.show();
          });
      });
    }, 0);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-submit-form]");
    if (!form) return;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    exam.dataset.pending = "0"; // leaving on purpose: no "unsaved changes" prompt
  });

  /* --- start: previous values for orderings, answers left unsaved last time ---------- */

  function start() {
    document.querySelectorAll("[data-ordering] select").forEach(function (select) {
      select.dataset.previous = select.value;
    });
    document.querySelectorAll("form.exam-answer").forEach(function (form) {
      form.dataset.saveState = "saved";
      refreshWidgets(form);
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
    updateGlobalState();
  }

  // Deferred like htmx, this script runs before DOMContentLoaded; htmx sets up its
  // triggers then, and start() must come after it.
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
