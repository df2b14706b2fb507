/* The reading menu: a change applies at once and is stored with the pupil's account. */
import { lineReaderChanged } from "./line-reader.js";
import { csrfToken, root, tokens } from "./modes.js";

const form = document.getElementById("reading-form");

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

export function initReadingMenu() {
  if (form) {
    syncForm();
    form.addEventListener("change", saveReading);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      saveReading();
    });
  }
}
