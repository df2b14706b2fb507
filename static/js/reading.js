/* Reading comfort, the line reader and read-aloud on the exam and result pages
 * (issue 13, §2–3).
 *
 * Comfort modes are words in <html data-reading> (reading.css selects on them); a
 * change applies at once and is stored with the pupil's account. Nothing here ever
 * changes the booklet's text or where its lines break.
 *
 * Read-aloud uses the browser's own speech synthesis with a Dutch voice. Without
 * one it says so and keeps its buttons disabled, rather than speaking English or
 * nothing at all.
 */
(function () {
  "use strict";

  var root = document.documentElement;

  function tokens() {
    return (root.dataset.reading || "").split(/\s+/).filter(Boolean);
  }

  function hasMode(name) {
    return tokens().indexOf(name) !== -1;
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  /* --- the reading menu -------------------------------------------------------------- */

  var form = document.getElementById("reading-form");

  function formValues() {
    var checked = function (name) {
      var input = form.querySelector('[name="' + name + '"]');
      return input && input.checked ? "1" : "0";
    };
    var radio = function (name) {
      var input = form.querySelector('[name="' + name + '"]:checked');
      return input ? input.value : "1";
    };
    return {
      font_size: radio("font_size"),
      line_spacing: radio("line_spacing"),
      dyslexia: checked("dyslexia"),
      high_contrast: checked("high_contrast"),
      line_reader: checked("line_reader"),
    };
  }

  function tokensOf(values) {
    var words = ["size-" + values.font_size, "spacing-" + values.line_spacing];
    if (values.dyslexia === "1") words.push("dyslexia");
    if (values.high_contrast === "1") words.push("contrast");
    if (values.line_reader === "1") words.push("line-reader");
    return words.join(" ");
  }

  function showSaveError(show) {
    var error = document.getElementById("reading-error");
    if (!error) return;
    error.textContent = show ? form.dataset.msgNotSaved : "";
    error.hidden = !show;
  }

  function saveReading() {
    var values = formValues();
    root.dataset.reading = tokensOf(values);
    lineReaderChanged();
    var body = new FormData();
    Object.keys(values).forEach(function (name) {
      body.append(name, values[name]);
    });
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        showSaveError(!response.ok);
      })
      .catch(function () {
        showSaveError(true);
      });
  }

  // The menu shows what <html data-reading> says, even where the page around it came
  // from a cache.
  function syncForm() {
    var words = tokens();
    if (!words.length) return;
    words.forEach(function (word) {
      var match = /^(size|spacing)-(\d)$/.exec(word);
      if (!match) return;
      var name = match[1] === "size" ? "font_size" : "line_spacing";
      var input = form.querySelector('[name="' + name + '"][value="' + match[2] + '"]');
      if (input) input.checked = true;
    });
    [
      ["dyslexia", "dyslexia"],
      ["high_contrast", "contrast"],
      ["line_reader", "line-reader"],
    ].forEach(function (pair) {
      var input = form.querySelector('[name="' + pair[0] + '"]');
      if (input) input.checked = words.indexOf(pair[1]) !== -1;
    });
  }

  if (form) {
    syncForm();
    form.addEventListener("change", saveReading);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      saveReading();
    });
  }

  /* --- the line reader ------------------------------------------------------------------ */

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

  function firstVisibleLine() {
    var pane = bookletPane();
    var lines = bookletLines();
    if (!pane) return lines[0] || null;
    var top = pane.getBoundingClientRect().top;
    for (var i = 0; i < lines.length; i++) {
      if (lines[i].getBoundingClientRect().bottom > top) return lines[i];
    }
    return lines[0] || null;
  }

  function lineReaderChanged() {
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

  document.addEventListener("mousemove", function (event) {
    if (!hasMode("line-reader")) return;
    var line = event.target.closest && event.target.closest(".booklet-body .booklet-line");
    if (line) setReadingLine(line);
  });

  document.addEventListener("click", function (event) {
    var line = event.target.closest && event.target.closest(".booklet-body .booklet-line");
    if (line && hasMode("line-reader")) setReadingLine(line);
    var paragraph = event.target.closest && event.target.closest(".booklet-paragraph");
    if (paragraph) lastParagraph = paragraph;
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

  /* --- printing --------------------------------------------------------------------------- */

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-reading-print]")) window.print();
  });

  /* --- read-aloud --------------------------------------------------------------------------- */

  var bar = document.getElementById("read-aloud");
  var lastParagraph = null;
  if (!bar) return;

  var synth = window.speechSynthesis;
  var status = document.getElementById("read-aloud-status");
  var rate = document.getElementById("read-aloud-rate");
  var voice = null;
  var speakingLine = null;
  var speakingBlock = null;
  var hasHighlights = typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";

  // Never read aloud: margin numbers, hidden helper text, our own buttons, form fields.
  var SKIP =
    ".booklet-lineno, .booklet-parno, .visually-hidden, .note-ref, sup, button, select, " +
    "input, textarea, script, style, .read-aloud-question, [aria-hidden='true'], [hidden]";

  function controls() {
    return Array.prototype.slice.call(
      document.querySelectorAll("#read-aloud button, #read-aloud select, .read-aloud-question button")
    );
  }

  function setEnabled(on) {
    controls().forEach(function (control) {
      control.disabled = !on;
    });
  }

  function say(message) {
    status.textContent = message;
  }

  function dutchVoice() {
    var voices = synth.getVoices() || [];
    var dutch = voices.filter(function (v) {
      return /^nl([-_]|$)/i.test(v.lang || "");
    });
    var netherlands = dutch.filter(function (v) {
      return /^nl[-_]nl$/i.test(v.lang);
    });
    return netherlands[0] || dutch[0] || null;
  }

  function noVoice() {
    bar.classList.add("has-no-voice");
    setEnabled(false);
    say(bar.dataset.msgNoVoice);
  }

  function ready(found) {
    voice = found;
    bar.classList.remove("has-no-voice");
    setEnabled(true);
    say(bar.dataset.msgReady);
  }

  /* Text to speak, and where each piece of it is on the page, so that the word being
   * spoken (a boundary event's charIndex) can be found again. */
  function Collector() {
    this.text = "";
    this.map = [];
  }

  Collector.prototype.add = function (node, start, end) {
    var piece = node.nodeValue.slice(start, end);
    if (!piece) return;
    this.map.push({ at: this.text.length, node: node, offset: start, length: piece.length });
    this.text += piece;
  };

  Collector.prototype.gap = function (separator) {
    if (this.text && !/\s$/.test(this.text)) this.text += separator;
  };

  // A line that ends in a hyphenated word part ("ver-") joins the next without a gap.
  Collector.prototype.lineBreak = function () {
    if (/[a-zà-ÿ]-$/i.test(this.text)) {
      this.text = this.text.slice(0, -1);
      this.joinNext = true;
      return;
    }
    this.gap(" ");
  };

  function skipped(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return !!(element && element.closest(SKIP));
  }

  function collect(collector, container, range) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    var previousLine = null;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (range && !range.intersectsNode(node)) continue;
      if (skipped(node)) continue;
      var line = node.parentElement.closest(".booklet-line");
      // The template's indentation between booklet lines is not text; lineBreak()
      // puts the space between lines.
      if (!line && node.parentElement.closest(".booklet") && !node.nodeValue.trim()) continue;
      if (line && previousLine && line !== previousLine) collector.lineBreak();
      if (line) previousLine = line;
      var start = range && node === range.startContainer ? range.startOffset : 0;
      var end = range && node === range.endContainer ? range.endOffset : node.nodeValue.length;
      if (collector.joinNext) {
        collector.joinNext = false;
        if (!/^[a-zà-ÿ]/.test(node.nodeValue.slice(start, end))) collector.text += "-";
      }
      collector.add(node, start, end);
    }
    return collector;
  }

  function clearMarks() {
    if (speakingLine) speakingLine.classList.remove("is-speaking");
    if (speakingBlock) speakingBlock.classList.remove("is-speaking-block");
    speakingLine = speakingBlock = null;
    if (hasHighlights) CSS.highlights.delete("read-aloud-word");
  }

  function markWord(collector, charIndex, charLength) {
    var entry = null;
    for (var i = collector.map.length - 1; i >= 0; i--) {
      if (collector.map[i].at <= charIndex) {
        entry = collector.map[i];
        break;
      }
    }
    if (!entry) return;
    var line = entry.node.parentElement.closest(".booklet-line");
    if (line !== speakingLine) {
      if (speakingLine) speakingLine.classList.remove("is-speaking");
      speakingLine = line;
      if (line) line.classList.add("is-speaking");
    }
    if (!hasHighlights) return;
    var start = entry.offset + (charIndex - entry.at);
    var length = charLength || (/^\S+/.exec(collector.text.slice(charIndex)) || [""])[0].length;
    var end = Math.min(entry.offset + entry.length, start + Math.max(length, 1));
    try {
      var range = document.createRange();
      range.setStart(entry.node, start);
      range.setEnd(entry.node, end);
      CSS.highlights.set("read-aloud-word", new Highlight(range));
    } catch (e) {
      CSS.highlights.delete("read-aloud-word");
    }
  }

  function speak(collector, block) {
    var text = collector.text.trim();
    if (!text) return;
    synth.cancel();
    clearMarks();
    var utterance = new SpeechSynthesisUtterance(collector.text);
    utterance.lang = (voice && voice.lang) || "nl-NL";
    try {
      utterance.voice = voice;
    } catch (e) {
      // Not a real SpeechSynthesisVoice: the language alone picks the voice.
    }
    utterance.rate = parseFloat(rate.value) || 1;
    utterance.onboundary = function (event) {
      markWord(collector, event.charIndex, event.charLength);
    };
    utterance.onend = utterance.onerror = function () {
      clearMarks();
      say(bar.dataset.msgReady);
    };
    if (block) {
      speakingBlock = block;
      block.classList.add("is-speaking-block");
    }
    say(bar.dataset.msgSpeaking);
    synth.speak(utterance);
  }

  function paragraphToRead() {
    var selection = window.getSelection();
    var anchor = selection && selection.anchorNode;
    var element = anchor && (anchor.nodeType === 1 ? anchor : anchor.parentElement);
    var fromSelection = element && element.closest(".booklet-paragraph");
    if (fromSelection) return fromSelection;
    if (readingLine) return readingLine.closest(".booklet-paragraph");
    if (lastParagraph && document.contains(lastParagraph)) return lastParagraph;
    var line = firstVisibleLine();
    return line ? line.closest(".booklet-paragraph") : null;
  }

  function readSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) {
      say(bar.dataset.msgNoSelection);
      return;
    }
    var range = selection.getRangeAt(0);
    var container = range.commonAncestorContainer;
    if (container.nodeType !== 1) container = container.parentElement;
    var collector = collect(new Collector(), container, range);
    if (!collector.text.trim()) {
      say(bar.dataset.msgNoSelection);
      return;
    }
    speak(collector, null);
  }

  function readQuestion(question) {
    var stem = question.querySelector(".exam-stem");
    if (stem) speak(collect(new Collector(), stem), question);
  }

  function optionsOf(question) {
    return Array.prototype.slice.call(question.querySelectorAll(".exam-option, .form-check-label"))
      .filter(function (option, index, all) {
        // .exam-option holds a .form-check-label: keep the outer one only.
        return !all.some(function (other) {
          return other !== option && other.contains(option);
        });
      });
  }

  function readOptions(question) {
    var collector = new Collector();
    optionsOf(question).forEach(function (option) {
      collector.gap(". ");
      collect(collector, option);
    });
    speak(collector, question);
  }

  function addQuestionButtons() {
    document.querySelectorAll(".exam-question").forEach(function (question) {
      var head = question.querySelector(".exam-question-head");
      if (!head || head.querySelector(".read-aloud-question")) return;
      var group = document.createElement("span");
      group.className = "read-aloud-question";
      var add = function (action, label, short) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-outline-primary";
        button.dataset.speak = action;
        button.setAttribute("aria-label", label + " (" + question.dataset.number + ")");
        button.textContent = short;
        button.disabled = !voice;
        group.appendChild(button);
      };
      add("question", bar.dataset.labelQuestion, bar.dataset.shortQuestion);
      if (optionsOf(question).length) {
        add("options", bar.dataset.labelOptions, bar.dataset.shortOptions);
      }
      head.appendChild(group);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-speak]");
    if (!button || button.disabled || !voice) return;
    var action = button.dataset.speak;
    if (action === "stop") {
      synth.cancel();
      clearMarks();
      say(bar.dataset.msgReady);
    } else if (action === "selection") {
      readSelection();
    } else if (action === "paragraph") {
      var paragraph = paragraphToRead();
      if (paragraph) speak(collect(new Collector(), paragraph), null);
    } else if (action === "question" || action === "options") {
      var question = button.closest(".exam-question");
      if (question) (action === "question" ? readQuestion : readOptions)(question);
    }
  });

  // A selection is lost when a button takes the focus on mousedown in some browsers.
  bar.addEventListener("mousedown", function (event) {
    if (event.target.closest("[data-speak='selection']")) event.preventDefault();
  });

  addQuestionButtons();
  setEnabled(false);
  if (!synth || typeof SpeechSynthesisUtterance === "undefined") {
    noVoice();
    return;
  }
  var found = dutchVoice();
  if (found) {
    ready(found);
  } else {
    say(bar.dataset.msgSearching);
    // Voices often arrive a moment after the page (Chrome); give them two seconds.
    var waited = window.setTimeout(function () {
      if (!voice) noVoice();
    }, 2000);
    synth.addEventListener("voiceschanged", function () {
      var late = dutchVoice();
      if (late && !voice) {
        window.clearTimeout(waited);
        ready(late);
      }
    });
  }
})();
