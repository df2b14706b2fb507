/* Teachers' authoring pages: the question form and the answer model.
 *
 * Everything here is an enhancement: without it every form still posts and every
 * field is shown. Booklet references ("regel 85-91" in stems, "Show lines" in the
 * answer model) use the exam page's own module, static/js/exam/references.js; the
 * preview has an entry module of its own, static/js/exam/preview.js.
 */
import {
  clearHighlights,
  highlightLines,
  initReferences,
  linesByNumber,
} from "./exam/references.js";

/* --- the answer model: "Show lines 85-91" lights them up in the booklet ---------- */

function unpressAll() {
  document.querySelectorAll(".model-show-lines[aria-pressed='true']").forEach((el) => {
    el.setAttribute("aria-pressed", "false");
  });
}

function showLines(button) {
  const wasOn = button.getAttribute("aria-pressed") === "true";
  unpressAll();
  clearHighlights();
  if (wasOn) return;
  const numbers = (button.dataset.lines || "").split(/\s+/).filter(Boolean);
  if (highlightLines(linesByNumber(button.dataset.text, numbers))) {
    button.setAttribute("aria-pressed", "true");
  }
}

/* --- the question form: show the fields the chosen scoring needs ----------------- */

function initQuestionForm(form) {
  function checkedValue(name) {
    var checked = form.querySelector("input[name='" + name + "']:checked");
    return checked ? checked.value : "";
  }

  function countFrom(source) {
    var target = form.querySelector(source);
    if (target && target.type === "number") {
      if (target.value) return parseInt(target.value, 10) || 0;
      // "How many the pupil chooses" left empty: as many as there are right options.
      return form.querySelectorAll("input[name='keys']:checked").length;
    }
    var filled = 0;
    form.querySelectorAll(source).forEach(function (field) {
      if (field.value.trim()) filled += 1;
    });
    return filled;
  }

  function update() {
    updateMultiple();
    var mode = checkedValue("mode");
    form.querySelectorAll(".js-mode-per").forEach(function (el) {
      el.hidden = mode !== "per";
    });
    form.querySelectorAll(".js-mode-table").forEach(function (el) {
      el.hidden = mode !== "table" && form.querySelector("input[name='mode']") !== null;
      var source = el.dataset.countSource;
      if (!source) return;
      var count = countFrom(source);
      el.querySelectorAll("input[data-count]").forEach(function (input) {
        var cell = input.closest(".score-table-cell") || input.parentElement;
        cell.hidden = parseInt(input.dataset.count, 10) > count;
      });
    });
    var over = checkedValue("over_limit");
    form.querySelectorAll(".js-over-blocks").forEach(function (el) {
      el.hidden = over !== "blocks";
    });
    form.querySelectorAll(".js-over-deduct").forEach(function (el) {
      el.hidden = over !== "blocks" && over !== "fixed";
    });
    var sentences = form.querySelector("input[name='full_sentences']");
    form.querySelectorAll(".js-sentences-deduct").forEach(function (el) {
      el.hidden = !(sentences && sentences.checked);
    });
    updatePair();
  }

  /* Matching: one target per item (a select) or several (a row of boxes). Switching
   * keeps what was chosen: the target becomes its one ticked box and back; the hidden
   * shown_multiple tells the server the rows already are in the new mode. */
  function updateMultiple() {
    var box = form.querySelector("input[name='multiple']");
    var shown = form.querySelector("input[name='shown_multiple']");
    if (!box || !shown) return;
    var multiple = box.checked;
    form.querySelectorAll(".js-match-single").forEach(function (el) {
      el.hidden = multiple;
    });
    form.querySelectorAll(".js-match-multiple").forEach(function (el) {
      el.hidden = !multiple;
    });
    var table = form.querySelector(".score-table[data-count-source]");
    if (table) {
      table.dataset.countSource = multiple
        ? ".authoring-items input.js-link:checked"
        : ".authoring-items .js-count";
    }
    if ((shown.value === "1") === multiple) return;
    form.querySelectorAll(".authoring-items .authoring-row").forEach(function (row) {
      var select = row.querySelector("select[name$='-pair']");
      var boxes = Array.prototype.slice.call(row.querySelectorAll("input.js-link"));
      if (!select) return;
      if (multiple) {
        boxes.forEach(function (link) {
          link.checked = link.value === select.value;
        });
      } else {
        var ticked = boxes.filter(function (link) {
          return link.checked;
        });
        select.value = ticked.length === 1 ? ticked[0].value : "";
      }
    });
    shown.value = multiple ? "1" : "0";
  }

  /* Statements: the answer words. Two typed words show only for "two other words";
   * each statement's answer keeps its place when the pair changes (juist -> wel). */
  function updatePair() {
    var pair = checkedValue("pair");
    if (!pair) return;
    form.querySelectorAll(".js-pair-custom").forEach(function (el) {
      el.hidden = pair !== "custom";
    });
    var words = pair === "custom" ? ["word_1", "word_2"].map(function (name) {
      var field = form.querySelector("input[name='" + name + "']");
      return field ? field.value.trim() : "";
    }) : pair.split("/");
    form.querySelectorAll("select[name^='statements-'][name$='-answer']").forEach(function (select) {
      // The first option is the empty "—"; the pair's words follow it.
      var options = Array.prototype.slice.call(select.options, 1);
      var chosen = options.indexOf(select.options[select.selectedIndex]);
      words.forEach(function (word, index) {
        var option = options[index];
        if (!option) {
          option = document.createElement("option");
          select.appendChild(option);
          options.push(option);
        }
        option.value = word;
        option.textContent = word || "?";
        option.disabled = !word;
      });
      if (chosen >= 0) select.selectedIndex = Array.prototype.indexOf.call(select.options, options[chosen]);
    });
    var shown = form.querySelector("input[name='shown_pair']");
    if (shown && words[0] && words[1]) shown.value = JSON.stringify(words);
  }

  /* Repeated fields (options, statements, elements): the filled ones and one more,
   * and a button for the rest. A slot with an error always stays in view. */
  form.querySelectorAll(".js-slots").forEach(function (group) {
    var slots = Array.prototype.slice.call(group.children).filter(function (el) {
      return el.classList.contains("js-slot");
    });
    var isFilled = function (slot) {
      var main = slot.querySelector("textarea, input[type=text]");
      return (main && main.value.trim() !== "") || slot.querySelector(".is-invalid") !== null;
    };
    var last = -1;
    slots.forEach(function (slot, index) {
      if (isFilled(slot)) last = index;
    });
    var visible = Math.min(slots.length, Math.max(parseInt(group.dataset.min, 10) || 1, last + 2));
    slots.forEach(function (slot, index) {
      slot.hidden = index >= visible;
    });
    if (visible >= slots.length) return;
    var add = document.createElement("button");
    add.type = "button";
    add.className = "btn btn-sm btn-outline-secondary authoring-add-slot";
    add.textContent = "+ " + (group.dataset.addLabel || "+");
    add.addEventListener("click", function () {
      var next = slots.filter(function (slot) {
        return slot.hidden;
      })[0];
      if (next) {
        next.hidden = false;
        var field = next.querySelector("textarea, input[type=text]");
        if (field) field.focus();
      }
      if (!slots.some(function (slot) { return slot.hidden; })) add.remove();
    });
    group.after(add);
  });

  /* A label style changed (letters or numbers): show the form again in the new
   * labels, with the key, keys, order and pairs relabelled by the server. */
  form.addEventListener("change", function (event) {
    var name = event.target.name;
    if (name !== "labels" && name !== "item_labels" && name !== "target_labels") return;
    var button = form.querySelector(".js-relabel");
    if (button) button.click();
  });

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
}

initReferences();
document.addEventListener("click", (event) => {
  const button = event.target.closest(".model-show-lines");
  if (button) showLines(button);
});

const questionForm = document.getElementById("question-form");
if (questionForm) initQuestionForm(questionForm);
