/* The highlighter: the pupil marks words of the booklet in a colour.
 *
 * A highlight is anchored to words, never to pixels: (line number, word index), the
 * index counting the whitespace-separated words of the booklet line from 0. The
 * booklet never re-wraps a line, so the same words stay marked at every width.
 */
import { message, post } from "./server.js";

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

// The marks of data.highlights (data: the parsed #exam-tools-data).
export function renderHighlights(data) {
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

// Marking, recolouring and removing (the exam page; the result page only shows marks).
export function initHighlighter(data) {
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
        renderHighlights(data);
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
}
