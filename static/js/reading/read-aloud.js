/* Read-aloud: the browser's own speech synthesis with a Dutch voice. Without one it
 * says so and keeps its buttons disabled, rather than speaking English or nothing at all.
 */
import { currentLine, firstVisibleLine } from "./line-reader.js";

export function initReadAloud() {
  var bar = document.getElementById("read-aloud");
  if (!bar) return;
  // The paragraph clicked last: what "read the paragraph" reads without a reading line.
  var lastParagraph = null;
  document.addEventListener("click", function (event) {
    var paragraph = event.target.closest && event.target.closest(".booklet-paragraph");
    if (paragraph) lastParagraph = paragraph;
  });

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
    var readingLine = currentLine();
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
}
