/* Teachers' authoring pages: the question form, the preview and the answer model.
 *
 * Everything here is an enhancement: without it every form still posts and every
 * field is shown. Booklet references in stems ("regel 85-91") are handled by
 * exam.js, which the preview and the answer model load as the pupil's page does.
 */
(function () {
  "use strict";

  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /* --- the answer model: "Show lines 85-91" lights them up in the booklet ---------- */

  function clearHighlights() {
    document.querySelectorAll(".booklet-line.is-highlighted").forEach(function (el) {
      el.classList.remove("is-highlighted");
    });
    document.querySelectorAll(".model-show-lines[aria-pressed='true']").forEach(function (el) {
      el.setAttribute("aria-pressed", "false");
    });
  }

  function showLines(button) {
    var wasOn = button.getAttribute("aria-pressed") === "true";
    clearHighlights();
    if (wasOn) return;
    var lines = (button.dataset.lines || "").split(/\s+/).filter(Boolean);
    var found = lines
      .map(function (n) {
        return document.getElementById("text-" + button.dataset.text + "-line-" + n);
      })
      .filter(Boolean);
    if (!found.length) return;
    found.forEach(function (el) {
      el.classList.add("is-highlighted");
    });
    button.setAttribute("aria-pressed", "true");
    found[0].scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".model-show-lines");
    if (button) showLines(button);
    var print = event.target.closest("[data-print]");
    if (print) window.print();
  });

  /* --- the preview: answers can be tried, but nothing is ever sent ----------------- */

  var preview = document.getElementById("exam-preview");
  if (preview) {
    var isAnswered = function (form) {
      var answered = false;
      form.querySelectorAll("input, textarea, select").forEach(function (field) {
        if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
        if (field.value && field.value.trim()) answered = true;
      });
      return answered;
    };
    var refresh = function (form) {
      var number = form.dataset.number;
      var nav = document.getElementById("nav-q" + number);
      if (nav) nav.classList.toggle("is-answered", isAnswered(form));
      var count = preview.querySelectorAll(".exam-nav-item.is-answered").length;
      var counter = preview.querySelector("[data-answered-count]");
      if (counter) counter.textContent = String(count);
      var chosen = form.querySelector("[data-chosen]");
      if (chosen) chosen.textContent = String(form.querySelectorAll("input[type=checkbox]:checked").length);
      var limited = form.querySelector("textarea[data-word-limit]");
      var words = form.querySelector("[data-words]");
      if (limited && words) {
        var n = limited.value.trim() ? limited.value.trim().split(/\s+/).length : 0;
        words.textContent = String(n);
        var limit = parseInt(limited.dataset.wordLimit, 10);
        var box = words.closest(".exam-wordcount");
        if (box && limit) box.classList.toggle("is-over", n > limit);
      }
    };
    preview.querySelectorAll("form[data-preview-form]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      form.addEventListener("input", function () {
        refresh(form);
      });
      form.addEventListener("change", function () {
        refresh(form);
      });
      var clear = form.querySelector("[data-clear]");
      if (clear) {
        form.addEventListener("change", function () {
          clear.hidden = !isAnswered(form);
        });
        clear.addEventListener("click", function () {
          form.querySelectorAll("input[type=radio]").forEach(function (field) {
            field.checked = false;
          });
          clear.hidden = true;
          refresh(form);
        });
      }
    });
  }

  /* --- the question form: show the fields the chosen scoring needs ----------------- */

  var form = document.getElementById("question-form");
  if (!form) return;

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

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
