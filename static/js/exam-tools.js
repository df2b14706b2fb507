/* The pupil's tools on the exam page: the highlighter, and per question a notepad,
 * options struck out and a review flag; the overview of the questions and the
 * keyboard shortcuts.
 *
 * Everything is kept on the server with the attempt (exam/pupil_tools.py), so it
 * survives a reload and follows the pupil to another computer.
 *
 * A highlight is anchored to words, never to pixels: (line number, word index), the
 * index counting the whitespace-separated words of the booklet line from 0. The
 * booklet never re-wraps a line, so the same words stay marked at every width.
 * Strings come from data-msg-* attributes of #exam-tools (translated in the template).
 * An ES module: jumping to a question and switching panes come from exam/tabs.js.
 */
import * as page from "./exam/tabs.js";

(function () {
  "use strict";

  var exam = document.getElementById("exam");
  var tools = document.getElementById("exam-tools");
  var dataEl = document.getElementById("exam-tools-data");
  if (!tools || !dataEl) return;

  var data = JSON.parse(dataEl.textContent);

  function message(name) {
    return tools.dataset["msg" + name] || "";
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  var inFlight = 0;

  function setPending(delta) {
    inFlight += delta;
    if (exam) exam.dataset.toolsPending = String(inFlight);
  }

  // POST form fields; resolves with {status, body} (status 0: no connection).
  function post(url, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (key) {
      body.append(key, fields[key]);
    });
    setPending(1);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (json) {
            return { status: response.status, body: json };
          });
      })
      .catch(function () {
        return { status: 0, body: {} };
      })
      .finally(function () {
        setPending(-1);
      });
  }

  /* --- the highlighter ---------------------------------------------------------------- */

  var toolbar = document.querySelector("[data-hl-toolbar]");
  var hlStatus = document.querySelector("[data-hl-status]");
  var WORD = /\S+/g;

  function lineText(textPk, number) {
    var line = document.getElementById("text-" + textPk + "-line-" + number);
    return line ? line.querySelector(".booklet-text") : null;
  }

  function wordsOf(el) {
    var words = [];
    var match;
    var content = el.textContent;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(content))) words.push([match.index, match.index + match[0].length]);
    return words;
  }

  // Wrap characters from..to of el's text in <mark>s (one per text node it crosses).
  function wrapChars(el, from, to, className, index) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var position = 0;
    var node;
    while ((node = walker.nextNode())) {
      var length = node.nodeValue.length;
      var start = Math.max(from, position);
      var end = Math.min(to, position + length);
      if (start < end) nodes.push([node, start - position, end - position]);
      position += length;
    }
    nodes.forEach(function (entry) {
      var target = entry[0];
      if (entry[2] < target.nodeValue.length) target.splitText(entry[2]);
      if (entry[1] > 0) target = target.splitText(entry[1]);
      var mark = document.createElement("mark");
      mark.className = className;
      mark.dataset.hlIndex = String(index);
      target.parentNode.insertBefore(mark, target);
      mark.appendChild(target);
    });
  }

  function clearMarks() {
    document.querySelectorAll("mark.hl").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  function renderHighlights() {
    clearMarks();
    data.highlights.forEach(function (h, index) {
      for (var number = h.start[0]; number <= h.end[0]; number++) {
        var el = lineText(h.text, number);
        if (!el) continue;
        var words = wordsOf(el);
        if (!words.length) continue;
        var first = number === h.start[0] ? h.start[1] : 0;
        var last = number === h.end[0] ? h.end[1] : words.length - 1;
        last = Math.min(last, words.length - 1);
        if (first > last) continue;
        wrapChars(el, words[first][0], words[last][1], "hl hl-" + h.colour, index);
      }
    });
  }

  // Characters of el's text before (container, offset).
  function charOffset(el, container, offset) {
    var range = document.createRange();
    range.setStart(el, 0);
    range.setEnd(container, offset);
    return range.toString().length;
  }

  // The words of one line that a range touches: [first, last] or null.
  function touchedWords(line, range) {
    var el = line.querySelector(".booklet-text");
    if (!el) return null;
    var words = wordsOf(el);
    if (!words.length) return null;
    var from = 0;
    var to = el.textContent.length;
    if (el.contains(range.startContainer)) from = charOffset(el, range.startContainer, range.startOffset);
    else if (range.comparePoint(el, 0) < 0) return null; // the range starts after the text
    if (el.contains(range.endContainer)) to = charOffset(el, range.endContainer, range.endOffset);
    else if (range.comparePoint(el, 0) > 0) return null; // the range ends before the text
    var first = -1;
    var last = -1;
    words.forEach(function (word, i) {
      if (word[1] > from && word[0] < to) {
        if (first < 0) first = i;
        last = i;
      }
    });
    return first < 0 ? null : [first, last];
  }

  // The selection as booklet words: {text, start: [line, word], end: [line, word]}.
  function selectedWords() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var found = null;
    document.querySelectorAll(".exam-pane-booklet .booklet").forEach(function (booklet) {
      if (found || !range.intersectsNode(booklet)) return;
      var textPk = booklet.id.replace("text-", "");
      booklet.querySelectorAll(".booklet-line").forEach(function (line) {
        if (!range.intersectsNode(line)) return;
        var words = touchedWords(line, range);
        if (!words) return;
        var number = parseInt(line.dataset.line, 10);
        if (!found) found = { text: textPk, start: [number, words[0]] };
        found.end = [number, words[1]];
      });
    });
    return found;
  }

  function whenReady(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  // The result page shows the pupil's marks, and nothing can change any more.
  if (data.readOnly || !exam) {
    whenReady(renderHighlights);
    return;
  }

  var chosen = null; // the words the next colour or "remove" applies to

  function setChosenMark(index) {
    document.querySelectorAll("mark.hl.is-chosen").forEach(function (mark) {
      mark.classList.remove("is-chosen");
    });
    if (index === null) return;
    document.querySelectorAll('mark.hl[data-hl-index="' + index + '"]').forEach(function (mark) {
      mark.classList.add("is-chosen");
    });
  }

  function hlSay(text) {
    if (hlStatus) hlStatus.textContent = text;
  }

  // A new selection decides what the toolbar marks (nothing, outside the booklet's
  // lines). A collapsed one changes nothing: pressing a toolbar button on a touch
  // screen may collapse the selection before the click arrives.
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    chosen = selectedWords();
    setChosenMark(null);
  });

  // Clicking a mark (without selecting) chooses it: a colour recolours it, "remove"
  // removes it.
  document.addEventListener("click", function (event) {
    if (!event.target.closest || event.target.closest("[data-hl-toolbar]")) return;
    var mark = event.target.closest("mark.hl");
    var selection = window.getSelection();
    if (mark && selection && selection.isCollapsed) {
      var h = data.highlights[parseInt(mark.dataset.hlIndex, 10)];
      if (!h) return;
      chosen = { text: String(h.text), start: h.start, end: h.end };
      setChosenMark(mark.dataset.hlIndex);
      hlSay(message("HighlightChosen"));
    } else if (!selectedWords()) {
      chosen = null;
      setChosenMark(null);
    }
  });

  function paint(colour) {
    if (!chosen) {
      hlSay(message("SelectFirst"));
      return;
    }
    var words = chosen;
    post(data.highlightUrl, {
      text: words.text,
      start_line: words.start[0],
      start_word: words.start[1],
      end_line: words.end[0],
      end_word: words.end[1],
      colour: colour || "",
    }).then(function (result) {
      if (result.status === 200 && result.body.highlights) {
        data.highlights = result.body.highlights;
        chosen = null;
        var selection = window.getSelection();
        if (selection) selection.removeAllRanges();
        renderHighlights();
        hlSay(message(colour ? "HighlightSaved" : "HighlightRemoved"));
      } else {
        hlSay(result.body.error || message("Failed"));
      }
    });
  }

  if (toolbar) {
    // Keep the selection when a toolbar button is pressed.
    toolbar.addEventListener("mousedown", function (event) {
      if (event.target.closest("button")) event.preventDefault();
    });
    toolbar.addEventListener("click", function (event) {
      var swatch = event.target.closest("[data-hl-colour]");
      if (swatch) paint(swatch.dataset.hlColour);
      if (event.target.closest("[data-hl-erase]")) paint(null);
    });
  }

  /* --- per question: note, flag, options struck out ------------------------------------ */

  var NOTE_PAUSE = 1500;
  var NOTE_MAX_WAIT = 8000;
  var state = {}; // question number -> {note, flagged, struck, revision}

  function questionState(number) {
    if (!state[number]) state[number] = { note: "", flagged: false, struck: [], revision: 0 };
    return state[number];
  }

  function questionEl(number) {
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

  function toggleFlag(number) {
    var s = questionState(number);
    s.flagged = !s.flagged;
    showState(number);
    saveQuestion(number);
  }

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
    if (dirty || inFlight) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Saving an answer swaps in a new navigator item (exam.js): mark it again.
  function showFlags() {
    Object.keys(state).forEach(showState);
  }
  document.body.addEventListener("htmx:oobAfterSwap", showFlags);
  document.body.addEventListener("htmx:afterSettle", showFlags);

  /* --- the overview -------------------------------------------------------------------- */

  function questionNumbers() {
    return Array.prototype.map.call(document.querySelectorAll(".exam-question[data-number]"), function (q) {
      return q.dataset.number;
    });
  }

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

  var overviewModal = document.getElementById("overview-modal");
  if (overviewModal) overviewModal.addEventListener("show.bs.modal", fillOverview);

  // Links to a question in the overview (and in the hand-in dialog's flagged list).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.exam-overview-item[data-number]");
    if (!link || !page.showQuestion) return;
    event.preventDefault();
    // Bootstrap's hide gives focus back to the button that opened the dialog: jump
    // once it is hidden, so focus lands on the question.
    var modalEl = link.closest(".modal");
    var number = link.dataset.number;
    if (modalEl) {
      modalEl.addEventListener(
        "hidden.bs.modal",
        function () {
          page.showQuestion(number, true);
        },
        { once: true }
      );
    } else {
      page.showQuestion(number, true);
    }
  });

  /* --- keyboard shortcuts -------------------------------------------------------------- */

  function isTyping(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable) return true;
    if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && !/^(radio|checkbox|button|submit|reset)$/.test(el.type);
  }

  var current = null;

  document.addEventListener("focusin", function (event) {
    var question = event.target.closest && event.target.closest(".exam-question[data-number]");
    if (question) current = question.dataset.number;
  });

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
    if (next && page.showQuestion) {
      current = next;
      page.showQuestion(next, true);
    }
  }

  function showModal(id) {
    var el = document.getElementById(id);
    if (el && window.bootstrap) window.bootstrap.Modal.getOrCreateInstance(el).show();
  }

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
      if (page.isNarrow && page.isNarrow() && page.showPane) page.showPane("booklet");
      booklet.focus({ preventScroll: true });
    } else return;
    event.preventDefault();
  });

  /* --- start ----------------------------------------------------------------------------- */

  function start() {
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
    if (toolbar) toolbar.hidden = false;
    renderHighlights();
  }

  whenReady(start);
})();
